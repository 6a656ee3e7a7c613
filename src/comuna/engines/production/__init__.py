"""Production plans for a communal enterprise: a linear programme solved by HiGHS.

Entry points: ``plan_production(problem) -> Plan`` and
``scenarios_solve(problem, scenarios) -> list[Outcome]`` (the base plan first). Pure Python, no
Django.

Input (``Problem``): the ``Product``s (what one unit takes of each input, by input code; the
selling price, often below the market; the households' target; the demand ceiling), the
``Input``s (price per unit and what can be had this month, or no limit), the ``Goal`` (as many
units as possible, or the most surplus) and, optionally, the money there is for inputs.

Output (``Plan``): units per product, the shortfall against each target, inputs used, which
inputs, ceilings or budget bind and what one more unit of a binding input is worth to the
goal, cost, income and surplus, and each product's break-even price (what the inputs of one
unit cost: sold at it, the product's surplus is zero).

Promises (tested in tests/engines/production/): inputs used never exceed what is available;
the budget holds; surplus = income - cost; at the break-even prices the surplus is zero;
targets are met whenever the inputs allow; the same problem gives the same plan. Bad input
raises a ``ProductionError`` (a ``ValueError``). See docs/production.md.
"""

from comuna.engines.production.errors import (
    InvalidItemError,
    InvalidProblemError,
    ProductionError,
    UnboundedPlanError,
)
from comuna.engines.production.model import (
    Goal,
    Input,
    InputResult,
    Plan,
    Problem,
    Product,
    ProductResult,
)
from comuna.engines.production.solver import (
    Outcome,
    Scenario,
    plan_production,
    scenario_apply,
    scenarios_solve,
)

__all__ = [
    "Goal",
    "Input",
    "InputResult",
    "InvalidItemError",
    "InvalidProblemError",
    "Outcome",
    "Plan",
    "Problem",
    "Product",
    "ProductResult",
    "ProductionError",
    "Scenario",
    "UnboundedPlanError",
    "plan_production",
    "scenario_apply",
    "scenarios_solve",
]
