"""The month's production plan as a linear programme, solved by HiGHS (``highspy``).

Variables: ``x[p]`` units of each product (0 to its demand ceiling) and ``s[p]`` the part of
its households' target not made (0 to the target). Rows: ``x[p] + s[p] >= target[p]``; for
each input with a limit, ``sum(uses[p][i] * x[p]) <= available[i]``; with a budget,
``sum(unit_cost[p] * x[p]) <= budget``.

Two solves, in order of what the commune asks first:

1. the targets: minimise ``sum(s[p] / target[p])`` (the share of each target left unmade, so a
   product counted in kilos and one counted in sacks weigh alike);
2. the goal, keeping that shortfall: maximise the units (``Goal.UNITS``) or the surplus
   (``Goal.SURPLUS``: each unit's price less what its inputs cost).

When an input is missing the plan is still one: it makes what it can, and says by how much each
target falls short.
"""

from __future__ import annotations

import math
import os
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import highspy

from comuna.engines.production.errors import InvalidItemError, UnboundedPlanError
from comuna.engines.production.model import (
    Goal,
    Input,
    InputResult,
    Plan,
    Problem,
    ProductResult,
)

_INF = highspy.kHighsInf
# Quantities below this (relative to the figure) are rounding left by the simplex.
_TOLERANCE = 1e-7


def _clean(value: float) -> float:
    return 0.0 if abs(value) < 1e-9 else value


def _close(used: float, limit: float) -> bool:
    return used >= limit - _TOLERANCE * max(1.0, abs(limit))


_banner_lock = threading.Lock()
_banner_shown = False


def _highs() -> highspy.Highs:
    """A silent solver. HiGHS prints its banner to the process's standard output the first time
    one is made, whatever the options; that would spoil a command's ``--json``, so the first is
    made with standard output pointed at nothing."""
    global _banner_shown
    with _banner_lock:
        if not _banner_shown:
            sys.stdout.flush()
            saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            try:
                highs = highspy.Highs()  # type: ignore[no-untyped-call]
            finally:
                os.dup2(saved, 1)
                os.close(saved)
                os.close(null)
            _banner_shown = True
        else:
            highs = highspy.Highs()  # type: ignore[no-untyped-call]
    highs.setOptionValue("output_flag", False)
    return highs


def _status_check(highs: highspy.Highs) -> None:
    status = highs.getModelStatus()
    if status in (
        highspy.HighsModelStatus.kUnbounded,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    ):
        raise UnboundedPlanError
    if status != highspy.HighsModelStatus.kOptimal:  # pragma: no cover - HiGHS itself failed
        raise RuntimeError(f"HiGHS stopped with {highs.modelStatusToString(status)}")


def plan_production(problem: Problem) -> Plan:
    """The plan that meets the targets as far as the inputs allow, then the goal."""
    products = problem.products
    n = len(products)
    costs = [problem.unit_cost(p) for p in products]
    highs = _highs()
    highs.setOptionValue("random_seed", 0)
    for p in products:  # x[p]
        highs.addCol(0.0, 0.0, _INF if p.demand is None else p.demand, 0, [], [])
    for p in products:  # s[p]
        highs.addCol(1.0 / p.target if p.target > 0 else 0.0, 0.0, p.target, 0, [], [])
    for k, p in enumerate(products):
        if p.target > 0:
            highs.addRow(p.target, _INF, 2, [k, n + k], [1.0, 1.0])
    rows: dict[str, int] = {}
    for item in problem.inputs:
        users = [(k, p.uses.get(item.code, 0.0)) for k, p in enumerate(products)]
        users = [(k, a) for k, a in users if a > 0]
        if item.available is None or not users:
            continue
        rows[item.code] = highs.getNumRow()
        highs.addRow(
            -_INF, item.available, len(users), [k for k, _ in users], [a for _, a in users]
        )
    budget_row = None
    if problem.budget is not None:
        paid = [(k, c) for k, c in enumerate(costs) if c > 0]
        budget_row = highs.getNumRow()
        highs.addRow(-_INF, problem.budget, len(paid), [k for k, _ in paid], [c for _, c in paid])

    # 1. The households' targets, as far as the inputs go.
    highs.changeObjectiveSense(highspy.ObjSense.kMinimize)
    highs.run()
    _status_check(highs)
    shortfall = max(highs.getInfo().objective_function_value, 0.0)
    if any(p.target > 0 for p in products):
        weights = [(n + k, 1.0 / p.target) for k, p in enumerate(products) if p.target > 0]
        highs.addRow(
            -_INF,
            shortfall + _TOLERANCE * max(1.0, shortfall),
            len(weights),
            [k for k, _ in weights],
            [w for _, w in weights],
        )

    # 2. The commune's goal, keeping that shortfall.
    goal = [
        1.0 if problem.goal is Goal.UNITS else p.price - c
        for p, c in zip(products, costs, strict=True)
    ]
    highs.changeColsCost(2 * n, list(range(2 * n)), goal + [0.0] * n)
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    highs.run()
    _status_check(highs)
    solution = highs.getSolution()
    x = [max(_clean(v), 0.0) for v in solution.col_value[:n]]
    duals = solution.row_dual
    return _plan(problem, x, costs, rows, duals, budget_row)


