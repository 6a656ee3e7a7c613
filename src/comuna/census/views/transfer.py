"""Import from spreadsheets with a preview before anything is saved, and export.

Importing is for those who change the census (administrators, and spokespeople into their own
council). Exporting personal data is for the roles that keep the census: administrators and
the comptroller get every council, a spokesperson their own; residents are refused (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comuna.census.access import (
    census_import_for_user,
    census_is_editable,
    census_is_exportable,
    council_for_user,
    councils_editable,
    people_readable,
)
from comuna.census.exporting import census_file, template_file
from comuna.census.forms import ImportUploadForm
from comuna.census.importing import (
    COLUMNS,
    ImportResult,
    census_import_check,
    census_import_confirm,
    census_import_upload,
)
from comuna.census.spreadsheets import Format
from comuna.core.refusals import Refusal
from comuna.core.tenancy import commune_of
from comuna.users.actors import Actor, actor_of

ERRORS_SHOWN = 300
CONTENT_TYPES = {
    Format.CSV: "text/csv; charset=utf-8",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _editor(request: HttpRequest) -> Actor:
    actor = actor_of(request)
    if actor.login is None or not census_is_editable(actor):
        raise PermissionDenied(_("Only administrators and spokespeople import into the census."))
    return actor


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    actor = _editor(request)
    councils = councils_editable(actor)
    # A spokesperson of one council imports into it; an administrator chooses (or not).
    initial: dict[str, int] = {}
    if not actor.is_admin and len(actor.council_ids) == 1:
        (initial["council"],) = actor.council_ids
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, councils=councils, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            stored = census_import_upload(
                commune=commune_of(request),
                actor=actor,
                filename=upload.name or "",
                content=upload.read(),
                council=form.cleaned_data["council"],
            )
        except Refusal as error:
            form.add_error("council", error.message)
        else:
            return redirect("census:import_preview", pk=stored.pk)
    return render(request, "census/import_upload.html", {"form": form, "columns": COLUMNS})


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what confirming would do, or every bad row. POST: confirm, once."""
    actor = _editor(request)
    upload = census_import_for_user(actor, pk)
    result: ImportResult | None = None
    if request.method == "POST":
        try:
            result = census_import_confirm(upload=upload, actor=actor)
        except Refusal as error:
            messages.info(request, error.message)
            return redirect("census:import_preview", pk=upload.pk)
        if result.applied:
            messages.success(request, result.summary())
            return redirect("census:index")
    elif upload.applied_at is None:
        result = census_import_check(upload=upload, actor=actor)
    return render(
        request,
        "census/import_preview.html",
        {
            "upload": upload,
            "result": result,
            "errors_shown": result.errors[:ERRORS_SHOWN] if result else [],
            "errors_hidden": max(0, len(result.errors) - ERRORS_SHOWN) if result else 0,
            "columns": COLUMNS,
        },
    )


@login_required
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The people still here that the user may read; ``?council=CODE`` for one council."""
    try:
        file_format = Format(fmt)
    except ValueError:
        raise Http404(_("Export as csv or xlsx.")) from None
    actor = actor_of(request)
    if not census_is_exportable(actor):
        raise PermissionDenied(_("Exporting the census is for those who keep it."))
    people = people_readable(actor)
    name = "censo"
    if code := request.GET.get("council", "").strip():
        council = council_for_user(actor, code.upper())
        people = people.filter(household__council=council)
        name = f"censo-{council.code}"
    response = HttpResponse(
        census_file(people, file_format), content_type=CONTENT_TYPES[file_format]
    )
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format.value}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """An empty spreadsheet with the import's header row, to fill in and upload."""
    _editor(request)
    try:
        file_format = Format(fmt)
    except ValueError:
        raise Http404(_("Download the template as csv or xlsx.")) from None
    response = HttpResponse(template_file(file_format), content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="plantilla-censo.{file_format.value}"'
    return response
