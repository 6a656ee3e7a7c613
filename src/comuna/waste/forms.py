"""Forms parse what a person typed; the services decide what waste collection accepts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comuna.core.forms import DateInput, TimeInput, UploadForm, column_max
from comuna.enterprises.models import Enterprise
from comuna.waste.models import (
    CollectionPoint,
    CollectionSettings,
    PointKind,
    RationPolicy,
    SiteKind,
    Vehicle,
)

WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


class VehicleForm(forms.Form):
    plate = forms.CharField(label=_("Plate"), max_length=12)
    name = forms.CharField(label=_("Name"), max_length=60, required=False)
    capacity_kg = forms.IntegerField(
        label=_("Capacity (kg)"), min_value=1, max_value=column_max(Vehicle, "capacity_kg")
    )
    litres_per_100km = forms.DecimalField(
        label=_("Diesel (litres per 100 km)"),
        min_value=0.01,
        max_value=1000,
        decimal_places=2,
        max_digits=6,
    )
    active = forms.BooleanField(label=_("In the fleet"), required=False, initial=True)


class BreakdownForm(forms.Form):
    start = forms.DateField(label=_("Broke down on"), widget=DateInput)
    end = forms.DateField(label=_("Back in service on"), widget=DateInput, required=False)
    note = forms.CharField(label=_("What happened"), max_length=300, required=False)


class BreakdownEndForm(forms.Form):
    end = forms.DateField(label=_("Back in service on"), widget=DateInput)


class SiteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=SiteKind.choices)
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180)
    opens = forms.TimeField(label=_("Opens"), widget=TimeInput, required=False)
    closes = forms.TimeField(label=_("Closes"), widget=TimeInput, required=False)


class PointForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Place"), max_length=150)
    council = forms.ModelChoiceField(label=_("Council"), queryset=None)  # type: ignore[var-annotated]
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=None, required=False)  # type: ignore[var-annotated]
    kind = forms.ChoiceField(label=_("Kind"), choices=PointKind.choices)
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180)
    fill_kg_per_day = forms.IntegerField(
        label=_("Estimated fill (kg per day)"),
        min_value=0,
        max_value=column_max(CollectionPoint, "fill_kg_per_day"),
    )
    required = forms.BooleanField(label=_("Always served"), required=False)
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, enterprise: Enterprise, **kwargs: Any) -> None:
        from comuna.census.models import Council, Sector

        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.of(  # type: ignore[attr-defined]
            enterprise.commune_id
        ).order_by("code")
        sectors = Sector.objects.of(enterprise.commune_id)
        self.fields["sector"].queryset = (  # type: ignore[attr-defined]
            sectors.select_related("council").order_by("council__code", "name")
        )


class SettingsForm(forms.Form):
    weekdays = forms.MultipleChoiceField(
        label=_("Collection days"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple
    )
    policy = forms.ChoiceField(label=_("Daily allowance"), choices=RationPolicy.choices)
    fixed_litres = forms.DecimalField(
        label=_("Fixed litres a day"),
        min_value=0,
        max_value=100_000,
        decimal_places=3,
        max_digits=9,
        required=False,
    )
    share_percent = forms.IntegerField(
        label=_("Share of what is left (%)"), min_value=1, max_value=100, initial=10
    )
    detour = forms.DecimalField(
        label=_("Detour factor (street distance over straight line)"),
        min_value=1,
        max_value=5,
        decimal_places=2,
        max_digits=3,
        initial=1.3,
    )

    @staticmethod
    def initial_of(settings: CollectionSettings) -> dict[str, Any]:
        return {
            "weekdays": list(settings.weekdays),
            "policy": settings.policy,
            "fixed_litres": settings.fixed_ml / 1000,
            "share_percent": settings.share_percent,
            "detour": settings.detour,
        }


class NetworkForm(forms.Form):
    file = forms.FileField(label=_("OpenStreetMap extract (.osm or .osm.pbf)"))


class PointsUploadForm(UploadForm):
    """The points' spreadsheet, for one enterprise."""

    def __init__(self, *args: Any, enterprise: Enterprise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enterprise = enterprise

    def options(self) -> dict[str, str]:
        return {"enterprise": str(self.enterprise.pk)}


class PlanForm(forms.Form):
    date = forms.DateField(label=_("Day"), widget=DateInput)
    seed = forms.IntegerField(label=_("Seed"), min_value=0, max_value=1_000_000, initial=1)


class ReplanForm(forms.Form):
    vehicle = forms.ModelChoiceField(label=_("Vehicle broken down"), queryset=None)  # type: ignore[var-annotated]
    after_stop = forms.IntegerField(
        label=_("Last stop served (its number on the sheet)"), min_value=0, max_value=32767
    )
