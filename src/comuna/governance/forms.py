"""Forms parse what a person typed; the services decide what self-government accepts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.census.identity import InvalidNationalId, normalize_national_id
from comuna.census.models import Person
from comuna.core.books import BooksStatement
from comuna.core.forms import DateInput, TimeInput, column_max
from comuna.governance.models import (
    AgendaItem,
    DecisionKind,
    DecisionStatus,
    Organ,
    Proposal,
    RecallPetition,
    RollCallChoice,
    Seat,
    Statute,
    VoteMethod,
)


def _person_by_id(raw: str, people: QuerySet[Person]) -> Person | None:
    """The person with the ID number typed, among ``people`` (the user's reach)."""
    if not raw.strip():
        return None
    try:
        national_id = normalize_national_id(raw)
    except InvalidNationalId:
        raise forms.ValidationError(_("That is not an ID number.")) from None
    person = people.select_related("household").filter(national_id=national_id).first()
    if person is None:
        raise forms.ValidationError(_("Nobody in the census has that ID number."))
    return person


class StatuteForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Statute
        fields = [
            "first_call_quorum_percent",
            "second_call_quorum_percent",
            "assembly_minimum_age",
            "seat_quorum",
            "recall_petition_percent",
            "term_years",
            "parliament_weekday",
            "parliament_week",
            "majority_ordinary",
            "majority_accounts",
            "majority_election",
            "majority_recall",
            "majority_plan",
            "majority_statute",
        ]

    def majorities(self) -> dict[str, str]:
        return {kind: self.cleaned_data[f"majority_{kind}"] for kind in DecisionKind.values}


class PeopleForm(forms.Form):
    """A form whose ID-number fields are looked up among the people the user may read."""

    person_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.person_fields:
            if name in data:
                try:
                    data[name] = _person_by_id(data[name] or "", self.people)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data


class SeatAssignForm(PeopleForm):
    person_fields = ("holder", "substitute")
    holder = forms.CharField(label=_("Holder's ID number"), max_length=20)
    substitute = forms.CharField(label=_("Substitute's ID number"), max_length=20, required=False)
    term_start = forms.DateField(label=_("Term starts"), widget=DateInput)
    term_end = forms.DateField(label=_("Term ends"), widget=DateInput)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("For example: elected by the assembly of 12 March."),
    )

    def clean_holder(self) -> str:
        value: str = self.cleaned_data["holder"]
        if not value.strip():
            raise forms.ValidationError(_("This field is required."))
        return value


class RecallPetitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the recall is asked for"), widget=forms.Textarea, max_length=2_000
    )


class SignaturesForm(forms.Form):
    national_ids = forms.CharField(
        label=_("ID numbers of the signers"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=40_000,
        help_text=_("As written on the paper petition, separated by spaces, commas or lines."),
    )


class ConveneForm(forms.Form):
    organ = forms.ModelChoiceField(label=_("Organ"), queryset=Organ.objects.none())
    date = forms.DateField(label=_("Date"), widget=DateInput)
    place = forms.CharField(label=_("Place"), max_length=200)
    first_call_time = forms.TimeField(label=_("First call"), widget=TimeInput)
    second_call_time = forms.TimeField(
        label=_("Second call"),
        widget=TimeInput,
        required=False,
        help_text=_("For an assembly: if the first call has no quorum, it meets at this time."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5_000,
        required=False,
        help_text=_("One item per line."),
    )

    def __init__(self, *args: Any, organs: QuerySet[Organ], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = organs  # type: ignore[attr-defined]

    def agenda_items(self) -> list[str]:
        return [line for line in self.cleaned_data["agenda"].splitlines() if line.strip()]


class ParliamentCalendarForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput, initial=timezone.localdate)
    months = forms.IntegerField(label=_("Months"), min_value=1, max_value=24, initial=12)
    place = forms.CharField(label=_("Place"), max_length=200)
    first_call_time = forms.TimeField(label=_("Time"), widget=TimeInput, initial=dt.time(9, 0))


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("New agenda item"), max_length=200)


class CloseForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes for the minutes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
        required=False,
    )


