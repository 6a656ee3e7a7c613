"""The yard's forms: a weigh-in on the scale operator's phone, a sale, a bale, a material
and its reference price. Each parses, checks access and calls one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.tenancy import commune_of
from comuna.core.web import apply, form_page
from comuna.recycling import selectors, services
from comuna.recycling.access import (
    material_for_user,
    weighin_record_require,
    yard_manage_require,
)
from comuna.recycling.forms import (
    BaleForm,
    MaterialForm,
    PriceForm,
    SaleForm,
    WeighInForm,
    cents,
    grams,
)
from comuna.recycling.models import WeighIn
from comuna.recycling.weights import kg_text
from comuna.users.actors import acting_user, actor_of

_METHODS = ["GET", "POST"]


@login_required
@require_http_methods(_METHODS)
def weigh(request: HttpRequest) -> HttpResponse:
    """The scale operator's phone page: one load at a time, posted as it is saved."""
    weighin_record_require(actor_of(request))
    commune = commune_of(request)
    form = WeighInForm(request.POST or None)
    form.materials_offer(commune)
    done: list[WeighIn] = []

    def record() -> None:
        data = form.cleaned_data
        source = selectors.source_find(commune, data["source"], data["reference"])
        done.append(
            services.weighin_record(
                commune=commune,
                material=data["material"],
                date=data["date"],
                gross_g=grams(data["gross_kg"]),
                tare_g=grams(data["tare_kg"]),
                by=acting_user(request),
                **source.as_kwargs(),
            )
        )

    if request.method == "POST" and apply(form, record):
        weighin = done[0]
        messages.success(
            request,
            _("Weighed in: %(kg)s kg of %(material)s.")
            % {"kg": kg_text(weighin.net_g), "material": weighin.material.display_name},
        )
        return redirect("recycling:weigh")
    today = (
        WeighIn.objects.of(commune)
        .filter(date=timezone.localdate())
        .select_related("material", "point", "household", "person")[:20]
    )
    return form_page(
        request,
        form,
        _("Weigh in"),
        reverse("recycling:index"),
        template="recycling/weigh.html",
        today=today,
        submit_label=_("Save the weigh-in"),
    )


@login_required
@require_http_methods(_METHODS)
def sale_create(request: HttpRequest) -> HttpResponse:
    yard_manage_require(actor_of(request))
    commune = commune_of(request)
    form = SaleForm(request.POST or None)
    form.materials_offer(commune)

    def record() -> None:
        data = form.cleaned_data
        services.sale_record(
            commune=commune,
            material=data["material"],
            date=data["date"],
            weight_g=grams(data["weight_kg"]),
            price_cents_per_kg=cents(data["price"]),
            buyer=data["buyer"],
            reference=data["reference"],
            by=acting_user(request),
        )

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Sale recorded and posted to the books."))
        return redirect("recycling:sales")
    return form_page(request, form, _("New sale"), reverse("recycling:sales"))


@login_required
@require_http_methods(_METHODS)
def bale_create(request: HttpRequest) -> HttpResponse:
    yard_manage_require(actor_of(request))
    commune = commune_of(request)
    form = BaleForm(request.POST or None)
    form.materials_offer(commune)
    if request.method == "POST" and apply(
        form,
        lambda: services.bale_form(
            commune=commune,
            material=form.cleaned_data["material"],
            weight_g=grams(form.cleaned_data["weight_kg"]),
            formed_on=form.cleaned_data["formed_on"],
        ),
    ):
        messages.success(request, _("Bale recorded."))
        return redirect("recycling:index")
    return form_page(request, form, _("New bale"), reverse("recycling:index"))


@login_required
@require_http_methods(_METHODS)
def material_create(request: HttpRequest) -> HttpResponse:
    yard_manage_require(actor_of(request))
    commune = commune_of(request)
    form = MaterialForm(request.POST or None)
    if request.method == "POST" and apply(
        form, lambda: services.material_create(commune=commune, **form.cleaned_data)
    ):
        messages.success(request, _("Material added."))
        return redirect("recycling:materials")
    return form_page(request, form, _("New material"), reverse("recycling:materials"))


@login_required
@require_http_methods(_METHODS)
def price_set(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    yard_manage_require(actor)
    material = material_for_user(actor, pk)
    form = PriceForm(request.POST or None)
    back = reverse("recycling:material", args=[material.pk])
    if request.method == "POST" and apply(
        form,
        lambda: services.reference_price_set(
            commune=commune_of(request),
            material=material,
            valid_from=form.cleaned_data["valid_from"],
            price_cents_per_kg=cents(form.cleaned_data["price"]),
            note=form.cleaned_data["note"],
        ),
    ):
        messages.success(request, _("Reference price saved."))
        return redirect(back)
    title = _("Reference price of %(material)s") % {"material": material.display_name}
    return form_page(request, form, title, back)
