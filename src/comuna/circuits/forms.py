"""The circuits' forms: a delivery on a plan line, from a phone."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


class DeliveryForm(forms.Form):
    kg = forms.DecimalField(
        label=_("kg delivered"),
        max_digits=12,
        decimal_places=3,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.001", "min": "0"}),
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not self.is_bound:
            self.initial["key"] = uuid.uuid4().hex

    @property
    def grams(self) -> int:
        kg: Decimal = self.cleaned_data["kg"]
        return int(kg * 1000)
