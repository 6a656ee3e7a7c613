"""The yard's pages to read: stock and charts, the weigh-ins, the sales, a material's prices."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.views.decorators.http import require_GET

from comuna.core.charts import bar_chart
from comuna.core.tenancy import commune_of
from comuna.core.web import render
from comuna.recycling import selectors
from comuna.recycling.access import (
    material_for_user,
    weighins_are_recordable,
    yard_is_managed,
    yard_read_require,
)
from comuna.recycling.models import Bale, Material, Sale
from comuna.recycling.weights import kg_text
from comuna.users.actors import actor_of


def _roles(request: HttpRequest) -> dict[str, bool]:
    actor = actor_of(request)
    return {"can_manage": yard_is_managed(actor), "can_weigh": weighins_are_recordable(actor)}


def _kg(grams: int) -> float:
    return round(grams / 1000, 1)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The stock by material, and the kg weighed in per material per month."""
    yard_read_require(actor_of(request))
    commune = commune_of(request)
    charts = [
        (
            material,
            bar_chart(
                [
                    (formats.date_format(month, "YEAR_MONTH_FORMAT"), _kg(grams))
                    for month, grams in months
                ]
            ),
            sum(grams for _m, grams in months),
        )
        for material, months in selectors.kg_by_material_by_month(
            commune, today=timezone.localdate()
        )
    ]
    stock = selectors.stock_by_material(commune)
    return render(
        request,
        "recycling/index.html",
        {
            "stock": stock,
            "stock_total": sum(row.stock_g for row in stock),
            "charts": charts,
            "bales": Bale.objects.of(commune)
            .filter(sold_in__isnull=True)
            .select_related("material")[:50],
            **_roles(request),
        },
    )


def _month(request: HttpRequest) -> dt.date | None:
    text = request.GET.get("mes", "")
    try:
        return dt.date.fromisoformat(f"{text}-01") if text else None
    except ValueError:
        return None


@login_required
@require_GET
def weighins(request: HttpRequest) -> HttpResponse:
    """The desk list of weigh-ins, by month and material."""
    yard_read_require(actor_of(request))
    commune = commune_of(request)
    month = _month(request)
    material = None
    if (code := request.GET.get("material", "")).isdigit():
        material = Material.objects.of(commune).filter(pk=int(code)).first()
    rows = selectors.weighins_listed(commune, month=month, material=material)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "recycling/weighins.html",
        {
            "page": page,
            "month": month,
            "material": material,
            "materials": Material.objects.of(commune),
            "total": kg_text(sum(w.net_g for w in page.object_list)),
            **_roles(request),
        },
    )


@login_required
@require_GET
def sales(request: HttpRequest) -> HttpResponse:
    yard_read_require(actor_of(request))
    commune = commune_of(request)
    rows = Sale.objects.of(commune).select_related("material", "money_entry")
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(request, "recycling/sales.html", {"page": page, **_roles(request)})


@login_required
@require_GET
def materials(request: HttpRequest) -> HttpResponse:
    yard_read_require(actor_of(request))
    commune = commune_of(request)
    today = timezone.localdate()
    rows = [
        (material, selectors.reference_price_on(material, today))
        for material in Material.objects.of(commune)
    ]
    return render(request, "recycling/materials.html", {"rows": rows, **_roles(request)})


@login_required
@require_GET
def material(request: HttpRequest, pk: int) -> HttpResponse:
    """A material's price history: each sale's price and the reference prices."""
    found = material_for_user(actor_of(request), pk)
    sales_, prices = selectors.price_history(found)
    return render(
        request,
        "recycling/material.html",
        {
            "material": found,
            "sales": sales_,
            "prices": prices,
            "stock_g": selectors.material_stock_g(found),
            **_roles(request),
        },
    )
