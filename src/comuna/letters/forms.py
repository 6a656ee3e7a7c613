"""The letters' forms: an institution, a letter, sending it, its answer, a reminder, the list's
filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.core.forms import DateInput
from comuna.incidents.models import Incident
from comuna.letters.models import Institution, InstitutionKind, LetterStatus


class InstitutionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=InstitutionKind.choices)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    contact = forms.CharField(
        label=_("Contact"),
        max_length=300,
        required=False,
        help_text=_("The person or office to write to, a telephone, an email."),
    )


class IncidentChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        incident: Incident = obj
        sector = f" · {incident.sector.name}" if incident.sector else ""
        return (
            f"{incident.reference} · {incident.kind.display_name} · {incident.council.name}{sector}"
            f" · {incident.get_status_display()}"
        )


class LetterForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.none()
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    incidents = IncidentChoice(
        label=_("The incidents it is about"),
        queryset=Incident.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    body = forms.CharField(
        label=_("The letter"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("A blank line starts a new paragraph. Never name who reported."),
    )
    needed = forms.CharField(
        label=_("What is needed from the institution"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    brigade_work = forms.CharField(
        label=_("What the brigade already did"),
        max_length=4000,
        required=False,
        help_text=_("Left empty, it is written from the incidents' work logs."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        institutions: QuerySet[Institution],
        incidents: QuerySet[Incident],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        institution = self.fields["institution"]
        chosen = self.fields["incidents"]
        assert isinstance(institution, forms.ModelChoiceField)  # noqa: S101 - tells mypy
        assert isinstance(chosen, forms.ModelMultipleChoiceField)  # noqa: S101 - tells mypy
        institution.queryset = institutions
        chosen.queryset = incidents


class LetterSendForm(forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), initial=timezone.localdate, widget=DateInput)
    sent_to = forms.CharField(
        label=_("Given to"),
        max_length=200,
        help_text=_("The person or office that received it."),
    )
    answer_due_on = forms.DateField(
        label=_("Answer due on"),
        required=False,
        widget=DateInput,
        help_text=_("Fifteen days after sending if left empty."),
    )


class LetterAnswerForm(forms.Form):
    answered_on = forms.DateField(
        label=_("Answer received on"), initial=timezone.localdate, widget=DateInput
    )
    summary = forms.CharField(
        label=_("What they answered"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReminderForm(forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), initial=timezone.localdate, widget=DateInput)


class LetterFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), *LetterStatus.choices, ("overdue", _("Overdue"))],
    )
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        required=False,
        queryset=Institution.objects.none(),
        empty_label=_("Any"),
    )

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        institution = self.fields["institution"]
        assert isinstance(institution, forms.ModelChoiceField)  # noqa: S101 - tells mypy
        institution.queryset = institutions
