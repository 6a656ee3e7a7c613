"""Forms parse what a person typed; the services decide what an incident accepts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.brigades.models import Brigade
from comuna.census.models import Council, Household, HouseholdStatus, Sector
from comuna.core.forms import DateInput
from comuna.core.models import Commune
from comuna.incidents.models import IncidentKind, IncidentPriority, RepairMaterial
from comuna.incidents.services import MATERIAL_UNITS


class KindChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class HouseholdChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference} · {obj.address}"


class ReportForm(forms.Form):
    kind = KindChoice(label=_("What failed"), queryset=IncidentKind.objects.none())
    council = forms.ModelChoiceField(label=_("Council"), queryset=Council.objects.none())
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.none(), required=False
    )
    household = HouseholdChoice(
        label=_("On behalf of the household"),
        queryset=Household.objects.none(),
        required=False,
        help_text=_("A household of your council with no phone."),
    )
    address = forms.CharField(label=_("Address"), max_length=200)
    description = forms.CharField(
        label=_("What happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    since = forms.DateField(label=_("Since when"), widget=DateInput(), initial=timezone.localdate)
    households = forms.IntegerField(
        label=_("Households affected"),
        min_value=0,
        max_value=100_000,
        required=False,
        help_text=_("Leave it empty to count the households of the sector in the census."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        max_digits=9,
        decimal_places=6,
        required=False,
        min_value=Decimal(-90),
        max_value=Decimal(90),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        max_digits=9,
        decimal_places=6,
        required=False,
        min_value=Decimal(-180),
        max_value=Decimal(180),
    )
    photo = forms.ImageField(label=_("Photo"), required=False)

    def offer(
        self, commune: Commune, *, council_ids: frozenset[int] | None, on_behalf: bool
    ) -> None:
        """The choices for the commune; ``council_ids`` narrows the councils (a spokesperson's)."""
        self.fields["kind"].queryset = IncidentKind.objects.of(commune)  # type: ignore[attr-defined]
        councils = Council.objects.of(commune)
        sectors = Sector.objects.of(commune).select_related("council")
        if council_ids is not None:
            councils = councils.filter(pk__in=council_ids)
            sectors = sectors.filter(council_id__in=council_ids)
        self.fields["council"].queryset = councils  # type: ignore[attr-defined]
        self.fields["sector"].queryset = sectors  # type: ignore[attr-defined]
        if on_behalf:
            self.fields["household"].queryset = (  # type: ignore[attr-defined]
                Household.objects.of(commune)
                .filter(council__in=councils, status=HouseholdStatus.ACTIVE)
                .order_by("reference")
            )
        else:
            del self.fields["household"]


class _OnIncidentPage(forms.Form):
    """A form of the incident's page, beside others: its ids carry its name so that two
    forms' "note" fields never share one."""

    id_prefix = "f"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class TriageForm(_OnIncidentPage):
    id_prefix = "triage"
    priority = forms.ChoiceField(label=_("Priority"), choices=IncidentPriority.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AssignForm(_OnIncidentPage):
    id_prefix = "assign"
    brigade = forms.ModelChoiceField(label=_("Brigade"), queryset=Brigade.objects.none())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class StatusForm(_OnIncidentPage):
    id_prefix = "status"
    status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class PhotoForm(_OnIncidentPage):
    id_prefix = "photo"
    photo = forms.ImageField(label=_("Photo"))


class WorkLogForm(_OnIncidentPage):
    id_prefix = "work"
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0.1"),
        max_value=Decimal(24),
    )
    people = forms.IntegerField(label=_("People"), min_value=1, max_value=500, initial=1)
    done = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    material = forms.ModelChoiceField(
        label=_("Material taken from the store"),
        queryset=RepairMaterial.objects.none(),
        required=False,
    )
    quantity = forms.DecimalField(
        label=_("Quantity (kg or litres)"),
        max_digits=12,
        decimal_places=3,
        min_value=Decimal(0),
        required=False,
    )


class KindForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)


class MaterialForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    unit = forms.ChoiceField(
        label=_("Unit"),
        choices=[(u, {"KG": _("kilograms"), "L": _("litres")}[u]) for u in MATERIAL_UNITS],
    )


class ReceiveForm(forms.Form):
    material = forms.ModelChoiceField(label=_("Material"), queryset=RepairMaterial.objects.none())
    quantity = forms.DecimalField(
        label=_("Quantity (kg or litres)"),
        max_digits=12,
        decimal_places=3,
        min_value=Decimal("0.001"),
    )
    source = forms.CharField(label=_("Where it came from"), max_length=150)
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)


def thousandths(quantity: Decimal | None) -> int:
    """A quantity in kg or litres as the books keep it (grams, millilitres)."""
    return int((quantity or Decimal(0)) * 1000)
