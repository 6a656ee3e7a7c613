"""The month's report and the letter, through the pages: who reads them, what they say."""

from __future__ import annotations

import pytest
from django.test import Client

from comuna.enterprises.models import Enterprise
from comuna.governance.models import Organ, OrganKind, Seat
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World, client_for, post_form
from tests.pdf import pdf_text
from tests.waste.factories_report import make_enterprise, november

MONTH = "/recoleccion/mes/2026-11/"


@pytest.fixture
def enterprise(world: World) -> Enterprise:
    return november(world.commune, world.council, world.other_council)


@pytest.fixture
def manager(world: World) -> User:
    return factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=world.commune)


@pytest.fixture
def worker(world: World) -> User:
    return factories.make_user("chofer", Role.ENTERPRISE_WORKER, commune=world.commune)


def _user(world: World, name: str, manager: User, worker: User) -> User | None:
    return {
        "admin": world.admin,
        "manager": manager,
        "treasurer": world.treasurer,
        "comptroller": world.comptroller,
        "worker": worker,
        "spokesperson": world.spokesperson,
        "resident": world.resident,
        "anonymous": None,
    }[name]


@pytest.mark.parametrize(
    ("role", "report", "letter"),
    [
        ("admin", 200, 200),
        ("manager", 200, 200),
        ("treasurer", 200, 403),
        ("comptroller", 200, 403),
        ("worker", 403, 403),
        ("spokesperson", 403, 403),
        ("resident", 403, 403),
    ],
)
def test_the_month_is_read_by_the_enterprise_and_the_books_and_written_to_by_its_manager(
    world: World,
    enterprise: Enterprise,
    manager: User,
    worker: User,
    role: str,
    report: int,
    letter: int,
) -> None:
    client = client_for(_user(world, role, manager, worker))
    assert client.get(MONTH).status_code == report
    assert client.get(MONTH + "datos.csv").status_code == report
    assert client.get(MONTH + "informe.pdf").status_code == report
    assert client.get(MONTH + "carta/").status_code == letter


def test_anonymous_is_sent_to_log_in(enterprise: Enterprise) -> None:
    for path in (MONTH, MONTH + "datos.csv", MONTH + "informe.pdf", MONTH + "carta/"):
        answer = Client().get(path)
        assert answer.status_code == 302
        assert "/cuenta/" in answer["Location"]


def test_the_page_shows_the_months_figures_and_charts(
    world: World, enterprise: Enterprise, manager: User
) -> None:
    page = client_for(manager).get(MONTH).content.decode()
    assert 'data-testid="kg">370<' in page
    assert 'data-testid="points-served">3 / 4<' in page
    assert 'data-testid="per-tonne">91.9<' in page
    for chart in ("kg", "litres", "waits", "ration"):
        assert f'data-testid="chart-{chart}"' in page
    assert "CC02 Consejo" in page or "CC02 La Ceiba" in page


def test_an_enterprise_of_another_commune_is_not_found(
    world: World, enterprise: Enterprise, manager: User
) -> None:
    other = make_enterprise(factories.make_commune(), name="Otra EPS")
    assert client_for(manager).get(f"{MONTH}?empresa={other.pk}").status_code == 404


def test_a_commune_without_waste_collection_has_no_report(world: World) -> None:
    assert client_for(world.admin).get(MONTH).status_code == 404


def test_a_month_that_is_no_month_is_not_found(world: World, enterprise: Enterprise) -> None:
    for month in ("2026-13", "2026-00", "0000-01", "9999-12", "26-11"):
        assert client_for(world.admin).get(f"/recoleccion/mes/{month}/").status_code == 404


def test_the_csv_has_a_line_per_day(world: World, enterprise: Enterprise) -> None:
    answer = client_for(world.treasurer).get(MONTH + "datos.csv")
    lines = answer.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("fecha;registrado;kg")
    assert lines[1:] == [
        "2026-11-02;si;170;2;3;16.0;20.0;40.0",
        "2026-11-05;no;200;3;1;18.0;20.0;40.0",
    ]


