"""The circuit's registry, kept by its organisers: products and their accessible prices,
producers, outlets, vehicles, cycles; and a cycle's offers and needs one at a time."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.census.models import Council
from comuna.circuits import services
from comuna.circuits.access import cycle_for_organiser, organise_require, read_require
from comuna.circuits.forms import (
    CycleForm,
    NeedForm,
    OfferForm,
    OutletForm,
    ProducerForm,
    ProductForm,
    VehicleForm,
)
from comuna.circuits.models import Outlet, Producer, Product, Vehicle
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, form_page, render
from comuna.enterprises.models import Enterprise
from comuna.users.actors import actor_of


def _grams(kg: Decimal) -> int:
    return int(kg * 1000)


@login_required
def registry(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    read_require(actor)
    organise_require(actor)
    commune = commune_of(request)
    return render(
        request,
        "circuits/registry.html",
        {
            "products": Product.objects.of(commune),
            "producers": Producer.objects.of(commune).select_related("enterprise"),
            "outlets": Outlet.objects.of(commune).select_related("council"),
            "vehicles": Vehicle.objects.of(commune).select_related("driver"),
        },
    )


def _page(
    request: HttpRequest,
    form: forms.Form,
    write: Callable[[dict[str, Any]], object],
    *,
    title: str,
    done: str,
    back: str,
) -> HttpResponse:
    if request.method == "POST" and apply(form, lambda: write(form.cleaned_data)):
        messages.success(request, done)
        return redirect(back)
    return form_page(request, form, title, back)


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request: HttpRequest) -> HttpResponse:
    organise_require(actor_of(request))
    commune = commune_of(request)
    return _page(
        request,
        ProductForm(request.POST or None),
        lambda d: services.product_create(
            commune=commune, name=d["name"], price_cents_per_kg=int(d["price"] * 100)
        ),
        title=_("New product"),
        done=_("Product saved."),
        back=reverse("circuits:registry"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def producer_create(request: HttpRequest) -> HttpResponse:
    organise_require(actor_of(request))
    commune = commune_of(request)
    form = ProducerForm(request.POST or None)
    field = form.fields["enterprise"]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - the form's own field
    field.queryset = Enterprise.objects.of(commune).filter(active=True)
    return _page(
        request,
        form,
        lambda d: services.producer_create(
            commune=commune, name=d["name"], lat=d["lat"], lon=d["lon"], enterprise=d["enterprise"]
        ),
        title=_("New producer"),
        done=_("Producer saved."),
        back=reverse("circuits:registry"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def outlet_create(request: HttpRequest) -> HttpResponse:
    organise_require(actor_of(request))
    commune = commune_of(request)
    form = OutletForm(request.POST or None)
    field = form.fields["council"]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - the form's own field
    field.queryset = Council.objects.of(commune).order_by("code")
    return _page(
        request,
        form,
        lambda d: services.outlet_create(
            commune=commune,
            name=d["name"],
            kind=d["kind"],
            lat=d["lat"],
            lon=d["lon"],
            council=d["council"],
        ),
        title=_("New outlet"),
        done=_("Outlet saved."),
        back=reverse("circuits:registry"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vehicle_create(request: HttpRequest) -> HttpResponse:
    organise_require(actor_of(request))
    commune = commune_of(request)
    return _page(
        request,
        VehicleForm(request.POST or None),
        lambda d: services.vehicle_create(
            commune=commune, name=d["name"], capacity_kg=d["capacity_kg"]
        ),
        title=_("New vehicle"),
        done=_("Vehicle saved."),
        back=reverse("circuits:registry"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def cycle_create(request: HttpRequest) -> HttpResponse:
    organise_require(actor_of(request))
    commune = commune_of(request)
    form = CycleForm(request.POST or None)
    field = form.fields["vehicles"]
    assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 - the form's own field
    field.queryset = Vehicle.objects.of(commune)
    return _page(
        request,
        form,
        lambda d: services.cycle_create(
            commune=commune,
            name=d["name"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            cost_cents_per_kg_km=int(d["cost"] * 100),
            reach_km=d["reach_km"],
            vehicles=list(d["vehicles"]),
        ),
        title=_("New cycle"),
        done=_("Cycle saved."),
        back=reverse("circuits:index"),
    )


def _choices(form: forms.Form, **querysets: Any) -> None:
    for name, queryset in querysets.items():
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - the form's own field
        field.queryset = queryset


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_for_organiser(actor_of(request), pk)
    form = OfferForm(request.POST or None)
    _choices(
        form,
        producer=Producer.objects.of(cycle.commune),
        product=Product.objects.of(cycle.commune),
    )
    return _page(
        request,
        form,
        lambda d: services.offer_record(
            cycle=cycle, producer=d["producer"], product=d["product"], quantity_g=_grams(d["kg"])
        ),
        title=_("New offer"),
        done=_("Offer saved."),
        back=reverse("circuits:cycle", args=[cycle.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_for_organiser(actor_of(request), pk)
    form = NeedForm(request.POST or None)
    _choices(
        form,
        outlet=Outlet.objects.of(cycle.commune),
        product=Product.objects.of(cycle.commune),
    )
    return _page(
        request,
        form,
        lambda d: services.need_record(
            cycle=cycle,
            outlet=d["outlet"],
            product=d["product"],
            quantity_g=_grams(d["kg"]),
            priority=d["priority"],
        ),
        title=_("New need"),
        done=_("Need saved."),
        back=reverse("circuits:cycle", args=[cycle.pk]),
    )
