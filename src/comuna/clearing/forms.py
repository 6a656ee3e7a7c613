from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.clearing.models import (
    CURRENCIES,
    AgreementKind,
    ExchangeAgreement,
    UnitKind,
    UnitOfAccount,
)
from comuna.clearing.selectors import Candidate
from comuna.core.forms import DateInput
from comuna.ledger.forms import AmountField

# Another commune's parties are named, never listed (no page of one commune shows another's).
REFERENCE_HELP = _(
    "The commune's code (el-panal), or its code, a slash and the name of one of its "
    "enterprises or councils (el-panal/Panadería El Panal)."
)


def _today() -> object:
    return timezone.localdate()


def _choices(candidates: list[Candidate]) -> list[tuple[str, str]]:
    return [("", "—"), *((c.key, c.label) for c in candidates)]


class UnitForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=12, help_text=_("Such as CESTA1."))
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("What it is"), choices=UnitKind.choices)
    currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=[("", "—"), *((c, c) for c in CURRENCIES)]
    )
    basket = forms.CharField(
        label=_("Reference basket"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One good a line with its quantity: 2 kg arroz."),
    )


class AgreementForm(forms.Form):
    first = forms.ChoiceField(label=_("One party (of your commune)"))
    second = forms.CharField(label=_("The other party"), max_length=200, help_text=REFERENCE_HELP)
    kind = forms.ChoiceField(label=_("What is exchanged"), choices=AgreementKind.choices)
    unit = forms.ModelChoiceField(label=_("Unit of account"), queryset=UnitOfAccount.objects.all())
    first_gives = forms.CharField(label=_("The first party gives"), max_length=300)
    second_gives = forms.CharField(label=_("The other party gives"), max_length=300)
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput(), initial=_today)

    def offer(self, own: list[Candidate]) -> None:
        self.fields["first"].choices = _choices(own)  # type: ignore[attr-defined]


class ObligationForm(forms.Form):
    debtor = forms.ChoiceField(label=_("Who owes (of your commune)"))
    creditor = forms.CharField(label=_("To whom"), max_length=200, help_text=REFERENCE_HELP)
    unit = forms.ModelChoiceField(label=_("Unit of account"), queryset=UnitOfAccount.objects.all())
    # Every unit of account is kept in hundredths (VES, USD, or the books' UC for a basket).
    amount = AmountField(
        unit="UC",
        label=_("Amount"),
        help_text=_("In the unit of account, with up to two decimals."),
    )
    what = forms.CharField(label=_("For what"), max_length=300)
    arose_on = forms.DateField(label=_("Arose on"), widget=DateInput(), initial=_today)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    agreement = forms.ModelChoiceField(
        label=_("Agreement"), required=False, queryset=ExchangeAgreement.objects.none()
    )

    def offer(self, own: list[Candidate], agreements: QuerySet[ExchangeAgreement]) -> None:
        self.fields["debtor"].choices = _choices(own)  # type: ignore[attr-defined]
        self.fields["agreement"].queryset = agreements  # type: ignore[attr-defined]


class RunForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit of account"), queryset=UnitOfAccount.objects.all())
    day = forms.DateField(label=_("Date of the entries"), widget=DateInput(), initial=_today)
