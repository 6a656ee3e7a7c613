"""The clinic's medicine stock over JSON: counts only, never a patient.

Readable by the health committee, the administrator and the comptroller, as the stock page.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from comuna.api.auth import api_actor, api_commune
from comuna.api.errors import READ_ERRORS
from comuna.health import selectors
from comuna.health.access import stock_read_require

router = Router(tags=["health"])


class HealthStockOut(Schema):
    item_id: int
    name: str
    form: str
    unit: str
    stock: int = Field(description="Units on record, expired or not.")
    usable: int = Field(description="Units on record in batches not yet expired.")
    batches: int = Field(description="Batches that still hold units.")
    next_expiry: dt.date | None = Field(description="The nearest expiry of a usable batch.")


@router.get("/stock", response={200: list[HealthStockOut], **READ_ERRORS})
def stock(request: HttpRequest) -> list[HealthStockOut]:
    """The stock of every medicine and supply, in its units."""
    stock_read_require(api_actor(request))
    return [
        HealthStockOut(
            item_id=row.item.pk,
            name=row.item.name,
            form=row.item.form,
            unit=row.item.unit,
            stock=row.stock,
            usable=row.usable,
            batches=row.batches,
            next_expiry=row.next_expiry,
        )
        for row in selectors.stock_by_item(api_commune(request), today=timezone.localdate())
    ]
