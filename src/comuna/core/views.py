from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from comuna.census.selectors import commune_statistics


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("core:public")
    return render(request, "core/home.html", {"stats": commune_statistics()})


def public(request: HttpRequest) -> HttpResponse:
    """Aggregates for anyone, with no login: counts and charts, never a name."""
    return render(request, "core/public.html", {"stats": commune_statistics()})
