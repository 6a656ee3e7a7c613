"""The administrator's lists: the kinds of incident and the store's repair materials."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.tenancy import commune_of
from comuna.core.web import apply, render
from comuna.incidents import access, selectors, services
from comuna.incidents.forms import KindForm, MaterialForm, ReceiveForm, thousandths
from comuna.incidents.models import IncidentKind, RepairMaterial
from comuna.users.actors import acting_user, actor_of

_METHODS = ["GET", "POST"]


@login_required
@require_http_methods(_METHODS)
def kinds(request: HttpRequest) -> HttpResponse:
    access.incidents_manage_require(actor_of(request))
    commune = commune_of(request)
    form = KindForm(request.POST or None)
    if request.method == "POST" and apply(
        form, lambda: services.kind_create(commune=commune, name=form.cleaned_data["name"])
    ):
        messages.success(request, _("Kind added."))
        return redirect("incidents:kinds")
    return render(
        request,
        "incidents/kinds.html",
        {"form": form, "kinds": IncidentKind.objects.of(commune)},
    )


@login_required
@require_http_methods(_METHODS)
def materials(request: HttpRequest) -> HttpResponse:
    """The store: each material with what it holds; add a material, receive some."""
    access.incidents_manage_require(actor_of(request))
    commune = commune_of(request)
    # Two forms on one page: a POST is the receipt when it says so (its button or its
    # "where it came from"), else the new material; either way exactly one form is bound.
    receiving = "receive" in request.POST or "source" in request.POST
    posted = request.POST if request.method == "POST" else None
    new = MaterialForm(None if receiving else posted)
    receive = ReceiveForm(posted if receiving else None)
    receive.fields["material"].queryset = RepairMaterial.objects.of(commune)  # type: ignore[attr-defined]
    if (
        posted is not None
        and not receiving
        and apply(new, lambda: services.repair_material_create(commune=commune, **new.cleaned_data))
    ):
        messages.success(request, _("Material added to the store."))
        return redirect("incidents:materials")
    if (
        posted is not None
        and receiving
        and apply(
            receive,
            lambda: services.repair_material_receive(
                material=receive.cleaned_data["material"],
                quantity=thousandths(receive.cleaned_data["quantity"]),
                date=receive.cleaned_data["date"],
                source=receive.cleaned_data["source"],
                by=acting_user(request),
            ),
        )
    ):
        messages.success(request, _("Received into the store and posted to the books."))
        return redirect("incidents:materials")
    return render(
        request,
        "incidents/materials.html",
        {
            "new": new,
            "receive": receive,
            "rows": selectors.store_stock(commune),
        },
    )
