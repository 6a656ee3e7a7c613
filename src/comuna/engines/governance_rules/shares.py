"""Percentages as the statutes write them, turned into exact fractions and head counts."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from math import ceil

from comuna.engines.governance_rules.errors import InvalidCountError, InvalidShareError

Percent = int | Decimal | Fraction


def check_count(name: str, value: object) -> int:
    # bool is an int subclass, and True as "one person" is almost certainly a caller's bug.
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidCountError(name, value)
    if value < 0:
        raise InvalidCountError(name, value)
    return value


def as_fraction(name: str, percent: object) -> Fraction:
    """``percent`` (0 to 100, exactly as written: 30, Decimal("33.33")) as a fraction of one."""
    if isinstance(percent, bool) or not isinstance(percent, int | Decimal | Fraction):
        raise InvalidShareError(name, percent, "it must be a number of percent")
    if isinstance(percent, Decimal) and not percent.is_finite():
        raise InvalidShareError(name, percent, "it must be a finite number")
    share = Fraction(percent) / 100
    if not 0 < share <= 1:
        raise InvalidShareError(name, percent, "it must be more than 0% and at most 100%")
    return share


def people_needed(total: int, share: Fraction) -> int:
    """The fewest people that make at least ``share`` of ``total``, and never fewer than one:
    30% of 1,001 is 300.3, so 301 are needed; a meeting of nobody is not a meeting."""
    return max(1, ceil(total * share))
