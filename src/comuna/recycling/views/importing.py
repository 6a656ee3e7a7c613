"""Importing weigh-ins from a spreadsheet in the browser: upload, preview, confirm once.

The one import pipeline (``comuna.core.imports``) with the yard's importer, as
``comuna recycling weighins import FILE``, for the yard's manager and the administrator.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from comuna.core.forms import UploadForm
from comuna.core.imports.views import preview_page, upload_page
from comuna.core.spreadsheets import write_csv
from comuna.core.tenancy import commune_of
from comuna.recycling.access import yard_manage_require
from comuna.recycling.importing import HEADER, KIND
from comuna.recycling.models import Material
from comuna.users.actors import acting_user, actor_of


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    yard_manage_require(actor)
    commune = commune_of(request)
    return upload_page(
        request,
        kind=KIND,
        form=UploadForm(request.POST or None, request.FILES or None),
        by=acting_user(request),
        commune=commune,
        template="recycling/import_upload.html",
        preview="recycling:import_preview",
        context={
            "materials": Material.objects.of(commune),
            "cancel_url": reverse("recycling:weighins"),
        },
    )


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the rows the file holds, or every bad row. POST: record it all, once."""
    actor = actor_of(request)
    yard_manage_require(actor)
    return preview_page(
        request,
        by=acting_user(request),
        kind=KIND,
        pk=pk,
        commune=commune_of(request),
        actor=actor,
        template="recycling/import_preview.html",
        context={"upload_url": reverse("recycling:import")},
    )


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The import's header row and one example row, to fill in and upload."""
    yard_manage_require(actor_of(request))
    example = [timezone.localdate().isoformat(), "20 01 01", "25,5", "0,5", "nombre", "Ana Díaz"]
    response = HttpResponse(write_csv(HEADER, [example]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plantilla-pesajes.csv"'
    return response
