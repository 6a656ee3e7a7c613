"""The route sheets, the crew's page and its trip log form, role by role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from comuna.ledger import chart
from comuna.ledger.models import Account
from comuna.users.models import Role
from comuna.waste.models import TripLog, TripSource
from tests import factories
from tests.conftest import World, client_for, post_form
from tests.pdf import pdf_page_count, pdf_text
from tests.waste.factories_trips import Plan, diesel_stock_put, plan_make


@pytest.fixture
def plan(world: World) -> Plan:
    made = plan_make(world.council)
    diesel_stock_put(world.commune, 100, made.plan.date - dt.timedelta(days=2))
    return made


def _user(world: World, role: Role, name: str):  # type: ignore[no-untyped-def]
    return factories.make_user(name, role, commune=world.commune)


def _form(plan: Plan, kgs: list[str], km: str = "31.4", litres: str = "22.5") -> dict[str, object]:
    route = plan.routes[0]
    data: dict[str, object] = {"km": km, "litres": litres, "note": ""}
    for stop, kg in zip(plan.point_stops(route), kgs, strict=True):
        data[f"kg_{stop.pk}"] = kg
    return data


def test_the_route_sheet_is_a_pdf_with_the_stops_and_the_signature_lines(
    world: World, plan: Plan
) -> None:
    client = client_for(world.admin)
    route = plan.routes[0]
    response = client.get(f"/recoleccion/rutas/{route.pk}/hoja.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for point in plan.point_stops(route):
        assert point.point.code in text
    assert "Relleno La Bonanza" in text
    assert "Driver" in text and "kg collected" in text
    assert "20.0 L" in text


def test_every_sheet_of_the_day_in_one_pdf(world: World, plan: Plan) -> None:
    client = client_for(world.admin)
    response = client.get(f"/recoleccion/planes/{plan.plan.pk}/hojas.pdf")
    assert response.status_code == 200
    assert pdf_page_count(response.content) >= 2
    text = pdf_text(response.content)
    assert all(r.vehicle.plate in text for r in plan.routes)


def test_the_crew_logs_the_trip_from_the_phone_page(world: World, plan: Plan) -> None:
    crew = _user(world, Role.ENTERPRISE_WORKER, "chofer")
    client = client_for(crew)
    url = f"/recoleccion/rutas/{plan.routes[0].pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert b"P001" in page.content and b"<svg" in page.content
    response = post_form(client, url, _form(plan, ["350", "", "410"]))
    assert response.status_code == 302  # type: ignore[attr-defined]
    log = TripLog.objects.get()
    assert (log.metres, log.litres_ml, log.source) == (31_400, 22_500, TripSource.PHONE)
    assert [w.kg for w in log.weighings.order_by("stop__sequence")] == [350, 410]
    stock = Account.objects.of(world.commune).get(code=chart.STOCK_DIESEL)
    assert stock.debits_posted - stock.credits_posted == 100_000 - 22_500
    after = client.get(url)
    assert b"760" in after.content and b"close-trip" not in after.content


def test_the_manager_types_the_sheet_and_bad_input_is_named(world: World, plan: Plan) -> None:
    manager = _user(world, Role.ENTERPRISE_MANAGER, "gerente")
    client = client_for(manager)
    url = f"/recoleccion/rutas/{plan.routes[0].pk}/"
    refused = post_form(client, url, _form(plan, ["-3", "", ""], km="-1"))
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert not TripLog.objects.exists()
    short = post_form(client, url, _form(plan, ["1", "2", "3"], litres="150"))
    assert short.status_code == 400  # type: ignore[attr-defined]
    assert b"below zero" in short.content  # type: ignore[attr-defined]
    done = post_form(client, url, _form(plan, ["1", "2", "3"]))
    assert done.status_code == 302  # type: ignore[attr-defined]
    assert TripLog.objects.get().source == TripSource.SHEET


@pytest.mark.parametrize("who", ["treasurer", "comptroller"])
def test_readers_see_the_route_and_its_sheet_but_cannot_log(
    world: World, plan: Plan, who: str
) -> None:
    client = client_for(getattr(world, who))
    url = f"/recoleccion/rutas/{plan.routes[0].pk}/"
    page = client.get(url)
    assert page.status_code == 200 and b"close-trip" not in page.content
    assert client.get(f"{url}hoja.pdf").status_code == 200
    assert post_form(client, url, _form(plan, ["1", "2", "3"])).status_code == 403  # type: ignore[attr-defined]
    assert not TripLog.objects.exists()


@pytest.mark.parametrize("who", ["resident", "spokesperson"])
def test_others_do_not_see_routes(world: World, plan: Plan, who: str) -> None:
    client: Client = client_for(getattr(world, who))
    assert client.get(f"/recoleccion/rutas/{plan.routes[0].pk}/").status_code == 404
    assert client.get(f"/recoleccion/planes/{plan.plan.pk}/hojas.pdf").status_code == 404


def test_a_route_of_another_commune_is_not_found(world: World, plan: Plan) -> None:
    other = factories.make_commune(name="Comuna Otra")
    admin = factories.make_user("otra", Role.ADMIN, commune=other)
    assert client_for(admin).get(f"/recoleccion/rutas/{plan.routes[0].pk}/").status_code == 404
