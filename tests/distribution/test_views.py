"""The distribution pages, through the test client with CSRF enforced, for each role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import HttpResponse
from django.test import Client

from comuna.distribution import services
from comuna.distribution.models import Delivery, NonDelivery, Programme, Round, RoundStatus
from tests.conftest import World, client_for, post_form
from tests.distribution.conftest import Day, bag_programme
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def _post(client: Client, url: str, data: dict[str, object]) -> HttpResponse:
    """POST to an endpoint that only takes POST, with the CSRF cookie of a page read first."""
    client.get("/reparto/")
    if "csrftoken" not in client.cookies:
        client.get("/")
    response: HttpResponse = client.post(
        url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    )
    return response


def test_the_admin_creates_a_programme_and_a_round_and_opens_it(world: object) -> None:
    admin = world.admin  # type: ignore[attr-defined]
    client = client_for(admin)
    post_form(
        client,
        "/reparto/programas/nuevo/",
        {
            "name": "Gas 18 kg",
            "kind": "gas",
            "unit": "CYL",
            "base_quantity": 1,
            "per_member": 0,
            "cap": 2,
            "cylinder_kg": 18,
            "fee_minor": 1000,
            "fee_currency": "VES",
            "active": "on",
        },
    )
    programme = Programme.objects.get(name="Gas 18 kg")
    post_form(
        client,
        "/reparto/rondas/nueva/",
        {
            "programme": programme.pk,
            "stock_received": 5,
            "received_on": "2026-03-01",
            "distribution_on": "2026-03-02",
            "tables": 2,
        },
    )
    round_ = Round.objects.get()
    response = _post(client, f"/reparto/rondas/{round_.pk}/abrir/", {"seed": "asamblea"})
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN
    page = client.get(round_.get_absolute_url()).content.decode()
    assert round_.input_hash in page and "asamblea" in page
    assert response is not None


def test_a_bad_round_is_refused_with_a_message_and_nothing_saved(world: object) -> None:
    client = client_for(world.admin)  # type: ignore[attr-defined]
    programme = bag_programme(world)  # type: ignore[arg-type]
    response = post_form(
        client,
        "/reparto/rondas/nueva/",
        {
            "programme": programme.pk,
            "stock_received": 5,
            "received_on": "2026-03-05",
            "distribution_on": "2026-03-02",
            "tables": 2,
        },
    )
    assert "cannot come before the stock arrives" in response.content.decode()  # type: ignore[attr-defined]
    assert not Round.objects.exists()


def test_the_rerun_page_confirms_the_list(day: Day) -> None:
    page = client_for(day.world.comptroller).get(f"/reparto/rondas/{day.round.pk}/verificar/")
    assert "same hash, same award" in page.content.decode()


def test_a_table_finds_a_household_by_card_and_by_name_and_delivers(day: Day) -> None:
    client = client_for(day.world.spokesperson)
    base = f"/reparto/rondas/{day.round.pk}/mesa/1/"
    assert client.get(base).status_code == 200
    found = client.get(base + "buscar/", {"q": day.world.household.card_code}).content.decode()
    assert day.world.household.label in found
    found = client.get(base + "buscar/", {"q": "maría pérez"}).content.decode()
    assert day.world.household.label in found
    # A household of another council is not within a CC01 spokesperson's table.
    other = client.get(base + "buscar/", {"q": day.world.other_household.card_code})
    assert day.world.other_household.label not in other.content.decode()
    response = post_form(
        client,
        f"/reparto/rondas/{day.round.pk}/entregar/",
        {
            "household": day.world.household.pk,
            "table": 1,
            "collected_by": "proxy",
            "proxy_name": "Rosa Díaz",
        },
    )
    assert "Delivered 1" in response.content.decode()  # type: ignore[attr-defined]
    again = post_form(
        client,
        f"/reparto/rondas/{day.round.pk}/entregar/",
        {"household": day.world.household.pk, "table": 1, "collected_by": "head"},
    )
    assert "already received in this round" in again.content.decode()  # type: ignore[attr-defined]
    assert Delivery.objects.get().proxy_name == "Rosa Díaz"


def test_a_table_records_why_a_household_did_not_receive(day: Day) -> None:
    client = client_for(day.world.admin)
    _post(
        client,
        f"/reparto/rondas/{day.round.pk}/mesa/1/no-entrega/",
        {"household": day.world.household.pk, "reason": "no_money"},
    )
    assert NonDelivery.objects.get().reason == "no_money"


@pytest.mark.parametrize(
    "typed", ["V-12.345.678", "v12345678", "12.345.678", "CC01-0001", "cc01-0001", "CC010001"]
)
def test_a_table_finds_a_household_by_id_number_or_code_and_shows_who_lives_there(
    day: Day, typed: str
) -> None:
    client = client_for(day.world.spokesperson)
    base = f"/reparto/rondas/{day.round.pk}/mesa/1/"
    found = client.get(base + "buscar/", {"q": typed}).content.decode()
    assert found.count('data-testid="found-household"') == 1
    assert day.world.household.label in found and day.world.household.address in found
    assert "María José Pérez Rodríguez" in found and "V-12.345.678" in found  # the head
    assert "Luis Pérez" in found  # and every member


def test_a_delivery_and_a_refusal_are_told_apart_in_words_and_roles(day: Day) -> None:
    client = client_for(day.world.spokesperson)
    url = f"/reparto/rondas/{day.round.pk}/entregar/"
    data = {"household": day.world.household.pk, "table": 1, "collected_by": "head"}
    done = _post(client, url, data).content.decode()
    assert 'role="status"' in done and "Delivered" in done and 'role="alert"' not in done
    refused = _post(client, url, data).content.decode()
    assert 'role="alert"' in refused and "Cannot be delivered" in refused
    assert 'role="status"' not in refused


def test_the_printed_council_list_is_a_pdf(day: Day) -> None:
    response = client_for(day.world.spokesperson).get(
        f"/reparto/rondas/{day.round.pk}/consejos/CC01/lista.pdf"
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    lines = pdf_text(response.content).splitlines()
    assert "Comuna El Panal" in lines and "Page 1" in lines and "Signature" in lines
    assert day.world.household.label in lines


def test_a_resident_sees_why_their_household_is_served_and_no_one_elses(day: Day) -> None:
    client = client_for(day.world.resident)
    page = client.get(f"/reparto/hogares/{day.world.household.pk}/").content.decode()
    assert "served in full" in page
    assert 'data-testid="household-summary"' in page  # the latest round first
    assert client.get(f"/reparto/hogares/{day.world.other_household.pk}/").status_code == 404
    assert client.get(f"/reparto/rondas/{day.round.pk}/").status_code == 404
    assert client.get("/reparto/").status_code == 302


def test_reconciliation_is_for_the_comptroller(day: Day) -> None:
    assert client_for(day.world.comptroller).get("/reparto/conciliacion/").status_code == 200
    assert client_for(day.world.spokesperson).get("/reparto/conciliacion/").status_code == 403
    assert client_for(day.world.resident).get("/reparto/conciliacion/").status_code == 403


def test_the_comptroller_cannot_open_close_or_deliver(day: Day) -> None:
    client = client_for(day.world.comptroller)
    response = _post(client, f"/reparto/rondas/{day.round.pk}/cerrar/", {"remaining_counted": 3})
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert client.get(f"/reparto/rondas/{day.round.pk}/mesa/1/").status_code == 403


def test_reports_and_public_figures_render(day: Day) -> None:
    assert client_for(day.world.admin).get("/reparto/informes/").status_code == 200
    assert client_for(day.world.spokesperson).get("/reparto/informes/").status_code == 200
    assert client_for(day.world.comptroller).get("/reparto/informes/").status_code == 200
    assert client_for(day.world.resident).get("/reparto/informes/").status_code == 403
    public = client_for(None).get("/reparto/publico/").content.decode()
    assert day.world.household.label not in public and "CLAP" in public


def test_the_admin_closes_a_round_and_a_miscount_is_flagged(day: Day) -> None:
    client = client_for(day.world.admin)
    _post(client, f"/reparto/rondas/{day.round.pk}/cerrar/", {"remaining_counted": 9})
    page = client_for(day.world.comptroller).get("/reparto/conciliacion/").content.decode()
    assert 'data-testid="flag"' in page and "existencias recibidas" in page  # as the books keep it


def test_the_household_page_shows_the_gas_profile_and_edits_it(day: Day) -> None:
    client = client_for(day.world.spokesperson)
    post_form(
        client,
        f"/censo/hogares/{day.world.household.pk}/editar/",
        {"address": "Calle 1, casa 3", "cylinders_10kg": 1, "cylinders_43kg": 2, "piped_gas": ""},
    )
    page = client.get(f"/censo/hogares/{day.world.household.pk}/").content.decode()
    assert "1 cylinder of 10 kg" in page and "2 cylinders of 43 kg" in page


def test_a_spokesperson_sees_only_her_councils_households_in_the_reports(world: World) -> None:
    programme = bag_programme(world, name="Gas")
    for n in range(3):
        round_ = services.round_create(
            programme=programme,
            stock_received=0,
            received_on=dt.date(2026, 4, 1 + n),
            distribution_on=dt.date(2026, 4, 2 + n),
        )
        services.round_open(round=round_, seed=f"s{n}", by=world.admin)
    mine, theirs = world.household.label, world.other_household.label

    admin_page = client_for(world.admin).get("/reparto/informes/").content.decode()
    page = client_for(world.spokesperson, language="es").get("/reparto/informes/")

    assert mine in admin_page and theirs in admin_page
    assert page.status_code == 200
    assert mine in page.content.decode() and theirs not in page.content.decode()
