"""The plan's promises, for any problem (Hypothesis) and for the cornflour plant."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comuna.engines.production import (
    Goal,
    Plan,
    Problem,
    Scenario,
    plan_production,
    scenario_apply,
    scenarios_solve,
)
from tests.engines.production.plants import cornflour, problems

TOLERANCE = 1e-6


def near(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-5)


@settings(max_examples=150, deadline=None)
@given(problems())
def test_inputs_used_never_exceed_what_is_available(problem: Problem) -> None:
    plan = plan_production(problem)
    for item in plan.inputs:
        if item.available is not None:
            assert item.used <= item.available * (1 + TOLERANCE) + TOLERANCE
    if problem.budget is not None:
        assert plan.cost <= problem.budget * (1 + TOLERANCE) + TOLERANCE
    for product in plan.products:
        assert product.quantity >= 0
        if product.demand is not None:
            assert product.quantity <= product.demand * (1 + TOLERANCE)


@settings(max_examples=150, deadline=None)
@given(problems())
def test_surplus_is_income_less_cost(problem: Problem) -> None:
    plan = plan_production(problem)
    assert near(plan.surplus, plan.income - plan.cost)
    assert near(plan.cost, math.fsum(i.cost for i in plan.inputs))


@settings(max_examples=100, deadline=None)
@given(problems())
def test_sold_at_the_break_even_prices_the_same_plan_leaves_no_surplus(problem: Problem) -> None:
    plan = plan_production(problem)
    at_cost = math.fsum(p.quantity * p.break_even_price for p in plan.products)
    assert near(at_cost, plan.cost)
    for product in plan.products:
        assert near(product.quantity * product.break_even_price, product.cost)


@settings(max_examples=100, deadline=None)
@given(problems())
def test_targets_are_met_whenever_the_inputs_allow(problem: Problem) -> None:
    needs = {
        i.code: math.fsum(p.uses.get(i.code, 0) * p.target for p in problem.products)
        for i in problem.inputs
    }
    money = math.fsum(problem.unit_cost(p) * p.target for p in problem.products)
    feasible = all(
        i.available is None or needs[i.code] <= i.available for i in problem.inputs
    ) and (problem.budget is None or money <= problem.budget)
    plan = plan_production(problem)
    if feasible:
        assert plan.targets_met
        for product in plan.products:
            assert product.quantity >= product.target * (1 - 1e-6) - 1e-6


@settings(max_examples=50, deadline=None)
@given(problems())
def test_the_same_problem_gives_the_same_plan(problem: Problem) -> None:
    assert plan_production(problem) == plan_production(problem)


@settings(max_examples=50, deadline=None)
@given(problems())
def test_the_surplus_goal_never_earns_less_than_the_units_goal(problem: Problem) -> None:
    units = plan_production(dataclasses.replace(problem, goal=Goal.UNITS))
    surplus = plan_production(dataclasses.replace(problem, goal=Goal.SURPLUS))
    assert surplus.surplus >= units.surplus - 1e-6 * max(1.0, abs(units.surplus))
    assert units.units >= surplus.units - 1e-6 * max(1.0, surplus.units)


def _binding(plan: Plan) -> set[str]:
    return set(plan.binding)


def test_the_cornflour_plant_makes_the_households_bags_first() -> None:
    plan = plan_production(cornflour())
    bags = plan.product("bag_1kg")
    assert plan.targets_met
    assert bags.quantity >= 8000
    assert bags.break_even_price == pytest.approx(
        1.25 * 0.55 + 0.012 * 0.50 + 0.15 * 0.02 + 1.0 * 0.04 + 0.01 * 2.5
    )
    assert "input:corn" in _binding(plan)
    assert plan.input("corn").value > 0
    assert plan.input("power").value == 0


def test_corn_thirty_percent_dearer_raises_the_break_even_price_and_cuts_the_surplus() -> None:
    base, dear = scenarios_solve(cornflour(), [Scenario("corn", price_changes={"corn": 0.3})])
    assert dear.scenario.name == "corn"
    bags, dear_bags = base.plan.product("bag_1kg"), dear.plan.product("bag_1kg")
    assert dear_bags.break_even_price == pytest.approx(bags.break_even_price + 1.25 * 0.55 * 0.3)
    assert dear.plan.surplus < base.plan.surplus


def test_with_no_diesel_nothing_is_made_and_the_shortfall_says_so() -> None:
    (_, missing) = scenarios_solve(cornflour(), [Scenario("no diesel", cuts={"diesel": 1.0})])
    assert missing.plan.units == 0
    assert not missing.plan.targets_met
    assert missing.plan.product("bag_1kg").shortfall == 8000
    assert "input:diesel" in missing.plan.binding


def test_a_budget_holds_the_plan_back() -> None:
    plan = plan_production(cornflour(budget=5000))
    assert plan.cost == pytest.approx(5000)
    assert plan.budget_binding
    assert "budget" in plan.binding


def test_an_input_with_no_limit_is_cut_from_what_the_base_plan_uses() -> None:
    problem = cornflour()
    base = plan_production(problem)
    cut = scenario_apply(problem, Scenario("power", cuts={"power": 0.5}), base)
    power = next(i for i in cut.inputs if i.code == "power")
    assert power.available == pytest.approx(base.input("power").used * 0.5)


def test_the_surplus_goal_makes_no_loss_beyond_the_targets() -> None:
    problem = cornflour(goal=Goal.SURPLUS)
    losing = dataclasses.replace(
        problem,
        products=(
            problem.products[0],
            dataclasses.replace(problem.products[1], price=1.0),  # below what it costs
        ),
    )
    plan = plan_production(losing)
    assert plan.product("sack_5kg").quantity == 0


@settings(max_examples=60, deadline=None)
@given(problems(), st.floats(0, 1).map(lambda v: round(v, 2)))
def test_a_dearer_input_never_leaves_more_surplus(problem: Problem, change: float) -> None:
    problem = dataclasses.replace(problem, goal=Goal.SURPLUS, budget=None)
    code = problem.inputs[0].code
    base, dearer = scenarios_solve(problem, [Scenario("dear", price_changes={code: change})])
    if base.plan.targets_met and dearer.plan.targets_met:
        assert dearer.plan.surplus <= base.plan.surplus + 1e-6 * max(1.0, abs(base.plan.surplus))


@settings(max_examples=60, deadline=None)
@given(problems(), st.floats(0, 1).map(lambda v: round(v, 2)))
def test_less_of_an_input_never_meets_more_of_the_targets(problem: Problem, cut: float) -> None:
    code = problem.inputs[0].code
    base, short = scenarios_solve(problem, [Scenario("short", cuts={code: cut})])
    base_short = math.fsum(p.shortfall / p.target for p in base.plan.products if p.target)
    cut_short = math.fsum(p.shortfall / p.target for p in short.plan.products if p.target)
    assert cut_short >= base_short - 1e-6
