"""The letter to an institution: to whom, who signs, and the ration asked for."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Person
from comuna.core.models import Commune

MAX_LITRES = 10_000_000  # a month's ration, far above any commune's


class Addressee(models.TextChoices):
    FUEL_DISTRIBUTOR = "fuel_distributor", _("The fuel distributor")
    MAYOR = "mayor", _("The mayor's office")
    OTHER = "other", _("Another institution")


def spokespeople(commune: Commune) -> list[tuple[str, str]]:
    """The people holding a seat in the commune's organs (public office holders), as
    ``(id, "name, seat")`` choices. Read through the census's people (the governance app sits
    above this one and is not imported: its seats are reached by their relation)."""
    rows = (
        Person.objects.of(commune)
        .filter(seats_held__isnull=False)
        .values_list("pk", "first_names", "last_names", "seats_held__title")
        .order_by("last_names", "first_names", "pk")
    )
    return [(str(pk), f"{first} {last}, {seat}") for pk, first, last, seat in rows]


class LetterForm(forms.Form):
    addressee_kind = forms.ChoiceField(
        label=_("Addressed to"), choices=Addressee.choices, initial=Addressee.FUEL_DISTRIBUTOR
    )
    addressee = forms.CharField(
        label=_("Name of the institution"),
        max_length=200,
        required=False,
        help_text=_("As it should read at the top of the letter. Needed for another institution."),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=100,
        required=False,
        help_text=_("Where the letter is written, before the date (for instance, Caracas)."),
    )
    asked_litres = forms.IntegerField(
        label=_("Monthly ration asked for (litres)"), min_value=1, max_value=MAX_LITRES
    )
    signatories = forms.MultipleChoiceField(
        label=_("Spokespeople who sign"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_signatories = forms.CharField(
        label=_("Other signatories"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: name and role (for instance, the enterprise's manager)."),
    )

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spokespeople = dict(spokespeople(commune))
        field = self.fields["signatories"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - tells mypy
        field.choices = list(self.spokespeople.items())
        if not self.spokespeople:  # no seat is held: nobody to tick
            del self.fields["signatories"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("addressee_kind") == Addressee.OTHER and not data.get("addressee"):
            self.add_error("addressee", _("Name the institution the letter is for."))
        if not data.get("signatories") and not (data.get("other_signatories") or "").strip():
            self.add_error(None, _("Someone must sign the letter."))
        return data

    def addressee_name(self) -> str:
        """Whom the letter is for, as its first line names them."""
        typed = self.cleaned_data.get("addressee", "").strip()
        return typed or str(Addressee(self.cleaned_data["addressee_kind"]).label)

    def signatory_lines(self) -> list[str]:
        chosen = [self.spokespeople[pk] for pk in self.cleaned_data.get("signatories", [])]
        typed = (self.cleaned_data.get("other_signatories") or "").splitlines()
        return chosen + [line.strip() for line in typed if line.strip()]