def test_the_report_pdf_is_in_the_communes_language(world: World, enterprise: Enterprise) -> None:
    answer = client_for(world.comptroller, language="en").get(MONTH + "informe.pdf")
    assert answer["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content)
    assert "noviembre de 2026" in text
    assert "Kg recolectados" in text
    assert "91,9" in text
    assert "CC01 Los Mangos" in text


@pytest.fixture
def spokesperson_seat(world: World) -> Seat:
    organ = Organ.objects.create(
        commune=world.commune, kind=OrganKind.EXECUTIVE, name="Consejo Ejecutivo"
    )
    return Seat.objects.create(organ=organ, title="Vocería de servicios", holder=world.head)


def test_the_letter_sets_out_the_figures_the_estimate_and_its_method(
    world: World, enterprise: Enterprise, manager: User, spokesperson_seat: Seat
) -> None:
    client = client_for(manager)
    answer = post_form(
        client,
        MONTH + "carta/",
        {
            "addressee_kind": "fuel_distributor",
            "addressee": "PDVSA Gas, distrito Caracas",
            "asked_litres": "55",
            "signatories": [str(world.head.pk)],
            "other_signatories": "Pedro Gil, gerente de la EPS",
            "place": "Caracas",
        },
    )
    assert answer.status_code == 200  # type: ignore[attr-defined]
    assert answer["Content-Type"] == "application/pdf"  # type: ignore[index]
    text = pdf_text(answer.content)  # type: ignore[attr-defined]
    assert "PDVSA Gas, distrito Caracas" in text
    assert "Caracas, " in text.splitlines()[4]  # the place before the date, as letters begin
    assert "María José Pérez Rodríguez, Vocería de servicios" in text
    assert "Pedro Gil, gerente de la EPS" in text
    # The month's figures, and what 55 L would serve (half the gap: 7 services, 518 kg).
    assert "30,0 litros" in text
    assert "518" in text
    assert "55,0 litros" in text
    assert "Estimado" in text


def test_a_letter_without_a_signatory_or_an_addressee_is_refused(
    world: World, enterprise: Enterprise, manager: User
) -> None:
    answer = post_form(
        client_for(manager),
        MONTH + "carta/",
        {"addressee_kind": "other", "addressee": "", "asked_litres": "55"},
    )
    assert answer.status_code == 400  # type: ignore[attr-defined]
    page = answer.content.decode()  # type: ignore[attr-defined]
    assert "Name the institution the letter is for." in page
    assert "Someone must sign the letter." in page


def test_a_ration_of_no_litres_is_refused(world: World, enterprise: Enterprise) -> None:
    answer = post_form(
        client_for(world.admin),
        MONTH + "carta/",
        {"addressee_kind": "mayor", "asked_litres": "-5", "other_signatories": "Ana"},
    )
    assert answer.status_code == 400  # type: ignore[attr-defined]


def test_an_enterprise_id_that_is_no_number_or_too_large_means_the_first(
    world: World, enterprise: Enterprise
) -> None:
    for value in ("abc", "²", "9" * 40, "-1"):
        answer = client_for(world.admin).get(f"{MONTH}?empresa={value}")
        assert answer.status_code == 200


GOOD_LETTER = {
    "addressee_kind": "fuel_distributor",
    "addressee": "PDVSA",
    "asked_litres": "55",
    "other_signatories": "Pedro Gil, gerente",
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("addressee", "\x00"),
        ("addressee", "x" * 100_000),
        ("other_signatories", "\x00"),
        ("other_signatories", "x" * 100_000),
        ("asked_litres", str(2**63)),
        ("asked_litres", str(-(2**63))),
        ("asked_litres", "1e400"),
        ("asked_litres", "\x00"),
        ("addressee_kind", "\x00"),
        ("signatories", "99999999999999999999"),
    ],
)
def test_bad_input_in_the_letter_answers_400_never_a_letter(
    world: World, enterprise: Enterprise, spokesperson_seat: Seat, field: str, value: str
) -> None:
    answer = post_form(client_for(world.admin), MONTH + "carta/", {**GOOD_LETTER, field: value})
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert answer["Content-Type"].startswith("text/html")  # type: ignore[index]


def test_the_good_letter_of_those_tests_is_made(world: World, enterprise: Enterprise) -> None:
    answer = post_form(client_for(world.admin), MONTH + "carta/", GOOD_LETTER)
    assert answer["Content-Type"] == "application/pdf"  # type: ignore[index]


def test_with_several_enterprises_the_page_offers_a_choice_and_reads_the_one_chosen(
    world: World, enterprise: Enterprise
) -> None:
    other = make_enterprise(world.commune, name="Zona Sur, recolección")
    client = client_for(world.admin)
    first = client.get(MONTH).content.decode()
    assert 'data-testid="choose-enterprise"' in first
    assert 'data-testid="kg">370<' in first  # none chosen: the first by name
    chosen = client.get(f"{MONTH}?empresa={other.pk}").content.decode()
    assert "No day was planned this month." in chosen
    assert f"informe.pdf?empresa={other.pk}" in chosen