def _plan(
    problem: Problem,
    x: list[float],
    costs: list[float],
    rows: Mapping[str, int],
    duals: list[float],
    budget_row: int | None,
) -> Plan:
    products = tuple(
        ProductResult(
            code=p.code,
            quantity=q,
            target=p.target,
            shortfall=max(p.target - q, 0.0) if not _close(q, p.target) else 0.0,
            demand=p.demand,
            at_demand=p.demand is not None and _close(q, p.demand),
            price=p.price,
            break_even_price=c,
            income=q * p.price,
            cost=q * c,
            surplus=q * p.price - q * c,
        )
        for p, q, c in zip(problem.products, x, costs, strict=True)
    )
    inputs = []
    for item in problem.inputs:
        used = math.fsum(
            p.uses.get(item.code, 0.0) * q for p, q in zip(problem.products, x, strict=True)
        )
        binding = item.code in rows and item.available is not None and _close(used, item.available)
        value = abs(_clean(duals[rows[item.code]])) if binding else 0.0
        inputs.append(
            InputResult(
                code=item.code,
                used=used,
                available=item.available,
                binding=binding,
                value=value,
                cost=used * item.price,
            )
        )
    cost = math.fsum(r.cost for r in products)
    income = math.fsum(r.income for r in products)
    return Plan(
        goal=problem.goal,
        products=products,
        inputs=tuple(inputs),
        cost=cost,
        income=income,
        surplus=income - cost,
        budget=problem.budget,
        budget_binding=budget_row is not None
        and problem.budget is not None
        and _close(cost, problem.budget),
        targets_met=all(r.shortfall == 0 for r in products),
    )


@dataclass(frozen=True, slots=True)
class Scenario:
    """What if: input prices changed by a fraction (``{"corn": 0.30}`` is corn 30% dearer) and
    inputs cut by a fraction of what is available (``{"diesel": 1.0}`` is no diesel at all). An
    input with no limit is cut from what the base plan uses of it."""

    name: str
    price_changes: Mapping[str, float] = field(default_factory=dict)
    cuts: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Outcome:
    scenario: Scenario
    plan: Plan


def scenario_apply(problem: Problem, scenario: Scenario, base: Plan | None = None) -> Problem:
    """``problem`` as it would stand under ``scenario`` (``base`` is its plan, for the cut of an
    input with no limit; solved here when not given)."""
    known = {i.code for i in problem.inputs}
    for code, change in scenario.price_changes.items():
        if code not in known:
            raise InvalidItemError(
                "scenario", scenario.name, f"it changes an unknown input {code!r}"
            )
        if not math.isfinite(change) or change < -1:
            raise InvalidItemError("scenario", scenario.name, f"the change of {code} is impossible")
    for code, cut in scenario.cuts.items():
        if code not in known:
            raise InvalidItemError("scenario", scenario.name, f"it cuts an unknown input {code!r}")
        if not math.isfinite(cut) or not 0 <= cut <= 1:
            raise InvalidItemError("scenario", scenario.name, f"the cut of {code} is not 0 to 100%")
    inputs: list[Input] = []
    for item in problem.inputs:
        price = item.price * (1 + scenario.price_changes.get(item.code, 0.0))
        available = item.available
        if item.code in scenario.cuts:
            if available is None:
                base = base or plan_production(problem)
                available = base.input(item.code).used
            available *= 1 - scenario.cuts[item.code]
        inputs.append(replace(item, price=price, available=available))
    return replace(problem, inputs=tuple(inputs))


def scenarios_solve(problem: Problem, scenarios: Iterable[Scenario]) -> list[Outcome]:
    """The plan under each scenario, after the base plan (named ``""``) first."""
    base = plan_production(problem)
    outcomes = [Outcome(Scenario(""), base)]
    for scenario in scenarios:
        outcomes.append(Outcome(scenario, plan_production(scenario_apply(problem, scenario, base))))
    return outcomes
