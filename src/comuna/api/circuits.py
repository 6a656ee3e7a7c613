"""Communal circuits over JSON: a cycle's plan (lines and every need's explanation, within the
caller's reach) and recording a delivery on a line of an approved plan.

The same access as the pages (``comuna.circuits.access``): organisers and the comptroller read
every line, a spokesperson their council's outlets, a driver their vehicle's lines; organisers,
drivers and the outlet's person record deliveries.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import P, PathEx, Router, Schema, Status
from pydantic import Field

from comuna.api.auth import api_actor, api_user
from comuna.api.errors import READ_ERRORS, WRITE_ERRORS, ErrorOut
from comuna.api.inputs import MAX_ID, Input
from comuna.circuits import selectors, services
from comuna.circuits.access import (
    cycle_for_reader,
    line_for_recorder,
    lines_readable,
    outlets_readable,
    read_require,
)
from comuna.circuits.models import Need

router = Router(tags=["circuits"])


class LineOut(Schema):
    id: int
    vehicle: str | None
    producer: str
    outlet: str
    product: str
    planned_g: int
    delivered_g: int
    km: float


class NeedOut(Schema):
    outlet: str
    product: str
    priority: int = Field(description="1 is the highest.")
    needed_g: int
    planned_g: int
    reason: str = Field(
        description="met, nobody_offers, out_of_reach, supply_ran_out, fleet_full; empty "
        "before the plan is made."
    )
    why: str = Field(description="The reason in the reader's language.")


class PlanOut(Schema):
    cycle_id: int
    name: str
    status: str
    transport_cost_cents: int
    lines: list[LineOut]
    needs: list[NeedOut]


@router.get("/cycles/{cycle_id}/plan", response={200: PlanOut, **READ_ERRORS})
def plan(request: HttpRequest, cycle_id: PathEx[int, P(ge=1, le=MAX_ID)]) -> PlanOut:
    """The cycle's plan as far as the caller reads it."""
    actor = api_actor(request)
    read_require(actor)
    cycle = cycle_for_reader(actor, cycle_id)
    lines = lines_readable(actor, cycle).select_related("vehicle", "producer", "outlet", "product")
    needs = (
        Need.objects.of(cycle.commune)
        .filter(cycle=cycle, outlet__in=outlets_readable(actor, cycle))
        .select_related("outlet", "product")
        .order_by("outlet__name", "product__name")
    )
    return PlanOut(
        cycle_id=cycle.pk,
        name=cycle.name,
        status=cycle.status,
        transport_cost_cents=cycle.plan_cost_cents,
        lines=[
            LineOut(
                id=line.pk,
                vehicle=line.vehicle.name if line.vehicle else None,
                producer=line.producer.name,
                outlet=line.outlet.name,
                product=line.product.name,
                planned_g=line.quantity_g,
                delivered_g=line.delivered_g,
                km=line.km,
            )
            for line in lines
        ],
        needs=[
            NeedOut(
                outlet=n.outlet.name,
                product=n.product.name,
                priority=n.priority,
                needed_g=n.quantity_g,
                planned_g=n.met_g,
                reason=n.reason,
                why=selectors.reason_text(n),
            )
            for n in needs
        ],
    )


class CircuitDeliveryIn(Input):
    grams: int = Field(ge=1, le=services.MAX_QUANTITY_G, description="Grams delivered.")
    key: str = Field(
        min_length=1,
        max_length=64,
        description="A key the caller makes once per delivery: a second call with it is refused.",
    )


class CircuitDeliveryOut(Schema):
    id: int
    line_id: int
    grams: int
    value_cents: int = Field(description="At the product's accessible price.")
    left_g: int = Field(description="What is left to deliver on the line.")


@router.post(
    "/lines/{line_id}/deliveries", response={201: CircuitDeliveryOut, 409: ErrorOut, **WRITE_ERRORS}
)
def delivery_create(
    request: HttpRequest, line_id: PathEx[int, P(ge=1, le=MAX_ID)], payload: CircuitDeliveryIn
) -> Status[Any]:
    """Record grams delivered on a line of an approved plan, posted to the books in kind."""
    user = api_user(request)
    line = line_for_recorder(api_actor(request), line_id)
    delivery = services.delivery_record(
        line=line, quantity_g=payload.grams, key=payload.key, by=user
    )
    line.refresh_from_db(fields=["delivered_g"])
    return Status(
        201,
        CircuitDeliveryOut(
            id=delivery.pk,
            line_id=line.pk,
            grams=delivery.quantity_g,
            value_cents=delivery.value_cents,
            left_g=line.left_g,
        ),
    )
