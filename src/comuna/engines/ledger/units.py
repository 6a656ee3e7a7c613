"""Currencies and in-kind units, and reading and writing amounts in them.

Every amount in the ledger is an ``int`` counted in the unit's *minor unit*, so that no
rounding ever happens inside the books:

====  ==================  ========  ===========
code  name                exponent  minor unit
====  ==================  ========  ===========
VES   bolívar             2         céntimo
USD   US dollar           2         cent
KG    kilogram            3         gram
L     litre               3         millilitre
CYL   gas cylinder        0         cylinder
BAG   food bag            0         bag
UC    unit of account     2         hundredth
====  ==================  ========  ===========
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .errors import InvalidAmount, UnknownUnit

# Storage adapters keep amounts in a signed 64-bit column.
MAX_AMOUNT = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Unit:
    """A currency or a unit of goods: amounts are integers of ``10**-exponent`` of it."""

    code: str
    name: str
    exponent: int
    minor_name: str

    @property
    def scale(self) -> int:
        return int(10**self.exponent)


UNITS: Mapping[str, Unit] = MappingProxyType(
    {
        u.code: u
        for u in (
            Unit("VES", "bolívar", 2, "céntimo"),
            Unit("USD", "US dollar", 2, "cent"),
            Unit("KG", "kilogram", 3, "gram"),
            Unit("L", "litre", 3, "millilitre"),
            Unit("CYL", "gas cylinder", 0, "cylinder"),
            Unit("BAG", "food bag", 0, "bag"),
            Unit("UC", "unit of account", 2, "hundredth"),
        )
    }
)

_SPACES = frozenset(" \u00a0\u202f")
_DIGITS = frozenset("0123456789")
# Digits with at most two decimals after one dot or comma: never a thousands separator
# (that needs three digits after it), so it is read without the general rules below.
_PLAIN = re.compile(r"([0-9]{1,15})(?:[.,]([0-9]{1,2}))?")


def get_unit(unit: Unit | str) -> Unit:
    """Return the unit for a code such as ``"VES"``; raise UnknownUnit for any other code."""
    if isinstance(unit, Unit):
        return unit
    try:
        return UNITS[unit]
    except (KeyError, TypeError):
        raise UnknownUnit(str(unit)) from None


def parse_amount(text: str, unit: Unit | str, *, decimal_separator: str | None = None) -> int:
    """Read a decimal text as an integer number of the unit's minor units.

    Accepts a dot or a comma as the decimal separator and the other one (or a space) as the
    thousands separator: ``"1.200,50"``, ``"1,200.50"``, ``"1200.50"`` and ``"1200,5"`` are
    all 120050 céntimos of VES. A leading ``-`` or ``+`` is allowed.

    When ``decimal_separator`` is not given, a single separator followed by exactly three
    digits (``"1.200"``) is a thousands separator if the unit has fewer than three decimals
    (bolívares, dollars, cylinders), and is refused as ambiguous for kilograms and litres,
    where it could be either; pass ``decimal_separator`` (from the user's language) to decide.

    More decimals than the unit has are refused unless they are zeros: a ledger never rounds.
    Raise InvalidAmount with the reason on any malformed text.
    """
    u = get_unit(unit)
    if not isinstance(text, str):
        raise InvalidAmount(repr(text), "not a text")
    plain = _PLAIN.fullmatch(text)
    if plain is not None and decimal_separator is None:
        whole, cents = plain.groups()
        if cents is None:
            return int(whole) * u.scale
        if len(cents) <= u.exponent:
            return int(whole) * u.scale + int(cents.ljust(u.exponent, "0"))
    if decimal_separator not in (None, ".", ","):
        raise ValueError("decimal_separator must be '.', ',' or None")
    body = text.strip()
    sign = 1
    if body[:1] in ("-", "+"):
        sign = -1 if body[0] == "-" else 1
        body = body[1:].lstrip()
    if not body:
        raise InvalidAmount(text, "no digits")
    bad = [c for c in body if c not in _DIGITS and c not in ".," and c not in _SPACES]
    if bad:
        raise InvalidAmount(text, f"unexpected character {bad[0]!r}")

    decimal = _decimal_separator(text, body, u, decimal_separator)
    if decimal is None:
        whole, fraction = body, ""
    else:
        whole, _, fraction = body.rpartition(decimal)
        if decimal in whole:
            raise InvalidAmount(text, f"the decimal separator {decimal!r} appears twice")
        if not fraction or not set(fraction) <= _DIGITS:
            raise InvalidAmount(text, "digits must follow the decimal separator")
    digits = _ungroup(text, whole, allow_empty=bool(fraction))

    kept, extra = fraction[: u.exponent], fraction[u.exponent :]
    if extra.strip("0"):
        raise InvalidAmount(
            text,
            f"{u.code} has {u.exponent} decimal place(s) ({u.minor_name}); "
            "an amount is never rounded",
        )
    value = int(digits or "0") * u.scale + int(kept.ljust(u.exponent, "0") or "0")
    if value > MAX_AMOUNT:
        raise InvalidAmount(text, "too large")
    return sign * value


def _decimal_separator(text: str, body: str, unit: Unit, given: str | None) -> str | None:
    if given is not None:
        return given if given in body else None
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        return "." if body.rfind(".") > body.rfind(",") else ","
    if dots + commas != 1:
        # Several of one kind can only be thousands separators ("1.200.000").
        return None
    sep = "." if dots else ","
    whole, _, fraction = body.partition(sep)
    looks_grouped = (
        len(fraction) == 3 and 1 <= len(whole) <= 3 and whole.isdigit() and whole[0] != "0"
    )
    if not looks_grouped:
        return sep
    if unit.exponent < 3:
        return None
    raise InvalidAmount(
        text,
        f"ambiguous for {unit.code}: {sep!r} could separate thousands or decimals; "
        "write the amount without a thousands separator",
    )


def _ungroup(text: str, whole: str, *, allow_empty: bool) -> str:
    if not whole:
        if allow_empty:
            return ""
        raise InvalidAmount(text, "no digits before the decimal separator")
    separators = {c for c in whole if c not in _DIGITS}
    if not separators:
        return whole
    if len(separators) > 1 and not separators <= _SPACES:
        raise InvalidAmount(text, "mixed thousands separators")
    groups = [whole]
    for sep in separators:
        groups = [g for part in groups for g in part.split(sep)]
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        raise InvalidAmount(text, "thousands separators must separate groups of three digits")
    return "".join(groups)


def format_amount(
    amount: int,
    unit: Unit | str,
    *,
    decimal_separator: str = ",",
    group_separator: str = ".",
) -> str:
    """Write an amount of minor units as a decimal text with all the unit's decimals.

    The defaults follow Venezuelan usage (``"1.200,50"``); pass ``decimal_separator="."`` and
    ``group_separator=""`` for a plain machine form (``"1200.50"``). ``parse_amount`` reads
    back anything this writes.
    """
    u = get_unit(unit)
    sign = "-" if amount < 0 else ""
    whole, fraction = divmod(abs(amount), u.scale)
    digits = str(whole)
    if group_separator:
        head = len(digits) % 3 or 3
        parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
        digits = group_separator.join(parts)
    if u.exponent == 0:
        return sign + digits
    return f"{sign}{digits}{decimal_separator}{fraction:0{u.exponent}d}"
