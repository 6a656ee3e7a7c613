"""Production plans over JSON: the plans, each with its inputs, products, scenarios and last
figures, and solving a plan again.

Readers are those of the pages (administrator, enterprise manager, treasurer, comptroller,
the enterprises' workers); solving is for the administrator and the enterprise manager.
Figures are those kept by the last solve; ``stale`` says the plan changed since.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import P, PathEx, Router, Schema
from pydantic import Field

from comuna.api.auth import api_actor
from comuna.api.errors import READ_ERRORS, WRITE_ERRORS
from comuna.api.inputs import MAX_ID
from comuna.production import services
from comuna.production.access import plan_for_user, plans_readable
from comuna.production.models import ProductionPlan

router = Router(tags=["production"])


class ProductionInputOut(Schema):
    id: int
    name: str
    unit: str
    price: float = Field(description="Price per unit, in the plan's currency.")
    available: float | None = Field(description="What can be had this month; null: no limit.")


class ProductionUseOut(Schema):
    input_id: int
    input: str
    amount: float = Field(description="How much of the input one unit of the product takes.")


class ProductionProductOut(Schema):
    id: int
    name: str
    unit: str
    price: float = Field(description="Selling price per unit.")
    target: float = Field(description="Units to make first, for the households.")
    demand: float | None = Field(description="The most that can be sold; null: no ceiling.")
    uses: list[ProductionUseOut]


class ProductionScenarioOut(Schema):
    id: int
    name: str
    input_id: int
    price_change: float = Field(description="Percent change in the input's price.")
    cut: float = Field(description="Percent less of the input to be had (100: none).")


class ProductionProductFiguresOut(Schema):
    name: str
    unit: str
    quantity: float
    target: float
    shortfall: float = Field(description="Units of the target not made.")
    price: float
    break_even_price: float = Field(description="What the inputs of one unit cost.")
    income: float
    cost: float
    surplus: float


class ProductionInputFiguresOut(Schema):
    name: str
    unit: str
    used: float
    available: float | None
    binding: bool = Field(description="All of it is used: more would let the plan do better.")
    value: float = Field(description="What one more unit of it would add to the goal.")
    cost: float


class ProductionFiguresOut(Schema):
    goal: str
    units: float
    cost: float
    income: float
    surplus: float
    targets_met: bool
    products: list[ProductionProductFiguresOut]
    inputs: list[ProductionInputFiguresOut]


class ProductionOutcomeOut(Schema):
    scenario: str = Field(description="Empty for the plan itself.")
    input: str
    price_change: float
    cut: float
    figures: ProductionFiguresOut


class ProductionPlanOut(Schema):
    id: int
    enterprise_id: int
    enterprise: str
    month: dt.date
    goal: str
    currency: str
    budget: float | None = Field(description="Money for inputs; null: no limit.")
    solved_at: dt.datetime | None
    stale: bool = Field(description="The plan changed after its figures were worked out.")


class ProductionPlanDetailOut(ProductionPlanOut):
    inputs: list[ProductionInputOut]
    products: list[ProductionProductOut]
    scenarios: list[ProductionScenarioOut]
    outcomes: list[ProductionOutcomeOut] = Field(
        description="The plan's figures first, then each scenario's; empty until solved."
    )


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _plan_out(plan: ProductionPlan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "enterprise_id": plan.enterprise_id,
        "enterprise": plan.enterprise.name,
        "month": plan.month,
        "goal": plan.goal,
        "currency": plan.currency,
        "budget": _number(plan.budget),
        "solved_at": plan.solved_at,
        "stale": plan.stale,
    }


def _detail(plan: ProductionPlan) -> ProductionPlanDetailOut:
    outcomes = (plan.result or {}).get("outcomes", [])
    return ProductionPlanDetailOut(
        **_plan_out(plan),
        inputs=[
            ProductionInputOut(
                id=i.pk,
                name=i.name,
                unit=i.unit,
                price=float(i.price),
                available=_number(i.available),
            )
            for i in plan.inputs.all()
        ],
        products=[
            ProductionProductOut(
                id=p.pk,
                name=p.name,
                unit=p.unit,
                price=float(p.price),
                target=float(p.target),
                demand=_number(p.demand),
                uses=[
                    ProductionUseOut(
                        input_id=u.input_id, input=u.input.name, amount=float(u.amount)
                    )
                    for u in p.uses.all()
                ],
            )
            for p in plan.products.prefetch_related("uses__input")
        ],
        scenarios=[
            ProductionScenarioOut(
                id=s.pk,
                name=s.name,
                input_id=s.input_id,
                price_change=float(s.price_change),
                cut=float(s.cut),
            )
            for s in plan.scenarios.all()
        ],
        outcomes=[
            ProductionOutcomeOut(
                scenario=o["scenario"],
                input=o["input"],
                price_change=o["price_change"],
                cut=o["cut"],
                figures=ProductionFiguresOut(**o["plan"]),
            )
            for o in outcomes
        ],
    )


@router.get("/plans", response={200: list[ProductionPlanOut], **READ_ERRORS})
def plans(request: HttpRequest) -> list[ProductionPlanOut]:
    """Every production plan in the caller's reach, newest month first."""
    return [ProductionPlanOut(**_plan_out(p)) for p in plans_readable(api_actor(request))]


@router.get("/plans/{plan_id}", response={200: ProductionPlanDetailOut, **READ_ERRORS})
def plan(request: HttpRequest, plan_id: PathEx[int, P(ge=1, le=MAX_ID)]) -> ProductionPlanDetailOut:
    """One plan: its inputs, products, scenarios and last figures."""
    return _detail(plan_for_user(api_actor(request), plan_id))


@router.post("/plans/{plan_id}/solve", response={200: ProductionPlanDetailOut, **WRITE_ERRORS})
def plan_solve(
    request: HttpRequest, plan_id: PathEx[int, P(ge=1, le=MAX_ID)]
) -> ProductionPlanDetailOut:
    """Solve the plan and each scenario again, and keep the figures."""
    plan = plan_for_user(api_actor(request), plan_id, manage=True)
    return _detail(services.plan_solve(plan=plan))
