"""Reads of production plans: the engine's problem from the rows, the figures for the pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from comuna.core.language import as_recorded
from comuna.engines.production import Goal, Input, Problem, Product, Scenario
from comuna.production.models import InputUnit, PlanScenario, ProductionPlan


def plan_problem(
    plan: ProductionPlan,
) -> tuple[Problem | None, list[tuple[PlanScenario, Scenario]], dict[str, dict[str, str]]]:
    """The engine's problem for ``plan`` (None with no product), its scenarios beside their
    rows, and the name and unit of each engine code (``i<id>`` an input, ``p<id>`` a product)."""
    inputs = list(plan.inputs.all())
    products = list(plan.products.prefetch_related("uses"))
    names: dict[str, dict[str, str]] = {
        f"i{i.pk}": {"name": i.name, "unit": as_recorded(InputUnit(i.unit).label)} for i in inputs
    }
    names |= {f"p{p.pk}": {"name": p.name, "unit": p.unit} for p in products}
    scenarios = [
        (
            row,
            Scenario(
                row.name,
                price_changes={f"i{row.input_id}": float(row.price_change) / 100},
                cuts={f"i{row.input_id}": float(row.cut) / 100} if row.cut else {},
            ),
        )
        for row in plan.scenarios.all()
    ]
    if not products:
        return None, scenarios, names
    problem = Problem(
        products=tuple(
            Product(
                f"p{p.pk}",
                price=float(p.price),
                uses={f"i{u.input_id}": float(u.amount) for u in p.uses.all()},
                target=float(p.target),
                demand=None if p.demand is None else float(p.demand),
            )
            for p in products
        ),
        inputs=tuple(
            Input(
                f"i{i.pk}",
                price=float(i.price),
                available=None if i.available is None else float(i.available),
            )
            for i in inputs
        ),
        goal=Goal(plan.goal),
        budget=None if plan.budget is None else float(plan.budget),
    )
    return problem, scenarios, names


@dataclass(frozen=True)
class ScenarioRow:
    """One line of the scenarios table: a scenario's figures beside the base plan's."""

    name: str
    input: str
    price_change: float
    cut: float
    units: float
    cost: float
    income: float
    surplus: float
    surplus_change: float
    targets_met: bool
    break_even: list[tuple[str, float]]  # product name, break-even price


def plan_base(plan: ProductionPlan) -> dict[str, Any] | None:
    """The base plan's figures as last solved (``services.plan_solve``), or None."""
    if not plan.result:
        return None
    base: dict[str, Any] = plan.result["outcomes"][0]["plan"]
    return base


def plan_scenario_rows(plan: ProductionPlan) -> list[ScenarioRow]:
    """The base plan and each scenario, as last solved."""
    if not plan.result:
        return []
    outcomes = plan.result["outcomes"]
    base_surplus = outcomes[0]["plan"]["surplus"]
    return [
        ScenarioRow(
            name=o["scenario"],
            input=o["input"],
            price_change=o["price_change"],
            cut=o["cut"],
            units=o["plan"]["units"],
            cost=o["plan"]["cost"],
            income=o["plan"]["income"],
            surplus=o["plan"]["surplus"],
            surplus_change=o["plan"]["surplus"] - base_surplus,
            targets_met=o["plan"]["targets_met"],
            break_even=[(p["name"], p["break_even_price"]) for p in o["plan"]["products"]],
        )
        for o in outcomes
    ]
