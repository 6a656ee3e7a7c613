from __future__ import annotations

from django import template

from comuna.engines.ledger import UnknownUnit, format_amount

register = template.Library()


@register.filter
def money(amount: int | None, unit: str) -> str:
    """Minor units as people read them: ``120050|money:"VES"`` → ``1.200,50``."""
    if amount is None:
        return ""
    try:
        return format_amount(int(amount), unit)
    except (UnknownUnit, ValueError, TypeError):
        return str(amount)


@register.filter
def short_head(head: str) -> str:
    return head[:16]
