"""The trip log form: kg at each collection point of the route, then km and litres."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comuna.waste.models import Stop, StopKind
from comuna.waste.trips.services import Weighing


def kg_field_name(stop: Stop) -> str:
    return f"kg_{stop.pk}"


class TripLogForm(forms.Form):
    """One kg box per collection point (left empty: not served), then the trip's km and
    litres. The same form serves the crew on the phone and the manager typing the sheet."""

    km = forms.DecimalField(
        label=_("km driven"),
        min_value=Decimal(0),
        max_value=Decimal(5000),
        max_digits=6,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("From the odometer: at the end less at the start."),
    )
    litres = forms.DecimalField(
        label=_("Litres of diesel used"),
        min_value=Decimal(0),
        max_value=Decimal(2000),
        max_digits=7,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, stops: Sequence[Stop], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stops = [s for s in stops if s.kind == StopKind.POINT]
        fields: dict[str, forms.Field] = {}
        for stop in self.stops:
            point = stop.point
            fields[kg_field_name(stop)] = forms.IntegerField(
                label=_("kg at %(point)s") % {"point": point},
                min_value=0,
                max_value=100_000,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "kg"}),
            )
        self.fields = {**fields, **self.fields}

    def weighings(self) -> list[Weighing]:
        return [
            Weighing(stop=stop.pk, kg=int(self.cleaned_data[kg_field_name(stop)]))
            for stop in self.stops
            if self.cleaned_data.get(kg_field_name(stop)) is not None
        ]

    def metres(self) -> int:
        return int(self.cleaned_data["km"] * 1000)

    def litres_ml(self) -> int:
        return int(self.cleaned_data["litres"] * 1000)


class FeesForm(forms.Form):
    """What the enterprise charges for collecting, in bolívares (posted with each trip log)."""

    per_kg = forms.DecimalField(
        label=_("Fee per kg collected (Bs)"),
        min_value=Decimal(0),
        max_digits=10,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    per_point = forms.DecimalField(
        label=_("Fee per point served (Bs)"),
        min_value=Decimal(0),
        max_digits=10,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Zero charges nothing: a trip log then posts only the diesel."),
    )
