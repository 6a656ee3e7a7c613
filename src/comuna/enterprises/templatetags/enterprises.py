from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def whole(amount: int | None) -> str:
    """Millilitres or grams as whole litres or kilograms, grouped as the reader writes them:
    ``600000|whole`` → ``600``, ``1250000|whole`` → ``1.250``."""
    if amount is None:
        return ""
    return number_format(round(int(amount) / 1000), force_grouping=True)
