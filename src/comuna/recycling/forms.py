"""Forms parse what a person typed; the services decide what the yard accepts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.core.forms import DateInput
from comuna.recycling.models import Material, SourceKind

# Up to a hundred tonnes, to the gram; prices to the cent.
KG = {"max_digits": 12, "decimal_places": 3, "min_value": Decimal(0)}
PRICE = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0.01")}


def grams(kg: Decimal) -> int:
    return int(kg * 1000)


def cents(amount: Decimal) -> int:
    return int(amount * 100)


class MaterialChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.code})"


def _material_field() -> MaterialChoice:
    return MaterialChoice(label=_("Material"), queryset=Material.objects.none())


class YardForm(forms.Form):
    """A form with a material to choose among the commune's (``materials_offer``)."""

    def materials_offer(self, commune: object) -> None:
        field = self.fields["material"]
        if isinstance(field, MaterialChoice):
            field.queryset = Material.objects.of(commune).filter(active=True)


class WeighInForm(YardForm):
    material = _material_field()
    gross_kg = forms.DecimalField(label=_("Gross weight (kg)"), **KG)  # type: ignore[arg-type]
    tare_kg = forms.DecimalField(
        label=_("Tare (kg)"),
        initial=0,
        help_text=_("The sack, the cart or the empty truck."),
        **KG,  # type: ignore[arg-type]
    )
    source = forms.ChoiceField(
        label=_("It came from"), choices=SourceKind.choices, initial=SourceKind.NAMED
    )
    reference = forms.CharField(
        label=_("Which one"),
        max_length=150,
        required=False,
        help_text=_(
            "The trip log's number, the point's code, the household's card, the person's ID "
            "number, or the name of who brought it."
        ),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)


class SaleForm(YardForm):
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    material = _material_field()
    weight_kg = forms.DecimalField(label=_("Weight sold (kg)"), **KG)  # type: ignore[arg-type]
    price = forms.DecimalField(label=_("Price per kg (Bs)"), **PRICE)  # type: ignore[arg-type]
    buyer = forms.CharField(label=_("Buyer"), max_length=150)
    reference = forms.CharField(label=_("Invoice or receipt"), max_length=100, required=False)


class BaleForm(YardForm):
    material = _material_field()
    weight_kg = forms.DecimalField(label=_("Weight of the bale (kg)"), **KG)  # type: ignore[arg-type]
    formed_on = forms.DateField(
        label=_("Formed on"), widget=DateInput(), initial=timezone.localdate
    )


class MaterialForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=12, help_text=_("The commune's own code, such as CC-01.")
    )
    name = forms.CharField(label=_("Name"), max_length=120)


class PriceForm(forms.Form):
    valid_from = forms.DateField(label=_("From"), widget=DateInput(), initial=timezone.localdate)
    price = forms.DecimalField(label=_("Price per kg (Bs)"), **PRICE)  # type: ignore[arg-type]
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
