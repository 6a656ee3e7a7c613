"""Forms of the books: short forms for non-accountants, and the book-keepers' forms."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from comuna.core.forms import DateInput
from comuna.core.refusals import Refusal
from comuna.engines.ledger import InvalidAmount, parse_amount
from comuna.ledger.models import Account, AccountKind
from comuna.ledger.services import entry_date_check
from comuna.ledger.units import unit_choices, unit_short


class AmountField(forms.CharField):
    """A decimal amount as people write it ("1.200,50" or "1200.50"), read in ``unit``."""

    def __init__(self, *, unit: str, **kwargs: Any) -> None:
        self.unit = unit
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if text in (None, ""):
            return None
        try:
            amount = parse_amount(text, self.unit, decimal_separator=None)
        except InvalidAmount:
            raise forms.ValidationError(
                _("“%(value)s” is not an amount (for example 1.200,50)."),
                params={"value": text},
            ) from None
        if amount <= 0:
            raise forms.ValidationError(_("The amount must be greater than zero."))
        return amount


def _not_in_the_future(day: dt.date) -> None:
    try:
        entry_date_check(day)
    except Refusal as refusal:
        raise forms.ValidationError(refusal.message, code=refusal.code) from None


def _date_field() -> forms.DateField:
    return forms.DateField(
        label=_("Date"),
        validators=[_not_in_the_future],
        initial=timezone.localdate,
        widget=DateInput,
    )


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - tells mypy
    return field


def _choices(accounts: Any, codes: tuple[str, ...]) -> list[tuple[str, str]]:
    by_code = {a.code: a for a in accounts}
    return [(c, f"{c} {by_code[c].display_name}") for c in codes if c in by_code]


class OnceForm(forms.Form):
    """A form that posts once however often it is sent (a double click, a reload)."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["token"].initial = secrets.token_urlsafe(16)


class EmergencyForm(OnceForm):
    """ "The emergency fund paid surgical supplies for a family"."""

    amount = AmountField(unit="VES", label=_("Bolívares paid"))
    what = forms.CharField(
        label=_("What was paid"),
        max_length=200,
        help_text=_("Do not write the family's names: the case file stays with the committee."),
    )
    case = forms.CharField(label=_("Case or receipt number"), max_length=100, required=False)
    date = _date_field()


class TransferForm(OnceForm):
    """Any double entry, for the book-keepers."""

    debit = forms.ChoiceField(label=_("To (debit)"))
    credit = forms.ChoiceField(label=_("From (credit)"))
    amount = forms.CharField(label=_("Amount"), max_length=30)
    description = forms.CharField(label=_("Description"), max_length=500)
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
    date = _date_field()

    def __init__(self, *args: Any, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {a.code: a.unit for a in accounts}
        choices = [(a.code, f"{a.code} {a.display_name} ({unit_short(a.unit)})") for a in accounts]
        _choice_field(self, "debit").choices = choices
        _choice_field(self, "credit").choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        debit, text = data.get("debit"), data.get("amount")
        if debit and text:
            try:
                data["amount"] = parse_amount(text, self.units[debit])
            except InvalidAmount:
                self.add_error("amount", _("That is not an amount (for example 1.200,50)."))
        return data


class FindingForm(forms.Form):
    title = forms.CharField(label=_("Finding"), max_length=200)
    text = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    entry_sequence = forms.IntegerField(
        label=_("Entry number"),
        min_value=1,
        max_value=2**53,
        required=False,
        help_text=_("The number of the entry it is about, if it is about one."),
    )
    found_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Why is it voided?"), max_length=500)


class CloseForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("To"), widget=DateInput)
    label = forms.CharField(label=_("Name"), max_length=120, required=False)


class ApproveForm(forms.Form):
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput)
    meeting_reference = forms.CharField(label=_("By which meeting"), max_length=200)


class AccountForm(forms.Form):
    """A new account of the chart (the service checks the code against the kind)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "Digit groups separated by dots; the first digit says the kind: 1 asset, "
            "2 liability, 3 fund, 4 income, 5 expense (for example 1.5.01)."
        ),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=AccountKind.choices)
    unit = forms.ChoiceField(
        label=_("Currency or unit"),
        choices=unit_choices,
        initial="VES",
    )
    never_below_zero = forms.BooleanField(
        label=_("Never below zero"),
        required=False,
        initial=True,
        help_text=_("For cash, funds and stocks: no payment may leave the account negative."),
    )


class BudgetForm(forms.Form):
    organ = forms.CharField(label=_("Organ"), max_length=150)
    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("To"), widget=DateInput)
    account = forms.ModelChoiceField(label=_("Account"), queryset=Account.objects.none())
    amount = forms.CharField(label=_("Amount"), max_length=30)

    def __init__(self, *args: Any, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["account"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - tells mypy
        field.queryset = accounts.filter(kind__in=["income", "expense"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        account, text = data.get("account"), data.get("amount")
        if account and text:
            try:
                data["amount"] = parse_amount(text, account.unit)
            except InvalidAmount:
                self.add_error("amount", _("That is not an amount (for example 1.200,50)."))
        return data


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    source = forms.ModelChoiceField(label=_("Surplus from"), queryset=Account.objects.none())

    def __init__(self, *args: Any, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - tells mypy
        field.queryset = accounts.filter(kind="asset", unit="VES")


class ShareForm(forms.Form):
    destination = forms.ModelChoiceField(label=_("To"), queryset=Account.objects.none())
    percent = forms.DecimalField(
        label=_("Percent"), min_value=0.01, max_value=100, decimal_places=2
    )
    label = forms.CharField(label=_("For"), max_length=150)

    def __init__(self, *args: Any, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["destination"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - tells mypy
        field.queryset = accounts.filter(unit="VES", kind__in=["asset", "expense"])


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("To"), widget=DateInput)


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def period_value(period: tuple[dt.date, dt.date]) -> str:
    return f"{period[0].isoformat()}_{period[1].isoformat()}"


def period_label(period: tuple[dt.date, dt.date]) -> str:
    """A whole month by its name ("March 2025"), any other period by its dates."""
    start, end = period
    if (start, end) == month_bounds(start):
        return date_format(start, "YEAR_MONTH_FORMAT")
    return pgettext("period", "%(start)s to %(end)s") % {
        "start": date_format(start, "SHORT_DATE_FORMAT"),
        "end": date_format(end, "SHORT_DATE_FORMAT"),
    }


class BudgetFilterForm(forms.Form):
    """Which budget period, and which organ, the page shows (a GET form)."""

    period = forms.ChoiceField(label=_("Period"), required=False)
    organ = forms.ChoiceField(label=_("Organ"), required=False)

    def __init__(
        self,
        *args: Any,
        periods: list[tuple[dt.date, dt.date]],
        organs: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.periods = {period_value(p): p for p in periods}
        _choice_field(self, "period").choices = [
            (value, period_label(p)) for value, p in self.periods.items()
        ]
        _choice_field(self, "organ").choices = [("", gettext("Every organ"))] + [
            (organ, organ) for organ in organs
        ]

    def chosen(
        self, default: tuple[dt.date, dt.date] | None
    ) -> tuple[tuple[dt.date, dt.date] | None, str]:
        """The period and organ asked for; ``default`` when none (or one unknown) is asked."""
        if not self.is_bound or not self.is_valid():
            return default, ""
        period = self.periods.get(self.cleaned_data["period"], default)
        return period, self.cleaned_data["organ"]
