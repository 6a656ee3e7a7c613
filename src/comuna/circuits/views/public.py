"""The circuits' public page: aggregates of the latest approved cycle, no outlet named."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from comuna.circuits import selectors
from comuna.core.tenancy import commune_of
from comuna.core.web import render


def public(request: HttpRequest) -> HttpResponse:
    figures = selectors.public_figures(commune_of(request))
    return render(
        request,
        "circuits/public.html",
        {"figures": figures, "chart": selectors.planned_delivered_chart(figures.by_product)},
    )
