from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from comuna.core.forms import DateInput
from comuna.core.models import Commune
from comuna.federation.models import Unit
from comuna.gatherings.models import Action, Amendment, Delegate, Organisation, Vote


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Action.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    unit = forms.ModelChoiceField(
        label=_("Communes called"),
        queryset=Unit.objects.none(),
        help_text=_("The communes of this level (and of the levels below it) are called."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations taking part"),
        required=False,
        queryset=Organisation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )

    def offer(self, units: QuerySet[Unit]) -> None:
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ParticipationForm(forms.Form):
    people = forms.IntegerField(label=_("People who took part"), min_value=0, max_value=1_000_000)
    hours = forms.DecimalField(
        label=_("Hours worked, all together"),
        min_value=0,
        max_value=10_000_000,
        max_digits=9,
        decimal_places=1,
        help_text=_("The hours of everyone added up: 12 people for 4 hours are 48."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class GatheringForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Convened by"), queryset=Unit.objects.none())
    draft = forms.CharField(
        label=_("Draft declaration"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One paragraph after another, separated by a blank line; they are numbered."),
    )

    def offer(self, units: QuerySet[Unit]) -> None:
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class DelegateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all()
    )
    name = forms.CharField(label=_("Name"), max_length=150)
    commune = forms.ModelChoiceField(
        label=_("Commune"), required=False, queryset=Commune.objects.order_by("name")
    )
    national_id = forms.CharField(
        label=_("National ID"),
        required=False,
        max_length=20,
        help_text=_("Optional. Only the gathering's organisers see it."),
    )


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    agenda = forms.CharField(
        label=_("Agenda"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AskForm(forms.Form):
    delegate = forms.ModelChoiceField(
        label=_("Delegate asking for the floor"), queryset=Delegate.objects.none()
    )

    def offer(self, delegates: QuerySet[Delegate]) -> None:
        self.fields["delegate"].queryset = delegates  # type: ignore[attr-defined]


class AmendmentForm(forms.Form):
    paragraph = forms.IntegerField(label=_("Paragraph number"), min_value=1, max_value=32767)
    kind = forms.ChoiceField(label=_("Change"), choices=Amendment.Kind.choices)
    text = forms.CharField(
        label=_("Text proposed"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Leave it empty to delete the paragraph."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Proposed by"), queryset=Organisation.objects.none()
    )

    def offer(self, organisations: QuerySet[Organisation]) -> None:
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class VoteForm(forms.Form):
    delegate = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    choice = forms.ChoiceField(choices=Vote.Choice.choices)


class PresenceForm(forms.Form):
    present = forms.BooleanField(required=False)
