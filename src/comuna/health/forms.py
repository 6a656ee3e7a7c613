"""Forms parse what a person typed; the services decide what the clinic accepts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.core.forms import DateInput, TimeInput
from comuna.health.models import Batch, Clinic, Item

MAX_UNITS = 1_000_000


class BatchChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.item} · {obj.lot} · {obj.expiry:%d/%m/%Y}"


def _batch_field() -> BatchChoice:
    return BatchChoice(label=_("Batch"), queryset=Batch.objects.none())


def _date_field() -> forms.DateField:
    return forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)


class ItemForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    form = forms.CharField(
        label=_("Form"), max_length=60, required=False, help_text=_("Tablets, syrup, boxes…")
    )
    unit = forms.CharField(label=_("Unit"), max_length=30, help_text=_("What one unit is."))


class BatchForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.none())
    lot = forms.CharField(label=_("Lot"), max_length=40)
    expiry = forms.DateField(label=_("Expires on"), widget=DateInput())
    received = forms.IntegerField(label=_("Quantity received"), min_value=1, max_value=MAX_UNITS)
    received_on = forms.DateField(
        label=_("Received on"), widget=DateInput(), initial=timezone.localdate
    )
    supplier = forms.CharField(label=_("From whom"), max_length=120)

    def offer(self, commune: object) -> None:
        self.fields["item"].queryset = Item.objects.of(commune)  # type: ignore[attr-defined]


class BatchesForm(forms.Form):
    """A form with a batch to choose among the commune's (``offer``)."""

    def offer(self, batches: Any) -> None:
        self.fields["batch"].queryset = batches  # type: ignore[attr-defined]


class IssueForm(BatchesForm):
    batch = _batch_field()
    national_id = forms.CharField(
        label=_("ID number of the person"), max_length=12, help_text=_("As in the census.")
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MAX_UNITS)
    prescription = forms.CharField(label=_("Prescription"), max_length=60)
    prescriber = forms.CharField(label=_("Prescribed by"), max_length=120)
    date = _date_field()


class CountForm(BatchesForm):
    batch = _batch_field()
    counted = forms.IntegerField(label=_("Counted"), min_value=0, max_value=MAX_UNITS)
    date = _date_field()


class FindingForm(forms.Form):
    finding = forms.CharField(label=_("Finding"), max_length=2000, widget=forms.Textarea)


class HelpCaseForm(forms.Form):
    national_id = forms.CharField(
        label=_("ID number of the person"),
        max_length=12,
        help_text=_("The person who needs it; the case is of their household."),
    )
    needed = forms.CharField(label=_("What is needed"), max_length=2000, widget=forms.Textarea)
    amount = forms.DecimalField(
        label=_("Amount (Bs)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    opened_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)


class PayForm(forms.Form):
    date = _date_field()


class ClinicForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)


class ClinicDayForm(forms.Form):
    clinic = forms.ModelChoiceField(label=_("Clinic"), queryset=Clinic.objects.none())
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    notes = forms.CharField(label=_("Notes"), max_length=200, required=False)

    def offer(self, commune: Any) -> None:
        self.fields["clinic"].queryset = Clinic.objects.of(commune)  # type: ignore[attr-defined]


class AppointmentForm(forms.Form):
    national_id = forms.CharField(
        label=_("ID number of the person"), max_length=12, help_text=_("As in the census.")
    )
    time = forms.TimeField(
        label=_("Time"),
        widget=TimeInput(),
        required=False,
        help_text=_("Empty: on the waiting list."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)
