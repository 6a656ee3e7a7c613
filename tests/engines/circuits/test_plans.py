"""The circuits engine's promises, as properties over small random cycles."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comuna.engines.circuits import (
    InvalidProblemError,
    Need,
    Offer,
    Outlet,
    Problem,
    Producer,
    Reason,
    Transport,
    Vehicle,
    plan_cycle,
)
from tests.engines.circuits.lp import reference

PRODUCTS = ("rice", "beans", "yuca")


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    n_p = draw(st.integers(1, 5))
    n_o = draw(st.integers(1, 6))
    coord = st.floats(10.0, 10.5)
    producers = tuple(Producer(f"p{i}", draw(coord), draw(coord) - 77) for i in range(n_p))
    outlets = tuple(Outlet(f"o{i}", draw(coord), draw(coord) - 77) for i in range(n_o))
    offers = tuple(
        Offer(p.id, product, draw(st.integers(0, 5000)))
        for p in producers
        for product in PRODUCTS
        if draw(st.booleans())
    )
    needs = tuple(
        Need(o.id, product, draw(st.integers(0, 5000)), draw(st.integers(1, 3)))
        for o in outlets
        for product in PRODUCTS
        if draw(st.booleans())
    )
    reach = draw(st.one_of(st.none(), st.floats(5.0, 80.0)))
    vehicles = tuple(
        Vehicle(f"v{i}", draw(st.integers(0, 8000))) for i in range(draw(st.integers(0, 2)))
    )
    return Problem(producers, outlets, offers, needs, Transport(0.05, 1.3, reach), vehicles)


@given(problems())
@settings(max_examples=60, deadline=None)
def test_it_never_sends_more_than_supply_nor_more_than_a_need(problem: Problem) -> None:
    plan = plan_cycle(problem)
    sent: dict[tuple[str, str], int] = defaultdict(int)
    got: dict[tuple[str, str], int] = defaultdict(int)
    for f in plan.flows:
        assert f.quantity_g > 0
        sent[(f.producer, f.product)] += f.quantity_g
        got[(f.outlet, f.product)] += f.quantity_g
    for o in problem.offers:
        assert sent[(o.producer, o.product)] <= o.quantity_g
    for n in problem.needs:
        assert got[(n.outlet, n.product)] <= n.quantity_g
    assert sum(sent.values()) == sum(r.met_g for r in plan.needs)
    if problem.vehicles:
        carried: dict[str, int] = defaultdict(int)
        for load in plan.loads:
            carried[load.vehicle] += load.quantity_g
        for v in problem.vehicles:
            assert carried[v.id] <= v.capacity_g
        assert sum(carried.values()) == sum(sent.values())


@given(problems())
@settings(max_examples=60, deadline=None)
def test_a_higher_priority_never_loses_to_a_lower_one(problem: Problem) -> None:
    """No short need could take a gram that went to a lower priority from a producer within
    its reach."""
    plan = plan_cycle(problem)
    results = {(r.outlet, r.product): r for r in plan.needs}
    reach = problem.transport.reach_km
    km = _km(problem)
    for f in plan.flows:
        lower = results[(f.outlet, f.product)]
        for r in plan.needs:
            if r.product != f.product or r.short_g == 0 or r.priority >= lower.priority:
                continue
            assert reach is not None and km[(f.producer, r.outlet)] > reach


@given(problems())
@settings(max_examples=60, deadline=None)
def test_it_meets_as_much_per_priority_and_costs_as_little_as_a_linear_programme(
    problem: Problem,
) -> None:
    plan = plan_cycle(problem)
    met, cost = reference(problem)
    ours = plan.met_by_priority()
    for p, grams in met.items():
        assert ours[p][0] == pytest.approx(grams, abs=1e-3)
    assert plan.cost == pytest.approx(cost, rel=1e-6, abs=1e-6)


@given(problems())
@settings(max_examples=30, deadline=None)
def test_the_same_cycle_gives_the_same_plan(problem: Problem) -> None:
    assert plan_cycle(problem) == plan_cycle(problem)


@given(problems())
@settings(max_examples=60, deadline=None)
def test_every_need_is_explained(problem: Problem) -> None:
    plan = plan_cycle(problem)
    offered = {o.product for o in problem.offers if o.quantity_g > 0}
    assert len(plan.needs) == len(problem.needs)
    for r in plan.needs:
        assert (r.reason is Reason.MET) == (r.met_g == r.needed_g)
        if r.reason is Reason.NOBODY_OFFERS:
            assert r.product not in offered
        if r.reason is Reason.SUPPLY_RAN_OUT and r.served_through is not None:
            assert r.served_through <= r.priority


def _km(problem: Problem) -> dict[tuple[str, str], float]:
    from comuna.engines.circuits import road_km

    return road_km(problem)


def _two_outlets(qty_near: int, qty_far: int) -> Problem:
    return Problem(
        producers=(Producer("farm", 10.0, -67.0),),
        outlets=(Outlet("school", 10.01, -67.0), Outlet("market", 10.3, -67.0)),
        offers=(Offer("farm", "rice", 1000),),
        needs=(Need("school", "rice", qty_near, 1), Need("market", "rice", qty_far, 2)),
        transport=Transport(0.1),
    )


def test_a_shortage_falls_on_the_lower_priority_and_says_why() -> None:
    plan = plan_cycle(_two_outlets(700, 700))
    school, market = plan.for_outlet("school")[0], plan.for_outlet("market")[0]
    assert (school.met_g, school.reason) == (700, Reason.MET)
    assert (market.met_g, market.reason, market.served_through) == (
        300,
        Reason.SUPPLY_RAN_OUT,
        2,
    )


def test_a_producer_out_of_reach_is_named_as_such() -> None:
    base = _two_outlets(100, 100)
    problem = Problem(
        base.producers, base.outlets, base.offers, base.needs, Transport(0.1, reach_km=5.0)
    )
    market = plan_cycle(problem).for_outlet("market")[0]
    assert (market.met_g, market.reason) == (0, Reason.OUT_OF_REACH)


def test_a_full_fleet_is_named_as_such() -> None:
    base = _two_outlets(100, 100)
    problem = Problem(
        base.producers, base.outlets, base.offers, base.needs, base.transport, (Vehicle("t", 150),)
    )
    market = plan_cycle(problem).for_outlet("market")[0]
    assert (market.met_g, market.reason) == (50, Reason.FLEET_FULL)


def test_a_distance_matrix_overrides_the_straight_line() -> None:
    base = _two_outlets(100, 100)
    problem = Problem(
        base.producers,
        base.outlets,
        base.offers,
        base.needs,
        Transport(1.0, distances_km={("farm", "school"): 2.0, ("farm", "market"): 3.0}),
    )
    assert plan_cycle(problem).cost == pytest.approx(0.1 * 2.0 + 0.1 * 3.0)


@pytest.mark.parametrize(
    ("offers", "needs"),
    [
        ((Offer("farm", "rice", -1),), ()),
        ((), (Need("nowhere", "rice", 10, 1),)),
        ((), (Need("school", "rice", -5, 1),)),
        ((), (Need("school", "rice", 5, 0),)),
        ((Offer("ghost", "rice", 1),), ()),
        ((Offer("farm", "rice", 1), Offer("farm", "rice", 2)), ()),
    ],
)
def test_it_refuses_bad_input(offers: tuple[Offer, ...], needs: tuple[Need, ...]) -> None:
    base = _two_outlets(1, 1)
    with pytest.raises(InvalidProblemError):
        plan_cycle(Problem(base.producers, base.outlets, offers, needs, base.transport))
