"""Worked cases: reloads, the need figure, the shortfall, the JSON the app prints."""

from __future__ import annotations

import dataclasses
import json

from comuna.engines.routing import Point, Problem, Site, Vehicle, plan_day, prize
from tests.engines.routing.towns import town


def test_with_diesel_enough_every_point_is_served_and_trucks_reload() -> None:
    problem = town(12, seed=1, allowance=100.0, capacity=300)
    plan = plan_day(problem)
    assert plan.points_left == ()
    assert plan.litres == plan.litres_to_serve_all or plan.litres <= plan.litres_to_serve_all + 5
    assert sum(r.trips for r in plan.routes) >= -(-plan.kg // 300)  # at least kg / capacity


def test_a_small_ration_serves_part_and_says_what_is_left() -> None:
    problem = town(12, seed=4, allowance=100.0)
    need = plan_day(problem).litres_to_serve_all
    half = dataclasses.replace(problem, allowance_litres=need / 2)
    plan = plan_day(half)
    assert 0 < len(plan.points_served) < 12
    assert plan.litres <= need / 2
    assert plan.litres_to_serve_all == need


def test_no_diesel_serves_nothing() -> None:
    plan = plan_day(town(5, seed=2, allowance=0.0))
    assert plan.routes == () and plan.litres == 0 and len(plan.points_left) == 5


def test_required_points_that_do_not_fit_are_reported_with_the_litres_missing() -> None:
    problem = town(8, seed=6, allowance=0.5, required=3)
    plan = plan_day(problem)
    assert plan.litres <= 0.5
    assert plan.required_shortfall_litres > 0
    needed = plan_day(dataclasses.replace(problem, allowance_litres=100.0))
    assert {"p0", "p1", "p2"} <= set(needed.points_served)
    assert needed.required_shortfall_litres == 0


def test_required_points_come_before_richer_optional_ones() -> None:
    problem = town(10, seed=8, allowance=100.0, required=1)
    need = plan_day(problem).litres_to_serve_all
    plan = plan_day(dataclasses.replace(problem, allowance_litres=need * 0.6))
    if plan.required_shortfall_litres == 0:
        assert "p0" in plan.points_served


def test_the_prize_grows_with_waste_and_kind() -> None:
    base = Point("a", waste_kg=50)
    assert prize(Point("b", waste_kg=80)) > prize(base)
    assert prize(Point("c", waste_kg=50, weight=3.0)) > prize(base)
    assert prize(Point("d", waste_kg=0)) > 0


def test_the_json_carries_what_the_waste_app_prints() -> None:
    plan = plan_day(town(6, seed=3, allowance=3.0))
    data = json.loads(json.dumps(plan.as_dict()))
    for key in (
        "allowance_litres",
        "litres",
        "prize",
        "kg",
        "points_served",
        "points_left",
        "litres_to_serve_all",
        "required_shortfall_litres",
        "routes",
    ):
        assert key in data
    for route in data["routes"]:
        assert {"vehicle", "stops", "kg", "litres", "km", "trips"} <= set(route)
        assert route["stops"][0]["kind"] == "depot"
        assert {"key", "kind", "kg", "arrive_s"} <= set(route["stops"][0])


def test_a_site_far_from_home_is_still_where_the_last_load_goes() -> None:
    # depot 0, site 1; one point beside the depot: the truck must go to the site and back.
    problem = Problem(
        depot_key="lot",
        sites=(Site("landfill"),),
        points=(Point("p", waste_kg=100),),
        vehicles=(Vehicle("t", capacity_kg=1000, litres_per_100km=30.0),),
        distances_m=[[0, 5000, 100], [5000, 0, 5000], [100, 5000, 0]],
        allowance_litres=10.0,
    )
    plan = plan_day(problem)
    assert [s.key for s in plan.routes[0].stops] == ["lot", "p", "landfill", "lot"]
    assert plan.routes[0].km == 10.1
    assert plan.litres_to_serve_all == 10.1 * 30 / 100
    short = plan_day(dataclasses.replace(problem, allowance_litres=3.0))
    assert short.points_served == () and short.litres == 0


def test_trucks_of_different_speeds_and_three_trucks_plan_within_their_limits() -> None:
    from tests.engines.routing.test_promises import check_plan

    problem = town(10, seed=9, allowance=3.0, vehicles=3)
    vehicles = tuple(
        dataclasses.replace(v, speed_kmh=15 + 10 * k, shift_s=3 * 3600)
        for k, v in enumerate(problem.vehicles)
    )
    problem = dataclasses.replace(problem, vehicles=vehicles)
    plan = plan_day(problem)
    check_plan(problem, plan)
    shifts = {v.key: v.shift_s for v in vehicles}
    for route in plan.routes:
        assert route.stops[-1].arrive_s <= shifts[route.vehicle]


def test_a_site_closed_for_the_day_is_not_used_for_reloads() -> None:
    problem = town(10, seed=11, allowance=100.0, capacity=300)
    closed = (problem.sites[0], dataclasses.replace(problem.sites[1], opens_s=0, closes_s=0))
    plan = plan_day(dataclasses.replace(problem, sites=closed))
    for route in plan.routes:
        reloads = [s for s in route.stops[1:-2] if s.kind == "unload"]
        assert all(s.key == problem.sites[0].key for s in reloads)
