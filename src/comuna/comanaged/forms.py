"""The forms of the co-managed enterprises. Amounts are written as people write them
(``1.200,50``) and kept in cents; percentages are kept in basis points. The rules (shares
above 100%, a commune served twice, a period already shared) are the services'."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.comanaged.models import PeriodKind, Side
from comuna.core.forms import DateInput
from comuna.core.models import Commune
from comuna.engines.ledger import InvalidAmount, parse_amount
from comuna.governance.models import Decision

SERVED_ROWS = 4


class CentsField(forms.CharField):
    """An amount in bolívares, zero or more, kept in cents."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("initial", "0")
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        text = (super().clean(value) or "0").strip()
        if text.startswith("-"):
            raise forms.ValidationError(_("The amounts cannot be negative."), code="negative")
        try:
            return parse_amount(text, "VES", decimal_separator=None)
        except InvalidAmount:
            raise forms.ValidationError(
                _("“%(value)s” is not an amount (for example 1.200,50)."),
                params={"value": text},
            ) from None


def basis_points(percent: Decimal | None) -> int:
    return int((percent or Decimal(0)) * 100)


def _percent_field(label: Any, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(label=label, decimal_places=2, max_digits=7, required=required)


class CommuneCodeField(forms.CharField):
    """A commune of this installation, by its code (``demo2``). The form lists none: an
    administrator of one commune never sees another's name unless they share an enterprise;
    neighbours agree on the enterprise, and give each other their codes, first."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 50)
        kwargs.setdefault("help_text", _("Its code in this installation, as the commune gives it."))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        code = (super().clean(value) or "").strip()
        if not code:
            return None
        commune = Commune.objects.filter(code=code).first()
        if commune is None:
            raise forms.ValidationError(
                _("No commune of this installation has the code “%(code)s”."),
                params={"code": code},
            )
        return commune


class RegisterForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    activity = forms.CharField(label=_("Activity"), max_length=200)
    registered_on = forms.DateField(label=_("Registered on"), widget=DateInput)
    fund_percent = _percent_field(_("Social investment fund (% of what is left after costs)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, SERVED_ROWS + 1):
            self.fields[f"commune_{i}"] = CommuneCodeField(
                label=_("Commune served %(n)s") % {"n": i}, required=i == 1
            )
            self.fields[f"percent_{i}"] = _percent_field(
                _("Its share of the surplus (%%) %(n)s") % {"n": i}, required=i == 1
            )

    def served(self) -> list[tuple[Commune, int]]:
        data = self.cleaned_data
        return [
            (data[f"commune_{i}"], basis_points(data.get(f"percent_{i}")))
            for i in range(1, SERVED_ROWS + 1)
            if data.get(f"commune_{i}") is not None
        ]


class ServedForm(forms.Form):
    served = CommuneCodeField(label=_("Commune"))
    percent = _percent_field(_("Share of the surplus (%)"))


class SeatForm(forms.Form):
    title = forms.CharField(label=_("Seat"), max_length=150)
    side = forms.ChoiceField(label=_("Held for"), choices=Side.choices)
    represents = forms.ModelChoiceField(
        label=_("Speaks for commune"), queryset=Commune.objects.none(), required=False
    )
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    outside_holder = forms.CharField(
        label=_("Held by (outside the census)"), max_length=200, required=False
    )

    def __init__(self, *args: Any, communes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["represents"].queryset = communes  # type: ignore[attr-defined]


class ResultForm(forms.Form):
    kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices)
    start = forms.DateField(
        label=_("First day"), widget=DateInput, help_text=_("The first day of the month.")
    )
    income = CentsField(label=_("Income (Bs.)"))
    wages = CentsField(label=_("Wages (Bs.)"))
    maintenance = CentsField(label=_("Maintenance (Bs.)"))
    materials = CentsField(label=_("Raw materials (Bs.)"))


class StageForm(forms.Form):
    title = forms.CharField(label=_("Stage"), max_length=200)
    condition = forms.CharField(label=_("Condition"), max_length=300)
    community_seats = forms.IntegerField(
        label=_("Community seats needed"), required=False, min_value=1
    )
    target_date = forms.DateField(label=_("Target date"), widget=DateInput)


class CompleteForm(forms.Form):
    decision = forms.ModelChoiceField(
        label=_("Approving decision"), queryset=Decision.objects.none()
    )
    on = forms.DateField(label=_("Completed on"), widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args: Any, decisions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions  # type: ignore[attr-defined]
