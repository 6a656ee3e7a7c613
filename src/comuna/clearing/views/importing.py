"""Obligations from a spreadsheet in the browser: upload, preview, confirm once."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from comuna.clearing.access import obligations_record_require
from comuna.clearing.importing import KIND
from comuna.core.forms import UploadForm
from comuna.core.imports.views import preview_page, upload_page
from comuna.core.tenancy import commune_of
from comuna.users.actors import acting_user, actor_of


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    obligations_record_require(actor_of(request))
    return upload_page(
        request,
        kind=KIND,
        form=UploadForm(request.POST or None, request.FILES or None),
        by=acting_user(request),
        commune=commune_of(request),
        template="clearing/import_upload.html",
        preview="clearing:import_preview",
        context={"cancel_url": reverse("clearing:obligations")},
    )


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    obligations_record_require(actor)
    return preview_page(
        request,
        by=acting_user(request),
        kind=KIND,
        pk=pk,
        commune=commune_of(request),
        actor=actor,
        template="clearing/import_preview.html",
        done=reverse("clearing:obligations"),
        context={"upload_url": reverse("clearing:import")},
    )
