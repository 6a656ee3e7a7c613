from __future__ import annotations

from typing import Any

from django import template

from comuna.engines.ledger import UnknownUnit, format_amount
from comuna.ledger.access import keeps_books, reads_books, records_forms
from comuna.ledger.units import unit_short
from comuna.users.actors import actor_of

register = template.Library()


@register.simple_tag(takes_context=True)
def books_roles(context: dict[str, Any]) -> dict[str, bool]:
    """What the person looking may do with the books, so a page shows only the links and
    buttons they can use: ``read`` every entry, ``keep`` (write in) the books, ``record``
    the short forms."""
    actor = actor_of(context.get("request"))
    return {"read": reads_books(actor), "keep": keeps_books(actor), "record": records_forms(actor)}


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
def unit(code: str) -> str:
    """A unit as written after an amount, in the reader's language: ``"BAG"|unit`` → bolsas."""
    return unit_short(str(code))


@register.filter
def short_head(head: str) -> str:
    return head[:16]


@register.filter
def money_e4(amount: int | None, unit: str) -> str:
    """Ten-thousandths of a minor unit, exactly: ``15432125|money_e4:"VES"`` → ``15,432125``
    (a share before rounding, or what rounding left)."""
    if amount is None:
        return ""
    try:
        whole, fraction = divmod(int(amount), 10000)
        text = format_amount(whole, unit)
    except (UnknownUnit, ValueError, TypeError):
        return str(amount)
    if not fraction:
        return text
    separator = "" if "," in text else ","
    return f"{text}{separator}{fraction:04d}".rstrip("0")


@register.filter
def percent_bp(basis_points: int | None) -> str:
    """Basis points as a percentage people read: ``1250|percent_bp`` → ``12,5``."""
    if basis_points is None:
        return ""
    whole, rest = divmod(int(basis_points), 100)
    return f"{whole},{rest:02d}".rstrip("0").rstrip(",")
