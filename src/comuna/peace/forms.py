"""The forms of peace and mediation. Each offers only records of the person's reach."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.brigades.models import Brigade, BrigadeMember
from comuna.census.models import Person, Sector
from comuna.core.forms import DateInput, TimeInput
from comuna.core.models import Commune
from comuna.peace.models import CaseKind, CaseStatus, Mediator, ReportCategory

_LINES = forms.Textarea(attrs={"rows": 3})


def _today() -> Any:
    return timezone.localdate()


class RoundForm(forms.Form):
    brigade = forms.ModelChoiceField(queryset=Brigade.objects.none(), label=_("Brigade"))
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=_today)
    starts_at = forms.TimeField(label=_("Started at"), widget=TimeInput())
    ends_at = forms.TimeField(label=_("Ended at"), widget=TimeInput())
    sector = forms.ModelChoiceField(
        queryset=Sector.objects.none(), label=_("Sector"), required=False
    )
    route = forms.CharField(label=_("Route or area"), max_length=200, required=False)
    members = forms.ModelMultipleChoiceField(
        queryset=BrigadeMember.objects.none(),
        label=_("Who went"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(label=_("Notes"), max_length=2000, required=False, widget=_LINES)
    category = forms.ChoiceField(
        label=_("Something seen: category"),
        choices=[("", _("Nothing to report")), *ReportCategory.choices],
        required=False,
    )
    what = forms.CharField(
        label=_("What happened"),
        max_length=2000,
        required=False,
        widget=_LINES,
        help_text=_("Do not name neighbours: say what happened and where."),
    )

    def offer(self, commune: Commune, brigades: QuerySet[Brigade]) -> None:
        self.fields["brigade"].queryset = brigades  # type: ignore[attr-defined]
        self.fields["sector"].queryset = Sector.objects.of(commune).select_related("council")  # type: ignore[attr-defined]
        self.fields["members"].queryset = (  # type: ignore[attr-defined]
            BrigadeMember.objects.of(commune)
            .filter(brigade__in=brigades, left_on__isnull=True)
            .select_related("person", "brigade")
        )
        if brigades.count() == 1:
            self.fields["brigade"].initial = brigades.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("category") and not (data.get("what") or "").strip():
            self.add_error("what", _("Say what happened."))
        return data


class ReportForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=ReportCategory.choices)
    sector = forms.ModelChoiceField(
        queryset=Sector.objects.none(), label=_("Sector"), required=False
    )
    what = forms.CharField(
        label=_("What happened"),
        max_length=2000,
        widget=_LINES,
        help_text=_("Do not name neighbours: say what happened and where."),
    )

    def offer(self, commune: Commune) -> None:
        self.fields["sector"].queryset = Sector.objects.of(commune).select_related("council")  # type: ignore[attr-defined]


class CaseOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices)
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput(), initial=_today)
    mediators = forms.ModelMultipleChoiceField(
        queryset=Mediator.objects.none(),
        label=_("Mediators"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("What it is about"), max_length=4000, required=False, widget=_LINES
    )
    national_ids = forms.CharField(
        label=_("Parties from the census: ID numbers, one per line"),
        required=False,
        widget=_LINES,
    )
    outsiders = forms.CharField(
        label=_("Parties from outside the commune: names, one per line"),
        required=False,
        widget=_LINES,
    )

    def __init__(self, *args: Any, blind: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commune: Commune | None = None
        if blind:
            # The administrator assigns mediators and never writes (nor reads) the content.
            for name in ("summary", "national_ids", "outsiders"):
                del self.fields[name]
            self.fields["mediators"].required = True

    def offer(self, commune: Commune) -> None:
        self.commune = commune
        self.fields["mediators"].queryset = (  # type: ignore[attr-defined]
            Mediator.objects.of(commune).filter(active=True).select_related("person")
        )

    def clean_national_ids(self) -> list[Person]:
        wanted = [line.strip() for line in self.cleaned_data.get("national_ids", "").splitlines()]
        wanted = [w for w in wanted if w]
        if not wanted:
            return []
        found = {
            p.national_id: p for p in Person.objects.of(self.commune).filter(national_id__in=wanted)
        }
        unknown = [w for w in wanted if w not in found]
        if unknown:
            raise forms.ValidationError(
                _("No one in the census has the ID number %(ids)s.") % {"ids": ", ".join(unknown)}
            )
        return [found[w] for w in wanted]

    def clean_outsiders(self) -> list[str]:
        lines = self.cleaned_data.get("outsiders", "").splitlines()
        names = [line.strip() for line in lines if line.strip()]
        if any(len(n) > 150 for n in names):
            raise forms.ValidationError(_("A name is at most 150 characters."))
        return names


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=_today)
    attended = forms.CharField(label=_("Who attended"), max_length=300)
    notes = forms.CharField(label=_("Notes"), max_length=4000, required=False, widget=_LINES)


class AgreementForm(forms.Form):
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DateInput(), initial=_today)
    terms = forms.CharField(
        label=_("Terms"), max_length=6000, widget=forms.Textarea(attrs={"rows": 8})
    )


class FollowUpForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=_today)
    kept = forms.TypedChoiceField(
        label=_("Is the agreement kept?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )
    notes = forms.CharField(label=_("Notes"), max_length=2000, required=False, widget=_LINES)


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (CaseStatus.NO_AGREEMENT, CaseStatus.NO_AGREEMENT.label),
            (CaseStatus.WITHDRAWN, CaseStatus.WITHDRAWN.label),
            (CaseStatus.REFERRED, CaseStatus.REFERRED.label),
        ],
    )
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput(), initial=_today)
