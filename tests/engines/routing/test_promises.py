"""The plan's promises on many small towns (Hypothesis): diesel, capacity, routes, seeds."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comuna.engines.routing import Plan, Problem, plan_day, prize
from tests.engines.routing.towns import town

FAST = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    return town(
        points=draw(st.integers(1, 12)),
        seed=draw(st.integers(0, 10_000)),
        allowance=draw(st.floats(0, 6, allow_nan=False)),
        required=draw(st.integers(0, 2)),
        capacity=draw(st.sampled_from((200, 400, 1000))),
        vehicles=draw(st.integers(1, 2)),
    )


def check_plan(problem: Problem, plan: Plan) -> None:
    assert plan.litres <= problem.allowance_litres
    assert sum(r.litres for r in plan.routes) == plan.litres
    capacity = {v.key: v.capacity_kg for v in problem.vehicles}
    points = {p.key: p for p in problem.points}
    sites = {s.key for s in problem.sites}
    visited: list[str] = []
    for route in plan.routes:
        first, *middle, last = route.stops
        assert first.kind == last.kind == "depot" and first.key == last.key == problem.depot_key
        assert middle[-1].kind == "unload", "the last trip is unloaded before going home"
        load = 0
        arrivals = [s.arrive_s for s in route.stops]
        assert arrivals == sorted(arrivals)
        for stop in middle:
            if stop.kind == "point":
                assert stop.kg == points[stop.key].waste_kg
                load += stop.kg
                assert load <= capacity[route.vehicle], "over capacity between unloadings"
                visited.append(stop.key)
            else:
                assert stop.kind == "unload" and stop.key in sites
                assert stop.kg == load
                load = 0
        assert route.trips == sum(1 for s in middle if s.kind == "unload")
        assert route.kg == sum(s.kg for s in middle if s.kind == "point")
    assert sorted(visited) == sorted(plan.points_served), "each point served once"
    assert set(plan.points_served) | set(plan.points_left) == set(points)
    assert not set(plan.points_served) & set(plan.points_left)
    assert plan.kg == sum(points[k].waste_kg for k in plan.points_served)
    assert plan.prize == sum(prize(points[k]) for k in plan.points_served)


@FAST
@given(problems())
def test_a_plan_keeps_the_allowance_capacity_and_routes(problem: Problem) -> None:
    check_plan(problem, plan_day(problem, seed=3))


@FAST
@given(problems(), st.integers(0, 2**31))
def test_the_same_problem_and_seed_give_the_same_plan(problem: Problem, seed: int) -> None:
    assert plan_day(problem, seed=seed) == plan_day(problem, seed=seed)


@FAST
@given(problems(), st.floats(0.05, 4, allow_nan=False))
def test_more_diesel_never_serves_less_prize(problem: Problem, more: float) -> None:
    problem = dataclasses.replace(
        problem, points=tuple(dataclasses.replace(p, required=False) for p in problem.points)
    )
    less = plan_day(problem, seed=5)
    richer = dataclasses.replace(problem, allowance_litres=problem.allowance_litres + more)
    plan = plan_day(richer, seed=5)
    check_plan(richer, plan)
    assert plan.prize >= less.prize
    assert plan.litres_to_serve_all == less.litres_to_serve_all


@FAST
@given(problems(), st.floats(0.05, 4, allow_nan=False))
def test_more_diesel_never_serves_fewer_required_points(problem: Problem, more: float) -> None:
    less = plan_day(problem, seed=5)
    plan = plan_day(
        dataclasses.replace(problem, allowance_litres=problem.allowance_litres + more), seed=5
    )
    required = {p.key for p in problem.points if p.required}
    served = required & set(plan.points_served)
    served_less = required & set(less.points_served)
    assert (len(served), plan.prize) >= (len(served_less), less.prize)


@FAST
@given(problems())
def test_required_points_are_served_when_the_diesel_reaches(problem: Problem) -> None:
    plan = plan_day(problem, seed=2)
    ample = dataclasses.replace(problem, allowance_litres=plan.litres_to_serve_all + 1)
    plan = plan_day(ample, seed=2)
    required = {p.key for p in problem.points if p.required}
    assert required <= set(plan.points_served)
    assert plan.required_shortfall_litres == 0
    check_plan(ample, plan)
