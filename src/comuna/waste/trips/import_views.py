"""Trip logs from a spreadsheet in the browser: upload, preview, confirm once (the manager)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from comuna.core.forms import UploadForm
from comuna.core.imports.views import preview_page, upload_page
from comuna.core.spreadsheets import write_csv
from comuna.core.tenancy import commune_of
from comuna.users.actors import Actor, acting_user, actor_of
from comuna.waste.access import waste_is_managed
from comuna.waste.trips.importing import HEADER, KIND


def _manager(request: HttpRequest) -> Actor:
    actor = actor_of(request)
    if not waste_is_managed(actor):
        raise PermissionDenied(_("Only the enterprise's manager imports trip logs."))
    return actor


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return upload_page(
        request,
        kind=KIND,
        form=UploadForm(request.POST or None, request.FILES or None),
        by=acting_user(request),
        commune=commune_of(request),
        template="waste/trips/import_upload.html",
        preview="waste:trips_import_preview",
    )


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _manager(request)
    return preview_page(
        request,
        by=acting_user(request),
        actor=actor,
        kind=KIND,
        pk=pk,
        commune=commune_of(request),
        template="waste/trips/import_preview.html",
        context={"upload_url": reverse("waste:trips_import")},
    )


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The header row and two example rows of one route, to fill in and upload."""
    _manager(request)
    rows = [
        ["2026-03-02", "A12BC3D", "31,4", "22,5", "P001", "350"],
        ["2026-03-02", "A12BC3D", "", "", "P002", "410"],
    ]
    response = HttpResponse(write_csv(HEADER, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plantilla-viajes.csv"'
    return response
