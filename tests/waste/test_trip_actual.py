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
