"""The distribution over JSON: rounds, and recording a delivery with the same rules as a table.

``POST /rounds/{round_id}/deliveries`` answers 201 when recorded, 409 when the household
already received in this round, 400 when it is not entitled (or the round is not open).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema, Status
from pydantic import Field

from comuna.api.auth import api_actor, api_commune, api_user
from comuna.api.errors import READ_ERRORS, WRITE_ERRORS, ErrorOut
from comuna.api.inputs import MAX_ID, Input, length_of
from comuna.census.models import Household
from comuna.core.forms import column_max
from comuna.core.refusals import Refusal
from comuna.distribution import services
from comuna.distribution.access import (
    distribution_is_readable,
    household_at_table,
    household_at_table_by_card,
    round_for_user,
)
from comuna.distribution.models import Collector, Delivery, Round
from comuna.distribution.selectors import rounds_listed

router = Router(tags=["distribution"])


class RoundOut(Schema):
    id: int
    programme: str
    unit: str
    status: str
    stock: int = Field(description="Units received for the round.")
    delivered: int = Field(description="Units delivered so far.")
    distribution_on: dt.date
    seed: str
    input_hash: str


class DeliveryIn(Input):
    household_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="The household's id; or give card_code."
    )
    card_code: str | None = Field(
        None,
        max_length=200,
        description="The code on the household's card, or the address its QR code holds.",
    )
    table: int = Field(1, ge=1, le=column_max(Delivery, "table"))
    proxy_name: str = Field(
        "",
        max_length=length_of(Delivery, "proxy_name"),
        description="Who collected, when not the household itself.",
    )


class DeliveryOut(Schema):
    id: int
    round_id: int
    household_id: int
    household: str
    quantity: int
    table: int
    collected_by: str
    proxy_name: str
    fee_minor: int


def _round_out(round_: Round) -> RoundOut:
    return RoundOut(
        id=round_.pk,
        programme=round_.programme.name,
        unit=round_.programme.unit,
        status=round_.status,
        stock=round_.stock_received,
        delivered=int(getattr(round_, "n_delivered", 0) or 0),
        distribution_on=round_.distribution_on,
        seed=round_.seed,
        input_hash=round_.input_hash,
    )


@router.get("/rounds", response={200: list[RoundOut], **READ_ERRORS})
def rounds(request: HttpRequest) -> list[RoundOut]:
    """Every round of the commune, newest first (spokespeople, comptroller, administrator)."""
    commune = api_commune(request)
    if not distribution_is_readable(api_actor(request)):
        return []
    return [_round_out(r) for r in rounds_listed(commune)]


def _household(request: HttpRequest, payload: DeliveryIn) -> Household:
    actor = api_actor(request)
    if payload.card_code:
        code = payload.card_code.rsplit("code=", 1)[-1]
        return household_at_table_by_card(actor, code)
    if payload.household_id is None:
        raise Refusal(_("Name the household: its id or its card's code."))
    return household_at_table(actor, payload.household_id)


@router.post(
    "/rounds/{round_id}/deliveries",
    response={201: DeliveryOut, 409: ErrorOut, **WRITE_ERRORS},
)
def delivery_create(
    request: HttpRequest, round_id: PathEx[int, P(ge=1, le=MAX_ID)], payload: DeliveryIn
) -> Status[Any]:
    """Record that a household collected its award in this round: once, ever."""
    user = api_user(request)
    round_ = round_for_user(api_actor(request), round_id, table=True)
    household = _household(request, payload)
    delivery: Delivery = services.delivery_record(
        round=round_,
        household=household,
        by=user,
        table=payload.table,
        collected_by=Collector.PROXY if payload.proxy_name.strip() else Collector.HEAD,
        proxy_name=payload.proxy_name,
    )
    return Status(
        201,
        DeliveryOut(
            id=delivery.pk,
            round_id=round_.pk,
            household_id=household.pk,
            household=household.label,
            quantity=delivery.quantity,
            table=delivery.table,
            collected_by=delivery.collected_by,
            proxy_name=delivery.proxy_name,
            fee_minor=delivery.fee_minor,
        ),
    )
