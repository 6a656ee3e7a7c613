"""Importing the books from a spreadsheet in the browser: upload, preview, confirm once.

The same reader as ``comuna ledger import FILE`` (``comuna.ledger.importing``), for the
book-keepers (the transfer form's access rule). The file is kept between the preview and the
confirmation as the census import page keeps its uploads.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comuna.census.spreadsheets import write_csv
from comuna.ledger import chart
from comuna.ledger.access import require_books, upload_for_user
from comuna.ledger.errors import LedgerError
from comuna.ledger.forms import LedgerUploadForm
from comuna.ledger.importing import HEADER, ImportResult
from comuna.ledger.selectors import accounts_of
from comuna.ledger.uploads import ledger_upload_check, ledger_upload_confirm, ledger_upload_store
from comuna.ledger.views.base import the_actor, the_commune
from comuna.users.actors import actor_of

PROBLEMS_SHOWN = 300


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    commune = the_commune(request)
    user = require_books(actor_of(request))
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        stored = ledger_upload_store(
            commune=commune, by=user, filename=upload.name or "", content=upload.read()
        )
        return redirect("ledger:import_preview", pk=stored.pk)
    return render(
        request,
        "ledger/import_upload.html",
        {"form": form, "header": HEADER, "accounts": accounts_of(commune)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the rows the file holds, or every bad row. POST: post it all, once."""
    actor = the_actor(request)
    user = require_books(actor)
    upload = upload_for_user(actor, pk)
    result: ImportResult | None = None
    if request.method == "POST":
        try:
            result = ledger_upload_confirm(upload=upload, by=user)
        except LedgerError as error:
            messages.error(request, error.message)
            return redirect("ledger:import_preview", pk=upload.pk)
        if result.ok:
            messages.success(request, _posted(result))
            return redirect("ledger:import_preview", pk=upload.pk)
        upload.refresh_from_db()
    elif upload.applied_at is None:
        result = ledger_upload_check(upload=upload)
    problems = result.problems if result else []
    return render(
        request,
        "ledger/import_preview.html",
        {
            "upload": upload,
            "result": result,
            "problems": problems[:PROBLEMS_SHOWN],
            "problems_hidden": max(0, len(problems) - PROBLEMS_SHOWN),
        },
    )


def _posted(result: ImportResult) -> str:
    return _("Posted %(rows)s entries from the file, numbers %(first)s to %(last)s.") % {
        "rows": result.posted,
        "first": result.first_sequence,
        "last": result.last_sequence,
    }


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The import's header row and one example row, to fill in and upload."""
    require_books(the_actor(request))
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
