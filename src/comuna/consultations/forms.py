from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.consultations.models import ConsultationKind, Option
from comuna.core.forms import DateInput
from comuna.federation.models import Unit
from comuna.governance.models import Meeting

MAX_COUNT = 10_000_000


def _today() -> dt.date:
    return timezone.localdate()


def _in_a_month() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=30)


def options_parse(text: str) -> list[tuple[str, Decimal | None]]:
    """One option a line; a project's line ends with a bar and its cost: ``Cancha | 12000``."""
    parsed: list[tuple[str, Decimal | None]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, bar, cost_text = line.rpartition("|")
        if not bar:
            parsed.append((line.strip(), None))
            continue
        cleaned = cost_text.strip().replace(" ", "")
        if "," in cleaned:  # 12.000,50 as written here; otherwise 12000.50
            cleaned = cleaned.replace(".", "").replace(",", ".")
        try:
            cost = Decimal(cleaned)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Line %(line)s: the cost after the bar is not a number.") % {"line": number}
            ) from None
        if not cost.is_finite() or cost <= 0 or cost >= Decimal(10) ** 14:
            raise forms.ValidationError(
                _("Line %(line)s: the cost must be above zero.") % {"line": number}
            )
        parsed.append((label.strip(), cost.quantize(Decimal("0.01"))))
    return parsed


class ConsultationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("For the communes of"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=ConsultationKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Question"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput(), initial=_today)
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput(), initial=_in_a_month)
    budget = forms.DecimalField(
        label=_("Budget (Bs.)"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal(10) ** 14 - 1,
        decimal_places=2,
        help_text=_("Only for a list of projects."),
    )
    options = forms.CharField(
        label=_("Options"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One a line. Empty for a yes or no question. For projects, the name, a bar and "
            "its cost: Techado de la cancha | 12000"
        ),
    )

    def offer(self, units: QuerySet[Unit]) -> None:
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_options(self) -> list[tuple[str, Decimal | None]]:
        return options_parse(self.cleaned_data.get("options") or "")


class HoldingStartForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Meeting of the citizens' assembly"), queryset=Meeting.objects.none()
    )

    def offer(self, meetings: QuerySet[Meeting]) -> None:
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
        self.fields["meeting"].label_from_instance = (  # type: ignore[attr-defined]
            lambda m: f"{m.date.isoformat()} · {m.organ.name} · {m.get_status_display()}"
        )


class VotesForm(forms.Form):
    """One number field per option, and the blank or spoiled ballots."""

    blank = forms.IntegerField(
        label=_("Blank or spoiled"), min_value=0, max_value=MAX_COUNT, initial=0
    )

    def __init__(
        self, *args: Any, options: list[Option], initial_counts: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.options = options
        for option in options:
            self.fields[f"option_{option.pk}"] = forms.IntegerField(
                label=option.label,
                min_value=0,
                max_value=MAX_COUNT,
                initial=initial_counts.get(option.pk, 0),
            )
        self.order_fields([f"option_{o.pk}" for o in options] + ["blank"])

    def counts(self) -> dict[int, int]:
        return {o.pk: self.cleaned_data[f"option_{o.pk}"] for o in self.options}
