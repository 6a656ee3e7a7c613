"""The entry point for people: the home page after login and the figures open to anyone."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from comuna.census.selectors import commune_statistics
from comuna.core.tenancy import commune_of
from comuna.core.web import render
from comuna.waste.reporting.selectors import public_waste_figures


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("portal:public")
    return render(
        request, "portal/home.html", {"stats": commune_statistics(commune=commune_of(request))}
    )


def public(request: HttpRequest) -> HttpResponse:
    """Aggregates for anyone, with no login: counts and charts, never a name."""
    commune = commune_of(request)
    return render(
        request,
        "portal/public.html",
        {
            "stats": commune_statistics(commune=commune),
            "waste": public_waste_figures(commune, timezone.localdate()),
        },
    )
