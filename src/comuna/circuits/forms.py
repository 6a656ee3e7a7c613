"""The circuits' forms: the registry (products, producers, outlets, vehicles, cycles), offers
and needs one at a time, and a delivery on a plan line from a phone."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Council
from comuna.circuits.models import Outlet, OutletKind, Producer, Product, Vehicle
from comuna.core.forms import DateInput
from comuna.enterprises.models import Enterprise


class DeliveryForm(forms.Form):
    kg = forms.DecimalField(
        label=_("kg delivered"),
        max_digits=12,
        decimal_places=3,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.001", "min": "0"}),
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not self.is_bound:
            self.initial["key"] = uuid.uuid4().hex

    @property
    def grams(self) -> int:
        kg: Decimal = self.cleaned_data["kg"]
        return int(kg * 1000)


class ProductForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=120)
    price = forms.DecimalField(
        label=_("accessible price (Bs per kg)"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
    )


class _PlaceForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=150)
    lat = forms.FloatField(label=_("latitude"), min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("longitude"), min_value=-180, max_value=180)


class ProducerForm(_PlaceForm):
    enterprise = forms.ModelChoiceField(
        label=_("enterprise"),
        queryset=Enterprise.objects.none(),
        required=False,
    )


class OutletForm(_PlaceForm):
    kind = forms.ChoiceField(label=_("kind"), choices=OutletKind.choices)
    council = forms.ModelChoiceField(
        label=_("communal council"),
        queryset=Council.objects.none(),
        required=False,
    )


class VehicleForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    capacity_kg = forms.IntegerField(
        label=_("capacity in a cycle (kg)"), min_value=1, max_value=10**9
    )


class CycleForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=120)
    starts_on = forms.DateField(label=_("starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("ends on"), widget=DateInput())
    cost = forms.DecimalField(
        label=_("transport cost (Bs per kg·km)"),
        min_value=Decimal(0),
        max_digits=10,
        decimal_places=2,
    )
    reach_km = forms.FloatField(label=_("reach (km)"), min_value=0.1, required=False)
    vehicles = forms.ModelMultipleChoiceField(
        label=_("vehicles"),
        queryset=Vehicle.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class OfferForm(forms.Form):
    producer = forms.ModelChoiceField(label=_("producer"), queryset=Producer.objects.none())
    product = forms.ModelChoiceField(label=_("product"), queryset=Product.objects.none())
    kg = forms.DecimalField(label=_("kg"), max_digits=12, decimal_places=3)


class NeedForm(forms.Form):
    outlet = forms.ModelChoiceField(label=_("outlet"), queryset=Outlet.objects.none())
    product = forms.ModelChoiceField(label=_("product"), queryset=Product.objects.none())
    kg = forms.DecimalField(label=_("kg"), max_digits=12, decimal_places=3)
    priority = forms.IntegerField(label=_("priority"), min_value=1, max_value=9, initial=1)
