"""The brigades as the public sees them: counts only, never a name."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from comuna.brigades.selectors import public_figures
from comuna.core.tenancy import commune_of
from comuna.core.web import render


def public(request: HttpRequest) -> HttpResponse:
    figures = public_figures(commune_of(request), today=timezone.localdate())
    return render(request, "brigades/public.html", {"figures": figures})
