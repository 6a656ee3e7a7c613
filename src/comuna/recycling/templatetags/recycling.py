from __future__ import annotations

from django import template

from comuna.recycling.weights import kg_text

register = template.Library()


@register.filter
def kg(grams: int | None) -> str:
    """Grams as kilograms: ``30500|kg`` → ``30,5``."""
    return "" if grams is None else kg_text(grams)
