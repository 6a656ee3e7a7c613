"""Forms parse what a person typed; the services decide what the distribution accepts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from comuna.core.forms import MAX_ID, DateInput, column_max
from comuna.distribution.models import (
    Collector,
    Currency,
    Delivery,
    NonDeliveryReason,
    Programme,
    ProgrammeKind,
    ProgrammeUnit,
    Round,
)


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    unit = forms.ChoiceField(label=_("Unit"), choices=ProgrammeUnit.choices)
    base_quantity = forms.IntegerField(
        label=_("Base quantity"),
        min_value=0,
        initial=1,
        max_value=column_max(Programme, "base_quantity"),
    )
    per_member = forms.IntegerField(
        label=_("Quantity per member"),
        min_value=0,
        initial=0,
        max_value=column_max(Programme, "per_member"),
    )
    cap = forms.IntegerField(
        label=_("At most per household"),
        min_value=1,
        initial=1,
        max_value=column_max(Programme, "cap"),
    )
    vulnerable_only = forms.BooleanField(label=_("Vulnerable households only"), required=False)
    cylinder_kg = forms.TypedChoiceField(
        label=_("Cylinder size"),
        choices=[("", _("Any")), (10, "10 kg"), (18, "18 kg"), (43, "43 kg")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    exclude_piped_gas = forms.BooleanField(
        label=_("Exclude households on piped gas"), required=False
    )
    fee_minor = forms.IntegerField(
        label=_("Fee per unit, in cents"),
        min_value=0,
        initial=0,
        max_value=column_max(Programme, "fee_minor"),
    )
    fee_currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class RoundForm(forms.Form):
    programme: forms.ModelChoiceField[Programme] = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none()
    )
    stock_received = forms.IntegerField(
        label=_("Stock received (units)"),
        min_value=0,
        max_value=column_max(Round, "stock_received"),
    )
    received_on = forms.DateField(label=_("Stock received on"), widget=DateInput)
    distribution_on = forms.DateField(label=_("Distribution day"), widget=DateInput)
    points = forms.CharField(label=_("Distribution points"), max_length=300, required=False)
    tables = forms.IntegerField(label=_("Tables"), min_value=1, max_value=50, initial=2)


class OpenForm(forms.Form):
    seed = forms.CharField(
        label=_("Lottery seed drawn in the assembly"),
        max_length=100,
        help_text=_("Publish the list's hash first, then draw the seed."),
    )


class CloseForm(forms.Form):
    remaining_counted = forms.IntegerField(
        label=_("Units counted in the store after the day"),
        min_value=0,
        max_value=column_max(Round, "remaining_counted"),
    )


class DeliveryForm(forms.Form):
    household = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    table = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=column_max(Delivery, "table")
    )
    collected_by = forms.ChoiceField(
        label=_("Collected by"), choices=Collector.choices, initial=Collector.HEAD
    )
    proxy_name = forms.CharField(label=_("Proxy's name"), max_length=120, required=False)


class NonDeliveryForm(forms.Form):
    household = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    reason = forms.ChoiceField(label=_("Reason"), choices=NonDeliveryReason.choices)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
