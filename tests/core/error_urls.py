"""A test-only urlconf: the site's own, plus views that fail, to see the pages they give."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal
from comuna.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


def bad(request: HttpRequest) -> HttpResponse:
    raise BadRequest(_("You may not do this."))


def refused(request: HttpRequest) -> HttpResponse:
    raise Refusal(_("The reconciliation is for the comptroller."), status=403)


urlpatterns = [
    path("prueba/roto/", broken),
    path("prueba/malo/", bad),
    path("prueba/rechazo/", refused),
    *urlpatterns,
]
