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
from comuna.core.models import Commune
from comuna.core.selectors import commune_current
from comuna.core.spreadsheets import Format
from comuna.users.models import Role, User

CONTENT_TYPES = {
    Format.CSV: "text/csv; charset=utf-8",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _editor(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not census_is_editable(user):
        raise PermissionDenied(_("Only administrators and spokespeople import into the census."))
    return user


def _commune() -> Commune:
    commune = commune_current()
    if commune is None:
        raise Http404
    return commune


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    user = _editor(request)
    initial = {"council": user.council_id} if user.role == Role.SPOKESPERSON else {}
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        councils=councils_editable(user),
        initial=initial,
    )
    return upload_page(
        request,
        kind=KIND,
        form=form,
        by=user,
        commune=_commune(),
        template="census/import_upload.html",
        preview="census:import_preview",
        context={"cancel_url": reverse("census:index")},
    )


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what confirming would do, or every bad row. POST: confirm, once."""
    return preview_page(
        request,
        by=_editor(request),
        kind=KIND,
        pk=pk,
        commune=_commune(),
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
    user = request.user
    if not isinstance(user, User) or not census_is_exportable(user):
        raise PermissionDenied(_("Exporting the census is for those who keep it."))
    people = people_readable(user)
    name = "censo"
    if code := request.GET.get("council", "").strip():
        council = council_for_user(user, code.upper())
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
