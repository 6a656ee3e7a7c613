"""Plan against actual: planned and logged kg, km and litres per route, day and month."""

from __future__ import annotations

import datetime as dt

from comuna.waste.trips.selectors import plan_against_actual
from comuna.waste.trips.services import Weighing, trip_log_record
from tests.conftest import World, client_for
from tests.waste.factories_trips import diesel_stock_put, plan_make


def test_the_month_adds_up_planned_and_logged(world: World) -> None:
    plan = plan_make(world.council, day=dt.date(2026, 3, 2))
    diesel_stock_put(world.commune, 100, dt.date(2026, 3, 1))
    route = plan.routes[0]
    stops = plan.point_stops(route)
    trip_log_record(
        route=route,
        metres=33_000,
        litres_ml=24_000,
        weighings=[Weighing(stops[0].pk, 300), Weighing(stops[1].pk, 0, served=False)],
        by=None,
    )
    month = plan_against_actual(world.commune, dt.date(2026, 3, 1))
    assert [d.date for d in month.days] == [dt.date(2026, 3, 2)]
    assert month.total.planned_kg == 2400 and month.total.logged_kg == 300
    assert month.total.planned_litres_ml == 40_000 and month.total.logged_litres_ml == 24_000
    assert (month.total.routes, month.total.logged) == (2, 1)
    assert plan_against_actual(world.commune, dt.date(2026, 4, 1)).days == []

    page = client_for(world.comptroller).get("/recoleccion/real/?mes=2026-03")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="chart-kg"' in text and 'data-testid="plan-actual"' in text
    assert "33.0" in text and "not logged" in text


def test_plan_against_actual_is_not_for_residents(world: World) -> None:
    assert client_for(world.resident).get("/recoleccion/real/").status_code == 404
    assert client_for(world.admin).get("/recoleccion/real/?mes=nada").status_code == 200


def test_the_manager_sets_the_fees_and_the_crew_finds_todays_routes(world: World) -> None:
    from django.utils import timezone

    from comuna.users.models import Role
    from comuna.waste.models import CollectionFees
    from tests import factories
    from tests.conftest import post_form

    plan = plan_make(world.council, day=timezone.localdate())
    manager = factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=world.commune)
    client = client_for(manager)
    response = post_form(client, "/recoleccion/tarifas/", {"per_kg": "1.50", "per_point": "0"})
    assert response.status_code == 302  # type: ignore[attr-defined]
    fees = CollectionFees.objects.get(enterprise=plan.enterprise)
    assert (fees.cents_per_kg, fees.cents_per_point) == (150, 0)
    refused = post_form(client, "/recoleccion/tarifas/", {"per_kg": "-1", "per_point": "0"})
    assert refused.status_code == 400  # type: ignore[attr-defined]

    crew = factories.make_user("chofer", Role.ENTERPRISE_WORKER, commune=world.commune)
    page = client_for(crew).get("/recoleccion/real/").content.decode()
    assert f"/recoleccion/rutas/{plan.routes[0].pk}/" in page
    assert f"/recoleccion/planes/{plan.plan.pk}/hojas.pdf" in page
    assert "/recoleccion/tarifas/" not in page
    assert client_for(crew).get("/recoleccion/tarifas/").status_code == 403
