"""A brigade's members from a spreadsheet in the browser: upload, preview, confirm once."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from comuna.brigades import access
from comuna.brigades.forms import MembersUploadForm
from comuna.brigades.importing import HEADER, KIND
from comuna.core.imports.views import preview_page, upload_page
from comuna.core.models import Upload
from comuna.core.spreadsheets import write_csv
from comuna.core.tenancy import commune_of
from comuna.users.actors import acting_user, actor_of


@login_required
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    brigade = access.brigade_for_user(actor_of(request), pk, manage=True)
    return upload_page(
        request,
        kind=KIND,
        form=MembersUploadForm(request.POST or None, request.FILES or None, brigade_id=brigade.pk),
        by=acting_user(request),
        commune=commune_of(request),
        template="brigades/import_upload.html",
        preview="brigades:import_preview",
        context={"brigade": brigade, "cancel_url": reverse("brigades:detail", args=[brigade.pk])},
    )


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """``pk`` is the upload's; its brigade must still be one the person manages."""
    actor = actor_of(request)
    commune = commune_of(request)
    upload = Upload.objects.of(commune).filter(pk=pk, kind=KIND).first()
    raw = str(upload.options.get("brigade", "")) if upload is not None else ""
    if not raw.isdigit():
        raise Http404
    brigade = access.brigade_for_user(actor, int(raw), manage=True)
    return preview_page(
        request,
        by=acting_user(request),
        kind=KIND,
        pk=pk,
        commune=commune,
        actor=actor,
        template="brigades/import_preview.html",
        context={
            "brigade": brigade,
            "upload_url": reverse("brigades:import", args=[brigade.pk]),
        },
    )


@login_required
@require_GET
def import_template(request: HttpRequest, pk: int) -> HttpResponse:
    access.brigade_for_user(actor_of(request), pk, manage=True)
    example = ["V-12.345.678", "primeros auxilios", "si", ""]
    response = HttpResponse(write_csv(HEADER, [example]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plantilla-brigadistas.csv"'
    return response
