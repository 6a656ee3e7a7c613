"""``{{ route.metres|thousandths }}``: metres as km, or mL as litres, with one decimal."""

from __future__ import annotations

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def thousandths(value: int | None) -> str:
    if value is None:
        return "—"
    return formats.number_format(value / 1000, 1, use_l10n=True, force_grouping=True)
