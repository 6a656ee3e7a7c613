"""The brigades' forms: a brigade, a member, a shift, a swap, a month's salaries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.brigades.models import BrigadeKind, BrigadeMember, Shift
from comuna.census.models import Council, Person
from comuna.core.forms import DateInput, TimeInput, UploadForm
from comuna.ledger.forms import AmountField
from comuna.users.models import User


def _choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - tells mypy
    field.choices = choices


class BrigadeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=BrigadeKind.choices)
    other_kind = forms.CharField(
        label=_("Which kind (for “Other”)"), max_length=100, required=False
    )
    council = forms.TypedChoiceField(
        label=_("Council"), coerce=int, required=False, empty_value=None
    )
    funder = forms.CharField(
        label=_("Funded by"),
        max_length=200,
        required=False,
        help_text=_("Who pays its members, if anyone (a ministry's regional office)."),
    )
    description = forms.CharField(
        label=_("What it does"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    active = forms.BooleanField(label=_("It is working"), required=False, initial=True)

    def __init__(self, *args: Any, councils: QuerySet[Council], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(
            self,
            "council",
            [("", _("The whole commune")), *((c.pk, f"{c.code} · {c.name}") for c in councils)],
        )


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or ID number"), max_length=60, required=False)


class MemberForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Person"), coerce=int, widget=forms.RadioSelect)
    skills = forms.CharField(label=_("Skills"), max_length=300, required=False)
    is_spokesperson = forms.BooleanField(label=_("Spokesperson of the brigade"), required=False)
    login = forms.TypedChoiceField(
        label=_("Their login in Comuna"), coerce=int, required=False, empty_value=None
    )
    joined_on = forms.DateField(label=_("Joined on"), initial=timezone.localdate, widget=DateInput)

    def __init__(
        self, *args: Any, people: QuerySet[Person], logins: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "person", [(p.pk, f"{p.full_name} · {p.household}") for p in people])
        _choices(self, "login", [("", _("None")), *((u.pk, u.username) for u in logins)])


class MemberEditForm(forms.Form):
    skills = forms.CharField(label=_("Skills"), max_length=300, required=False)
    login = forms.TypedChoiceField(
        label=_("Their login in Comuna"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, logins: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "login", [("", _("None")), *((u.pk, u.username) for u in logins)])


class MemberEndForm(forms.Form):
    left_on = forms.DateField(label=_("Last day"), initial=timezone.localdate, widget=DateInput)


class ShiftForm(forms.Form):
    """A member on duty on a day from one time to another (past midnight: the next day)."""

    member = forms.TypedChoiceField(label=_("Member"), coerce=int)
    day = forms.DateField(label=_("Day"), initial=timezone.localdate, widget=DateInput)
    starts = forms.TimeField(label=_("From"), widget=TimeInput)
    ends = forms.TimeField(label=_("Until"), widget=TimeInput)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, members: QuerySet[BrigadeMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "member", [(m.pk, m.person.full_name) for m in members])

    def period(self) -> tuple[dt.datetime, dt.datetime]:
        d = self.cleaned_data
        zone = timezone.get_current_timezone()
        starts_at = dt.datetime.combine(d["day"], d["starts"], tzinfo=zone)
        ends_at = dt.datetime.combine(d["day"], d["ends"], tzinfo=zone)
        if ends_at <= starts_at:
            ends_at += dt.timedelta(days=1)
        return starts_at, ends_at


class SwapForm(forms.Form):
    theirs = forms.TypedChoiceField(
        label=_("The shift you would take instead"), coerce=int, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, shifts: QuerySet[Shift], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(
            self,
            "theirs",
            [
                (
                    s.pk,
                    f"{timezone.localtime(s.starts_at):%d/%m %H:%M}–"
                    f"{timezone.localtime(s.ends_at):%H:%M} · {s.member.person.full_name}",
                )
                for s in shifts
            ],
        )


class SalariesForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("yyyy-mm"),
    )
    amount = AmountField(unit="VES", label=_("Salaries paid that month (Bs)"))

    def clean_month(self) -> dt.date:
        text = self.cleaned_data["month"].strip()
        try:
            return dt.datetime.strptime(text, "%Y-%m").date()  # noqa: DTZ007 - a date
        except ValueError:
            raise forms.ValidationError(_("Write the month as yyyy-mm.")) from None


class MembersUploadForm(UploadForm):
    """A spreadsheet of members for one brigade (the page's)."""

    def __init__(self, *args: Any, brigade_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.brigade_id = brigade_id

    def options(self) -> dict[str, str]:
        return {"brigade": str(self.brigade_id)}
