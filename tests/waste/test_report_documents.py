"""The month's report and the letter as printed: in the commune's language, figures as stated."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from comuna.waste.reporting.documents import letter_pdf, month_report_pdf
from comuna.waste.reporting.selectors import month_report
from tests.conftest import World
from tests.pdf import pdf_page_count, pdf_text
from tests.waste.factories_report import (
    NOVEMBER,
    make_enterprise,
    make_plan,
    make_point,
    make_route,
    make_vehicle,
    november,
    receive_diesel,
)


def test_the_letter_is_in_spanish_whatever_the_screens_language(world: World) -> None:
    report = month_report(november(world.commune, world.council, world.other_council), NOVEMBER)
    with translation.override("en"):
        pdf = letter_pdf(
            report, addressee="La alcaldía", asked_ml=55_000, signatories=["Ana Díaz, vocera"]
        )
    text = pdf_text(pdf)
    assert "Para: La alcaldía" in text
    assert "Gasoil para la recolección de desechos: Comuna El Panal" in text
    # The month as it was: 30 L received, 3 of 4 points, 370 kg, 6,3 days on average.
    assert "recibió 30,0 litros de gasoil" in text
    assert "atendió 3 de sus 4 puntos" in text
    assert "91,9 litros" in text
    assert "80,0 litros" in text and "50,0 litros más" in text
    # What 55 L would serve, marked as estimated, and the method under the table.
    assert "La asignación que pedimos *" in text
    assert "518" in text and "666" in text
    assert "Estimado. Cómo:" in text
    assert "solicitamos una asignación mensual de 55,0 litros" in text
    assert "Ana Díaz, vocera" in text


def test_a_name_is_printed_as_typed_never_as_markup(world: World) -> None:
    report = month_report(november(world.commune, world.council, world.other_council), NOVEMBER)
    pdf = letter_pdf(
        report,
        addressee='<b>Alcaldía</b> <img src="/etc/passwd"/>',
        asked_ml=40_000,
        signatories=["<i>Pedro</i>"],
    )
    # Drawn in pieces: read without the breaks and spaces between them.
    letters = "".join(pdf_text(pdf).split())
    assert '<b>Alcaldía</b><imgsrc="/etc/passwd"/>' in letters
    assert "<i>Pedro</i>" in letters


def test_the_report_prints_each_day_and_each_council(world: World) -> None:
    report = month_report(november(world.commune, world.council, world.other_council), NOVEMBER)
    text = pdf_text(month_report_pdf(report))
    assert "EPS Recolección El Panal: noviembre de 2026" in text
    assert "02/11/2026" in text and "05/11/2026 *" in text
    assert "CC01 Los Mangos" in text and "CC02 La Ceiba" in text
    assert "7,3" in text  # the first council's mean wait


def test_an_empty_month_still_prints(world: World) -> None:
    report = month_report(make_enterprise(world.commune), NOVEMBER)
    pdf = month_report_pdf(report)
    assert pdf_page_count(pdf) == 1
    assert "Kg recolectados" in pdf_text(pdf)


def test_a_month_of_thirty_one_days_prints_its_charts_each_on_a_page(world: World) -> None:
    enterprise = make_enterprise(world.commune)
    truck = make_vehicle(enterprise)
    point = make_point(enterprise, world.council, "P1")
    for day in range(1, 32):
        plan = make_plan(enterprise, dt.date(2026, 12, day), points_left=2)
        make_route(plan, truck, [(point, 40)], litres_ml=7_000)
    report = month_report(enterprise, dt.date(2026, 12, 1))
    pdf = month_report_pdf(report)
    assert pdf_page_count(pdf) >= 3
    assert "Litros de cada día frente a la asignación del día" in pdf_text(pdf)


def test_a_ration_that_covered_the_need_is_said_so(world: World) -> None:
    enterprise = november(world.commune, world.council, world.other_council)
    receive_diesel(world.commune, dt.date(2026, 11, 20), 60_000)  # 90 L against 80 L of need
    text = " ".join(
        pdf_text(
            letter_pdf(
                month_report(enterprise, NOVEMBER),
                addressee="La alcaldía",
                asked_ml=90_000,
                signatories=["Ana"],
            )
        ).split()
    )
    assert "el gasoil que recibimos alcanzó" in text
    assert "litros más de los que recibimos" not in text
