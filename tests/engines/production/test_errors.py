"""Bad problems are refused with a ``ProductionError`` that names what is wrong."""

from __future__ import annotations

import math

import pytest

from comuna.engines.production import (
    Input,
    InvalidItemError,
    InvalidProblemError,
    Problem,
    Product,
    ProductionError,
    Scenario,
    UnboundedPlanError,
    plan_production,
    scenario_apply,
)
from tests.engines.production.plants import cornflour

CORN = (Input("corn", price=0.5, available=100),)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Problem(products=(), inputs=CORN), "there is no product"),
        (
            lambda: Problem(products=(Product("a", 1.0, {"rice": 1.0}),), inputs=CORN),
            "unknown input 'rice'",
        ),
        (lambda: Problem(products=(Product("a", -1.0),), inputs=CORN), "price cannot be negative"),
        (
            lambda: Problem(products=(Product("a", 1.0, {"corn": -1.0}),), inputs=CORN),
            "amount of corn cannot be negative",
        ),
        (
            lambda: Problem(products=(Product("a", 1.0, target=5, demand=2),), inputs=CORN),
            "target is above the demand",
        ),
        (
            lambda: Problem(products=(Product("a", math.nan),), inputs=CORN),
            "price must be a number",
        ),
        (
            lambda: Problem(
                products=(Product("a", 1.0),), inputs=(Input("corn", 1.0, available=-1),)
            ),
            "availability cannot be negative",
        ),
        (
            lambda: Problem(products=(Product("a", 1.0), Product("a", 2.0)), inputs=CORN),
            "the code appears twice",
        ),
        (
            lambda: Problem(products=(Product("a", 1.0),), inputs=CORN, budget=-5),
            "budget cannot be negative",
        ),
    ],
)
def test_a_malformed_problem_is_refused(build: object, message: str) -> None:
    with pytest.raises(ProductionError, match=message) as refused:
        build()  # type: ignore[operator]
    assert isinstance(refused.value, ValueError)
    assert isinstance(refused.value, InvalidItemError | InvalidProblemError)


def test_a_plan_with_no_limit_is_refused() -> None:
    problem = Problem(products=(Product("a", 1.0, {"corn": 1.0}),), inputs=(Input("corn", 1.0),))
    with pytest.raises(UnboundedPlanError, match="no limit"):
        plan_production(problem)


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        (Scenario("x", price_changes={"rice": 0.3}), "unknown input 'rice'"),
        (Scenario("x", cuts={"corn": 1.5}), "not 0 to 100%"),
        (Scenario("x", price_changes={"corn": -2}), "impossible"),
    ],
)
def test_a_malformed_scenario_is_refused(scenario: Scenario, message: str) -> None:
    with pytest.raises(InvalidItemError, match=message):
        scenario_apply(cornflour(), scenario)
