"""The synchronisation in the browser (``/sincronizar/``): on a laptop, its status, a bundle to
download and carry, the server's bundle to upload; on a server, a commune's bundle to upload
and every commune's status and alarms."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from comuna.core.refusals import Refusal
from comuna.core.web import render
from comuna.engines.sync import BundleError, bundle_peek
from comuna.sync import access, selectors, services
from comuna.users.actors import actor_of

MAX_UPLOAD = 256 * 1024 * 1024


class BundleForm(forms.Form):
    bundle = forms.FileField(label=gettext_lazy("Bundle file"))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    access.page_require(actor)
    context: dict[str, object] = {"form": BundleForm()}
    if access.commune_is_syncable(actor) and actor.commune is not None:
        context["commune"] = actor.commune
        context["status"] = selectors.laptop_status(actor.commune)
        context["commune_alarms"] = selectors.alarms_of(actor.commune)
    if access.server_is_operable(actor):
        context["server"] = selectors.server_status()
        context["alarms"] = selectors.alarms_of()
    return render(request, "sync/index.html", context)


@login_required
@require_POST
def download(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not access.commune_is_syncable(actor) or actor.commune is None:
        access.page_require(actor)
        return redirect("sync:index")
    data = services.bundle_next(actor.commune)
    if data is None:
        messages.info(request, _("Nothing to send: every change is in an earlier bundle."))
        return redirect("sync:index")
    seq = bundle_peek(data)["seq"]
    response = HttpResponse(data, content_type="application/octet-stream")
    filename = f"comuna-{actor.commune.code}-{seq:05}.sync"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    access.page_require(actor)
    form = BundleForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a bundle file to upload."))
        return redirect("sync:index")
    upload = form.cleaned_data["bundle"]
    if upload.size > MAX_UPLOAD:
        messages.error(
            request, _("The bundle is larger than a bundle may be: nothing was applied.")
        )
        return redirect("sync:index")
    data = upload.read()
    try:
        kind = bundle_peek(data).get("kind")
    except BundleError as error:
        messages.error(request, services._refusal_of(error).message)
        return redirect("sync:index")
    try:
        if kind == "down" and access.commune_is_syncable(actor):
            result = services.published_apply(data=data)
            messages.success(
                request,
                _("The server's bundle was applied: %(rows)s published rows.")
                % {"rows": result["rows"]},
            )
        elif kind == "up" and access.server_is_operable(actor):
            applied = services.bundle_apply(data=data)
            messages.success(
                request,
                _("Bundle %(seq)s of %(commune)s applied: %(count)s changes.")
                % {"seq": applied.seq, "commune": applied.commune.name, "count": applied.changes},
            )
        else:
            messages.error(request, _("You may not apply this kind of bundle here."))
    except Refusal as refusal:
        messages.error(request, refusal.message)
    return redirect("sync:index")
