"""The recycling yard over JSON: materials, the stock, posting a weigh-in and a sale.

Weights are integers of grams and prices integers of céntimos, as the books keep them. A
weigh-in or a sale is posted to the books as on the pages; ``POST`` answers 201, or 400 with
the refusal (a tare above the gross, a sale beyond the stock, an unknown material…).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from comuna.api.auth import api_actor, api_commune, api_user
from comuna.api.errors import READ_ERRORS, WRITE_ERRORS
from comuna.api.inputs import Input, length_of
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.recycling import selectors, services
from comuna.recycling.access import (
    weighin_record_require,
    yard_manage_require,
    yard_read_require,
)
from comuna.recycling.models import Material, Sale, SourceKind, WeighIn
from comuna.recycling.services import MAX_PRICE_CENTS_PER_KG, MAX_WEIGHT_G

router = Router(tags=["recycling"])


class RecyclingMaterialOut(Schema):
    id: int
    code: str = Field(description="The List of Waste's code (20 01 01) or the commune's own.")
    name: str
    standard: bool
    active: bool
    reference_price_cents_per_kg: int | None


class RecyclingStockOut(Schema):
    material_id: int
    code: str
    name: str
    weighed_g: int
    sold_g: int
    stock_g: int
    baled_g: int


class RecyclingWeighInIn(Input):
    material: str = Field(max_length=12, description="The material's code: 20 01 01 or 200101.")
    date: dt.date | None = Field(None, description="The day it was weighed; today if absent.")
    gross_g: int = Field(ge=0, le=MAX_WEIGHT_G, description="Gross weight in grams.")
    tare_g: int = Field(0, ge=0, le=MAX_WEIGHT_G, description="Tare in grams.")
    source: SourceKind = Field(SourceKind.NAMED, description="Where the load came from.")
    reference: str = Field(
        "",
        max_length=length_of(WeighIn, "source_name"),
        description="The trip log's number, the point's code, the household's card, the "
        "person's ID number, or the name of who brought it.",
    )


class RecyclingWeighInOut(Schema):
    id: int
    date: dt.date
    material: str
    source: str
    gross_g: int
    tare_g: int
    net_g: int
    entry_sequence: int | None


class RecyclingSaleIn(Input):
    material: str = Field(max_length=12, description="The material's code: 20 01 01 or 200101.")
    date: dt.date | None = Field(None, description="The day of the sale; today if absent.")
    weight_g: int = Field(ge=1, le=MAX_WEIGHT_G, description="Weight sold in grams.")
    price_cents_per_kg: int = Field(ge=1, le=MAX_PRICE_CENTS_PER_KG)
    buyer: str = Field(min_length=1, max_length=length_of(Sale, "buyer"))
    reference: str = Field("", max_length=length_of(Sale, "reference"))


class RecyclingSaleOut(Schema):
    id: int
    date: dt.date
    material: str
    weight_g: int
    price_cents_per_kg: int
    amount_cents: int
    buyer: str
    money_entry_sequence: int | None
    goods_entry_sequence: int | None


def _material(commune: Commune, code: str) -> Material:
    material = selectors.material_by_code(commune, code)
    if material is None:
        raise Refusal(
            _("There is no material with code “%(code)s”.") % {"code": code},
            field="material",
            code="material",
        )
    return material


@router.get("/materials", response={200: list[RecyclingMaterialOut], **READ_ERRORS})
def materials(request: HttpRequest) -> list[RecyclingMaterialOut]:
    """The materials the yard takes in, with today's reference price."""
    yard_read_require(api_actor(request))
    today = timezone.localdate()
    out = []
    for material in Material.objects.of(api_commune(request)):
        price = selectors.reference_price_on(material, today)
        out.append(
            RecyclingMaterialOut(
                id=material.pk,
                code=material.code,
                name=material.display_name,
                standard=material.standard,
                active=material.active,
                reference_price_cents_per_kg=price.price_cents_per_kg if price else None,
            )
        )
    return out


@router.get("/stock", response={200: list[RecyclingStockOut], **READ_ERRORS})
def stock(request: HttpRequest) -> list[RecyclingStockOut]:
    """The stock of every material, in grams: weighed in, sold, in the yard, in bales."""
    yard_read_require(api_actor(request))
    return [
        RecyclingStockOut(
            material_id=row.material.pk,
            code=row.material.code,
            name=row.material.display_name,
            weighed_g=row.weighed_g,
            sold_g=row.sold_g,
            stock_g=row.stock_g,
            baled_g=row.baled_g,
        )
        for row in selectors.stock_by_material(api_commune(request), with_empty=True)
    ]


@router.post("/weighins", response={201: RecyclingWeighInOut, **WRITE_ERRORS})
def weighin_create(request: HttpRequest, payload: RecyclingWeighInIn) -> Status[Any]:
    """Record a load weighed at the yard, posted into the recycling stock."""
    user = api_user(request)
    weighin_record_require(api_actor(request))
    commune = api_commune(request)
    source = selectors.source_find(commune, payload.source, payload.reference)
    weighin = services.weighin_record(
        commune=commune,
        material=_material(commune, payload.material),
        date=payload.date or timezone.localdate(),
        gross_g=payload.gross_g,
        tare_g=payload.tare_g,
        by=user,
        **source.as_kwargs(),
    )
    return Status(
        201,
        RecyclingWeighInOut(
            id=weighin.pk,
            date=weighin.date,
            material=weighin.material.code,
            source=weighin.source,
            gross_g=weighin.gross_g,
            tare_g=weighin.tare_g,
            net_g=weighin.net_g,
            entry_sequence=weighin.entry.sequence if weighin.entry else None,
        ),
    )


@router.post("/sales", response={201: RecyclingSaleOut, **WRITE_ERRORS})
def sale_create(request: HttpRequest, payload: RecyclingSaleIn) -> Status[Any]:
    """Sell material to a buyer: money into the recycling cash, goods out of the stock."""
    user = api_user(request)
    yard_manage_require(api_actor(request))
    commune = api_commune(request)
    sale = services.sale_record(
        commune=commune,
        material=_material(commune, payload.material),
        date=payload.date or timezone.localdate(),
        weight_g=payload.weight_g,
        price_cents_per_kg=payload.price_cents_per_kg,
        buyer=payload.buyer,
        reference=payload.reference,
        by=user,
    )
    return Status(
        201,
        RecyclingSaleOut(
            id=sale.pk,
            date=sale.date,
            material=sale.material.code,
            weight_g=sale.weight_g,
            price_cents_per_kg=sale.price_cents_per_kg,
            amount_cents=sale.amount_cents,
            buyer=sale.buyer,
            money_entry_sequence=sale.money_entry.sequence if sale.money_entry else None,
            goods_entry_sequence=sale.goods_entry.sequence if sale.goods_entry else None,
        ),
    )
