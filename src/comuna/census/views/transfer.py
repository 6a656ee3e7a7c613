"""Import from spreadsheets with a preview before anything is saved, and export.

Importing is for those who change the census (administrators, and spokespeople into their own
council). Exporting personal data is for the roles that keep the census: administrators and
the comptroller get every council, a spokesperson their own; residents are refused (403).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from comuna.census.access import (
    census_is_editable,
    census_is_exportable,
    council_for_user,
    councils_editable,
    people_readable,
)
from comuna.census.exporting import census_file, template_file
from comuna.census.forms import ImportUploadForm
from comuna.census.importing import KIND
from comuna.core.imports.views import preview_page, upload_page
from comuna.core.spreadsheets import Format
from comuna.core.tenancy import commune_of
from comuna.users.actors import Actor, acting_user, actor_of

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
def import_upload(request: HttpRequest) -> HttpResponse:
    actor = _editor(request)
    # A spokesperson of one council imports into it; an administrator chooses (or not).
    initial: dict[str, int] = {}
    if not actor.is_admin and len(actor.council_ids) == 1:
        (initial["council"],) = actor.council_ids
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        councils=councils_editable(actor),
        initial=initial,
    )
    return upload_page(
        request,
        kind=KIND,
        form=form,
        by=acting_user(request),
        commune=commune_of(request),
        template="census/import_upload.html",
        preview="census:import_preview",
        context={"cancel_url": reverse("census:index")},
    )


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what confirming would do, or every bad row. POST: confirm, once."""
    actor = _editor(request)
    return preview_page(
        request,
        by=acting_user(request),
        actor=actor,
        kind=KIND,
        pk=pk,
        commune=commune_of(request),
        template="census/import_preview.html",
        done=reverse("census:index"),
        context={"upload_url": reverse("census:import")},
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
