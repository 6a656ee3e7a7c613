"""Importing the books from a spreadsheet in the browser: upload, preview, confirm once.

The one import pipeline (``comuna.core.imports``) with the ledger's importer, as
``comuna ledger import FILE``, for the book-keepers (the transfer form's access rule).
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
from comuna.ledger import chart
from comuna.ledger.access import keeps_books, require_books, require_books_read
from comuna.ledger.importing import HEADER, KIND
from comuna.ledger.selectors import accounts_of
from comuna.ledger.views.base import the_commune
from comuna.users.actors import actor_of


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    user = require_books(actor_of(request))
    commune = the_commune(request)
    return upload_page(
        request,
        kind=KIND,
        form=UploadForm(request.POST or None, request.FILES or None),
        by=user,
        commune=commune,
        template="ledger/import_upload.html",
        preview="ledger:import_preview",
        context={"accounts": accounts_of(commune), "cancel_url": reverse("ledger:books")},
    )


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the rows the file holds, or every bad row. POST: post it all, once."""
    actor = actor_of(request)
    require_books_read(actor)
    if not keeps_books(actor):
        raise Http404  # an upload is seen only by its author, who keeps the books
    return preview_page(
        request,
        by=require_books(actor),
        kind=KIND,
        pk=pk,
        commune=the_commune(request),
        template="ledger/import_preview.html",
        context={"upload_url": reverse("ledger:import")},
    )


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The import's header row and one example row, to fill in and upload."""
    require_books(actor_of(request))
    example = [
        timezone.localdate().isoformat(),
        _("Waste-collection fees, council CC01"),
        chart.WASTE_CASH,
        chart.INCOME_WASTE_FEES,
        "1.250,50",
        "VES",
        "R-CC01-001",
    ]
    response = HttpResponse(write_csv(HEADER, [example]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plantilla-libro.csv"'
    return response
