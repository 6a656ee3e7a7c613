"""How the books' units are shown: the engine's unit codes (``comuna.engines.ledger.units``)
are keys, and a reader sees them in their language (see ``comuna.core.language``).

Currencies keep their international codes (VES, USD) and measures their symbols (KG, L),
which read the same in any language; units of goods are words (``BAG`` is "bolsas").
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comuna.engines.ledger import UNITS

# What follows an amount: "12 bolsas", "1.200,50 VES".
_SHORT: dict[str, Promise] = {"BAG": _("bags"), "CYL": _("cylinders")}
# What a unit is, in a list of units to choose from.
_NAMES: dict[str, Promise] = {
    "VES": _("bolívares"),
    "USD": _("US dollars"),
    "KG": _("kilograms"),
    "L": _("litres"),
    "CYL": _("gas cylinders"),
    "BAG": _("food bags"),
    "UC": _("units of account of the federation"),
}


def unit_short(code: str) -> str:
    """The unit as written after an amount, in the reader's language."""
    return str(_SHORT.get(code, code))


def unit_choices() -> list[tuple[str, str]]:
    """Every unit of the books, as a choice: ``("BAG", "BAG (food bags)")``."""
    return [(code, f"{code} ({_NAMES.get(code, code)})") for code in UNITS]
