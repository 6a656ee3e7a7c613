"""The enterprises' forms: an enterprise, a worker, the diesel received."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Person
from comuna.core.forms import DateInput
from comuna.enterprises.models import EnterpriseKind, WorkerJob
from comuna.ledger.forms import AmountField
from comuna.users.models import User


class EnterpriseForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=EnterpriseKind.choices)
    description = forms.CharField(
        label=_("What it does"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EnterpriseEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("What it does"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    active = forms.BooleanField(label=_("It is working"), required=False)


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or ID number"), max_length=60, required=False)


class WorkerForm(forms.Form):
    """A person found in the census, the job, since when, and their login if they have one."""

    person = forms.TypedChoiceField(label=_("Person"), coerce=int, widget=forms.RadioSelect)
    job = forms.ChoiceField(label=_("Job"), choices=WorkerJob.choices)
    since = forms.DateField(label=_("Since"), initial=timezone.localdate, widget=DateInput)
    login = forms.TypedChoiceField(
        label=_("Their login in Comuna"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self, *args: Any, people: QuerySet[Person], logins: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ChoiceField)  # noqa: S101 - tells mypy
        person.choices = [(p.pk, f"{p.full_name} · {p.household}") for p in people]
        login = self.fields["login"]
        assert isinstance(login, forms.ChoiceField)  # noqa: S101 - tells mypy
        login.choices = [("", _("None")), *((u.pk, u.username) for u in logins)]


class WorkerEndForm(forms.Form):
    until = forms.DateField(label=_("Last day"), initial=timezone.localdate, widget=DateInput)


class DieselForm(forms.Form):
    """ "We received 600 litres of the month's ration (and paid 15.000 Bs for them)"."""

    litres = AmountField(unit="L", label=_("Litres received"))
    amount = AmountField(unit="VES", label=_("Bolívares paid (if any)"), required=False)
    paid_from = forms.ChoiceField(label=_("Paid from"), required=False)
    reference = forms.CharField(label=_("Delivery note"), max_length=100, required=False)
    date = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=DateInput)

    def __init__(self, *args: Any, cash: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        paid_from = self.fields["paid_from"]
        assert isinstance(paid_from, forms.ChoiceField)  # noqa: S101 - tells mypy
        paid_from.choices = cash
        paid_from.initial = cash[0][0] if cash else None
