from __future__ import annotations

from django import template

from comuna.engines.ledger import format_amount

register = template.Library()


@register.filter
def thousandths(quantity: int | None) -> str:
    """Grams or millilitres as kilograms or litres, without the trailing zeros:
    ``30500|thousandths`` → ``30,5`` in Spanish."""
    if quantity is None:
        return ""
    text = format_amount(int(quantity), "KG")
    if len(text) > 4 and text[-4] in ",.":
        whole, decimals = text[:-4], text[-3:].rstrip("0")
        return f"{whole}{text[-4]}{decimals}" if decimals else whole
    return text
