"""The waste month's report and the letter in a real browser, in Spanish on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from comuna.governance.models import Organ, OrganKind, Seat
from comuna.users.models import Role
from tests import factories
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World
from tests.pdf import pdf_text
from tests.waste.factories_report import november

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_opens_the_month_makes_the_letter_and_downloads_it(
    page: Any, live_server: Any, world: World
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    november(world.commune, world.council, world.other_council)
    organ = Organ.objects.create(
        commune=world.commune, kind=OrganKind.EXECUTIVE, name="Consejo Ejecutivo"
    )
    Seat.objects.create(organ=organ, title="Vocería de servicios", holder=world.head)
    factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=world.commune)
    log_in(page, live_server, "gerente")

    page.goto(f"{live_server.url}/recoleccion/mes/2026-11/")
    assert "noviembre de 2026" in page.locator("h1").inner_text()
    assert page.locator("[data-testid=kg]").inner_text() == "370"
    assert page.locator("[data-testid=per-tonne]").inner_text() == "91,9"
    page.locator("[data-testid=chart-waits]").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    report = page.request.get(
        live_server.url + page.get_attribute("[data-testid=report-pdf]", "href")
    )
    assert report.headers["content-type"] == "application/pdf"
    assert "Kg recolectados" in pdf_text(report.body())

    page.get_by_role("link", name="Escribir una carta para pedir gasoil").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.select_option("#id_addressee_kind", "mayor")
    page.fill("#id_asked_litres", "55")
    page.get_by_label("María José Pérez Rodríguez, Vocería de servicios").check()
    page.fill("#id_other_signatories", "Pedro Gil, gerente de la EPS")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Hacer la carta (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "carta-gasoil-2026-11.pdf"
    text = pdf_text(Path(download.path()).read_bytes())
    assert "Para: La alcaldía" in text
    assert "55,0 litros" in text
    assert "Pedro Gil, gerente de la EPS" in text


def test_a_letter_without_signatories_is_sent_back_with_the_reason(
    page: Any, live_server: Any, world: World
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    november(world.commune, world.council, world.other_council)
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/recoleccion/mes/2026-11/carta/")
    page.fill("#id_asked_litres", "55")
    page.get_by_role("button", name="Hacer la carta (PDF)").click()
    page.locator("[data-testid=error-summary]").wait_for()
    assert "Alguien tiene que firmar la carta." in page.inner_text("[data-testid=error-summary]")
    assert_accessible(page)
