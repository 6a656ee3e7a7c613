"""Importing a stock count from a spreadsheet in the browser: upload, preview, confirm once.

The one import pipeline (``comuna.core.imports``) with the clinic's importer, as
``comuna health count import FILE --by LOGIN``, for the health committee.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from comuna.core.forms import UploadForm
from comuna.core.imports.views import preview_page, upload_page
from comuna.core.spreadsheets import write_csv
from comuna.core.tenancy import commune_of
from comuna.health.access import committee_require, health_is_committee, stock_read_require
from comuna.health.importing import HEADER, KIND
from comuna.users.actors import acting_user, actor_of


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    committee_require(actor_of(request))
    return upload_page(
        request,
        kind=KIND,
        form=UploadForm(request.POST or None, request.FILES or None),
        by=acting_user(request),
        commune=commune_of(request),
        template="health/import_upload.html",
        preview="health:import_preview",
        context={"cancel_url": reverse("health:counts"), "is_committee": True},
    )


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the counts the file holds, or every bad row. POST: record them all, once."""
    actor = actor_of(request)
    stock_read_require(actor)
    if not health_is_committee(actor):
        raise Http404(_("No such record."))  # only the committee imports: none is theirs
    return preview_page(
        request,
        by=acting_user(request),
        kind=KIND,
        pk=pk,
        commune=commune_of(request),
        actor=actor,
        template="health/import_preview.html",
        context={"upload_url": reverse("health:import"), "is_committee": True},
    )


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The import's header row and one example row, to fill in and upload."""
    committee_require(actor_of(request))
    example = ["Amoxicilina 500 mg", "L2026-003", "120", timezone.localdate().isoformat()]
    response = HttpResponse(write_csv(HEADER, [example]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plantilla-conteo.csv"'
    return response