class SheetForm(forms.Form):
    line_numbers = forms.CharField(
        label=_("Numbers of the signed lines"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5_000,
        required=False,
        help_text=_("For example: 1 2 5 7 12 (spaces, commas or lines)."),
    )
    national_ids = forms.CharField(
        label=_("ID numbers written on the blank lines"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=20_000,
        required=False,
    )


class StatementChoiceField(forms.ChoiceField):
    """A closed statement of the books, named with its period, head and number of entries."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.statements: dict[str, BooksStatement] = {}

    def statements_offer(self, statements: Sequence[BooksStatement]) -> None:
        self.statements = {str(s.pk): s for s in statements}
        self.choices = [("", "---------")] + [
            (key, self.label_from_instance(s)) for key, s in self.statements.items()
        ]

    def label_from_instance(self, obj: BooksStatement) -> str:
        return _("%(label)s (%(start)s to %(end)s) · head %(head)s · %(count)s entries") % {
            "label": obj.label,
            "start": obj.start.isoformat(),
            "end": obj.end.isoformat(),
            "head": obj.head[:16],
            "count": obj.entry_count,
        }

    def clean(self, value: Any) -> BooksStatement | None:
        key = super().clean(value)
        return self.statements.get(key) if key else None


class ProposalForm(PeopleForm):
    person_fields = ("candidate", "candidate_substitute")
    title = forms.CharField(label=_("Proposal"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5_000,
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=DecisionKind.choices)
    method = forms.ChoiceField(label=_("Vote"), choices=VoteMethod.choices)
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    responsible_organ = forms.ModelChoiceField(
        label=_("Organ that carries it out"), queryset=Organ.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput, required=False)
    seat = forms.ModelChoiceField(label=_("Seat"), queryset=Seat.objects.none(), required=False)
    candidate = forms.CharField(label=_("Candidate's ID number"), max_length=20, required=False)
    candidate_substitute = forms.CharField(
        label=_("Substitute's ID number"), max_length=20, required=False
    )
    petition = forms.ModelChoiceField(
        label=_("Recall petition"), queryset=RecallPetition.objects.none(), required=False
    )
    statement = StatementChoiceField(
        label=_("Statement of the books"),
        required=False,
        help_text=_(
            "A closed period of the books not yet approved; its head and number of entries "
            "go into the minutes."
        ),
    )

    def __init__(
        self,
        *args: Any,
        agenda: QuerySet[AgendaItem],
        organs: QuerySet[Organ],
        seats: QuerySet[Seat],
        petitions: QuerySet[RecallPetition],
        statements: Sequence[BooksStatement],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statement"].statements_offer(statements)  # type: ignore[attr-defined]
        self.fields["agenda_item"].queryset = agenda  # type: ignore[attr-defined]
        self.fields["responsible_organ"].queryset = organs  # type: ignore[attr-defined]
        self.fields["seat"].queryset = seats  # type: ignore[attr-defined]
        self.fields["petition"].queryset = petitions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        # The fields of the kinds not chosen were hidden: what they hold does not count.
        kind = self.cleaned_data.get("kind")
        for other, names in KIND_FIELDS.items():
            for name in names if other != kind else ():
                self.errors.pop(name, None)
                self.cleaned_data[name] = self.fields[name].clean(None)
        return super().clean()

    def groups(self) -> list[FieldGroup]:
        """The fields every proposal has, then the fields of each kind that has its own, each
        group under a heading (the page shows only the chosen kind's; see ``kind-fields.js``)."""
        own = {name for names in KIND_FIELDS.values() for name in names}
        groups = [FieldGroup(self, [n for n in self.fields if n not in own], kind="", legend="")]
        labels = dict(DecisionKind.choices)
        for kind, names in KIND_FIELDS.items():
            legend = _("Only for: %(kind)s") % {"kind": labels[kind]}
            groups.append(FieldGroup(self, list(names), kind=kind, legend=str(legend)))
        return groups


# The fields only one kind of proposal has.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    DecisionKind.ELECTION: ("seat", "candidate", "candidate_substitute"),
    DecisionKind.RECALL: ("petition",),
    DecisionKind.ACCOUNTS: ("statement",),
}


class FieldGroup:
    """Some of a form's fields, shown as a form of their own (``core/_form_fields.html``) inside
    a fieldset; the form's own errors go with the first group only."""

    def __init__(self, form: forms.Form, names: list[str], *, kind: str, legend: str) -> None:
        self.form, self.names, self.kind, self.legend = form, names, kind, legend

    def __iter__(self) -> Iterator[forms.BoundField]:
        return (self.form[name] for name in self.names)

    def visible_fields(self) -> list[forms.BoundField]:
        return [field for field in self if not field.is_hidden]

    def hidden_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.is_hidden]

    @property
    def errors(self) -> dict[str, Any]:
        """The errors of this group's fields, and the form's own with the first group."""
        own = {name: e for name, e in self.form.errors.items() if name in self.names}
        if not self.kind and NON_FIELD_ERRORS in self.form.errors:
            own[NON_FIELD_ERRORS] = self.form.errors[NON_FIELD_ERRORS]
        return own

    def non_field_errors(self) -> Any:
        return [] if self.kind else self.form.non_field_errors()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.form, name)


class HandsForm(forms.Form):
    votes_for = forms.IntegerField(
        label=_("For"), min_value=0, max_value=column_max(Proposal, "votes_for")
    )
    votes_against = forms.IntegerField(
        label=_("Against"), min_value=0, max_value=column_max(Proposal, "votes_against")
    )
    votes_abstaining = forms.IntegerField(
        label=_("Abstaining"),
        min_value=0,
        initial=0,
        max_value=column_max(Proposal, "votes_abstaining"),
    )


class TallyForm(HandsForm):
    blank_ballots = forms.IntegerField(
        label=_("Blank or spoiled"),
        min_value=0,
        initial=0,
        max_value=column_max(Proposal, "blank_ballots"),
    )


class RollCallForm(forms.Form):
    seat = forms.ModelChoiceField(queryset=Seat.objects.none())
    vote = forms.ChoiceField(choices=RollCallChoice.choices)

    def __init__(self, *args: Any, seats: QuerySet[Seat], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = seats  # type: ignore[attr-defined]


class DecisionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DecisionStatus.choices)
    note = forms.CharField(label=_("What happened"), max_length=500, required=False)
    on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)


class SpendingForm(forms.Form):
    entry_reference = forms.CharField(
        label=_("Ledger entry"),
        max_length=64,
        help_text=_("The entry's number or reference in the books."),
    )
    description = forms.CharField(label=_("Description"), max_length=200)
    amount = forms.DecimalField(label=_("Amount"), max_digits=16, decimal_places=2)
    unit = forms.CharField(label=_("Currency or unit"), max_length=12, initial="Bs")
    spent_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
