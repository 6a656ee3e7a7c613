"""The plain data of a production plan: what goes in (``Problem``) and what comes out (``Plan``).

Quantities are floats in each thing's own unit (kg, L, kWh, units, hours); money is a float in
the plan's currency. The app converts its rows to these at the edge.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from comuna.engines.production.errors import InvalidItemError, InvalidProblemError


class Goal(StrEnum):
    """What the commune wants once the households' targets are met (as far as they can be)."""

    UNITS = "units"  # as many units as the inputs allow (the households first, then the shops)
    SURPLUS = "surplus"  # the most surplus: make beyond the targets only what pays for itself


@dataclass(frozen=True, slots=True)
class Input:
    """Something production takes: its price per unit and what can be had this month.

    ``available`` None means as much as is wanted (still paid for).
    """

    code: str
    price: float
    available: float | None = None


@dataclass(frozen=True, slots=True)
class Product:
    """Something the enterprise makes: what one unit takes of each input (``uses``, by input
    code), its selling price, the households' target (units to make first) and the most it can
    sell (``demand``, None for no ceiling)."""

    code: str
    price: float
    uses: Mapping[str, float] = field(default_factory=dict)
    target: float = 0.0
    demand: float | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A month's production: products, inputs, the goal and, optionally, the money there is to
    buy inputs with (``budget``, None for no limit)."""

    products: tuple[Product, ...]
    inputs: tuple[Input, ...]
    goal: Goal = Goal.UNITS
    budget: float | None = None

    def __post_init__(self) -> None:
        validate(self)

    def unit_cost(self, product: Product) -> float:
        """What the inputs of one unit of ``product`` cost: its break-even price."""
        prices = {i.code: i.price for i in self.inputs}
        return math.fsum(amount * prices[code] for code, amount in product.uses.items())


def _number(kind: str, key: str, name: str, value: float | None, *, optional: bool) -> None:
    if value is None:
        if not optional:
            raise InvalidItemError(kind, key, f"{name} is missing")
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidItemError(kind, key, f"{name} must be a number")
    if value < 0:
        raise InvalidItemError(kind, key, f"{name} cannot be negative")


def validate(problem: Problem) -> None:
    """Refuse a malformed problem with a ``ProductionError`` naming what is wrong."""
    if not problem.products:
        raise InvalidProblemError("there is no product")
    if problem.goal not in tuple(Goal):
        raise InvalidProblemError("unknown goal", problem.goal)
    if problem.budget is not None:
        _number("budget", "budget", "the budget", problem.budget, optional=False)
    inputs: set[str] = set()
    for item in problem.inputs:
        if not item.code:
            raise InvalidItemError("input", item.code, "it has no code")
        if item.code in inputs:
            raise InvalidItemError("input", item.code, "the code appears twice")
        inputs.add(item.code)
        _number("input", item.code, "the price", item.price, optional=False)
        _number("input", item.code, "the availability", item.available, optional=True)
    products: set[str] = set()
    for product in problem.products:
        if not product.code:
            raise InvalidItemError("product", product.code, "it has no code")
        if product.code in products:
            raise InvalidItemError("product", product.code, "the code appears twice")
        products.add(product.code)
        _number("product", product.code, "the price", product.price, optional=False)
        _number("product", product.code, "the target", product.target, optional=False)
        _number("product", product.code, "the demand", product.demand, optional=True)
        if product.demand is not None and product.target > product.demand:
            raise InvalidItemError("product", product.code, "the target is above the demand")
        for code, amount in product.uses.items():
            if code not in inputs:
                raise InvalidItemError(
                    "product", product.code, f"it uses an unknown input {code!r}"
                )
            _number("product", product.code, f"the amount of {code}", amount, optional=False)


@dataclass(frozen=True, slots=True)
class ProductResult:
    code: str
    quantity: float
    target: float
    shortfall: float  # units of the target not made
    demand: float | None
    at_demand: bool  # the demand ceiling holds it back
    price: float
    break_even_price: float  # what the inputs of one unit cost
    income: float
    cost: float
    surplus: float


@dataclass(frozen=True, slots=True)
class InputResult:
    code: str
    used: float
    available: float | None
    binding: bool  # all of it is used: more of it would let the plan do better
    value: float  # what one more unit of it would add to the goal (0 when not binding)
    cost: float


@dataclass(frozen=True, slots=True)
class Plan:
    goal: Goal
    products: tuple[ProductResult, ...]
    inputs: tuple[InputResult, ...]
    cost: float
    income: float
    surplus: float
    budget: float | None
    budget_binding: bool
    targets_met: bool

    @property
    def units(self) -> float:
        return math.fsum(p.quantity for p in self.products)

    @property
    def binding(self) -> tuple[str, ...]:
        """What holds the plan back, as ``input:<code>``, ``demand:<code>`` and ``budget``."""
        names = [f"input:{i.code}" for i in self.inputs if i.binding]
        names += [f"demand:{p.code}" for p in self.products if p.at_demand]
        return (*names, *(["budget"] if self.budget_binding else []))

    def product(self, code: str) -> ProductResult:
        return next(p for p in self.products if p.code == code)

    def input(self, code: str) -> InputResult:
        return next(i for i in self.inputs if i.code == code)

    def as_dict(self) -> dict[str, object]:
        return {
            "goal": str(self.goal),
            "cost": self.cost,
            "income": self.income,
            "surplus": self.surplus,
            "units": self.units,
            "targets_met": self.targets_met,
            "budget": self.budget,
            "binding": list(self.binding),
            "products": [
                {
                    "code": p.code,
                    "quantity": p.quantity,
                    "target": p.target,
                    "shortfall": p.shortfall,
                    "demand": p.demand,
                    "at_demand": p.at_demand,
                    "price": p.price,
                    "break_even_price": p.break_even_price,
                    "income": p.income,
                    "cost": p.cost,
                    "surplus": p.surplus,
                }
                for p in self.products
            ],
            "inputs": [
                {
                    "code": i.code,
                    "used": i.used,
                    "available": i.available,
                    "binding": i.binding,
                    "value": i.value,
                    "cost": i.cost,
                }
                for i in self.inputs
            ],
        }
