"""The two pages every import has: upload a file, then preview it and confirm it once.

An app's views (behind ``login_required``) say who imports into which commune, then hand over
to these with their own templates, which extend ``core/import_upload.html`` and
``core/import_preview.html``. Both answer GET and POST only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser as User
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect

from comuna.core.forms import UploadForm
from comuna.core.imports.access import upload_for_user
from comuna.core.imports.importers import importer_for
from comuna.core.imports.services import Outcome, upload_confirm, upload_create, upload_preview
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.web import render

PROBLEMS_SHOWN = 300
_METHODS = ["GET", "POST"]


def upload_page(
    request: HttpRequest,
    *,
    kind: str,
    form: UploadForm,
    by: User,
    commune: Commune,
    template: str,
    preview: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET: the form and the columns. POST: keep the file and go to its preview (``preview``
    names that page's URL, which takes the upload's ``pk``)."""
    if request.method not in _METHODS:
        return HttpResponseNotAllowed(_METHODS)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        upload = upload_create(
            kind=kind,
            commune=commune,
            by=by,
            filename=file.name or "",
            content=file.read(),
            options=form.options(),
        )
        return redirect(preview, pk=upload.pk)
    columns = importer_for(kind).columns
    return render(request, template, {**(context or {}), "form": form, "columns": columns})


def preview_page(
    request: HttpRequest,
    *,
    kind: str,
    pk: int,
    by: User,
    commune: Commune,
    template: str,
    actor: object = None,
    done: str | None = None,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET: what confirming would do, or every bad row. POST: confirm, once.

    The upload is ``by``'s own or the page is not found; ``actor`` is ``by`` as the importing
    app's access checks know them. After a confirmation the page goes
    to ``done`` (a URL), or shows the upload as applied.
    """
    if request.method not in _METHODS:
        return HttpResponseNotAllowed(_METHODS)
    upload = upload_for_user(by, kind=kind, commune=commune, pk=pk)
    outcome: Outcome[Any] | None = None
    if request.method == "POST":
        try:
            outcome = upload_confirm(upload=upload, by=by, actor=actor)
        except Refusal as refusal:
            messages.info(request, refusal.message)
            return redirect(request.path)
        if outcome.applied and outcome.summary is not None:
            messages.success(request, outcome.summary.sentence())
            return redirect(done or request.path)
    elif upload.applied_at is None:
        outcome = upload_preview(upload=upload, actor=actor)
    problems = outcome.problems if outcome else []
    return render(
        request,
        template,
        {
            **(context or {}),
            "upload": upload,
            "outcome": outcome,
            "problems": problems[:PROBLEMS_SHOWN],
            "problems_hidden": max(0, len(problems) - PROBLEMS_SHOWN),
        },
    )
