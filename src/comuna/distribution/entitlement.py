"""What a programme entitles a household to, and its priority class, from its census rows.

Plain functions over plain values, so that opening a round reads the census with two queries
and no row objects, and so that the page of one household says the same as the round.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from comuna.census.models import CHILD_AGE, ELDERLY_AGE, SMALL_CHILD_AGE
from comuna.engines.rationing import PriorityClass


@dataclass(frozen=True, slots=True)
class MemberFacts:
    birth_date: dt.date
    disability: bool
    chronic_illness: bool
    pregnant: bool


@dataclass(frozen=True, slots=True)
class HouseholdFacts:
    household_id: int
    council_code: str
    members: tuple[MemberFacts, ...]
    cylinders: dict[int, int]
    piped_gas: bool


@dataclass(frozen=True, slots=True)
class Terms:
    """A programme's entitlement rule, as plain values."""

    base_quantity: int
    per_member: int
    cap: int
    vulnerable_only: bool
    cylinder_kg: int | None
    exclude_piped_gas: bool


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def priority_of(facts: HouseholdFacts, today: dt.date) -> PriorityClass:
    """Medical need first (disability, chronic illness, pregnancy), then an elderly person
    living alone, then small children, then everyone else."""
    members = facts.members
    if any(m.disability or m.chronic_illness or m.pregnant for m in members):
        return PriorityClass.MEDICAL
    if len(members) == 1 and _age(members[0].birth_date, today) >= ELDERLY_AGE:
        return PriorityClass.ELDERLY_ALONE
    if any(_age(m.birth_date, today) < SMALL_CHILD_AGE for m in members):
        return PriorityClass.SMALL_CHILDREN
    return PriorityClass.GENERAL


def is_vulnerable(facts: HouseholdFacts, today: dt.date) -> bool:
    return any(
        m.disability
        or m.chronic_illness
        or m.pregnant
        or _age(m.birth_date, today) >= ELDERLY_AGE
        or _age(m.birth_date, today) < CHILD_AGE
        for m in facts.members
    )


def units_claimed(terms: Terms, facts: HouseholdFacts, today: dt.date) -> int:
    """``min(cap, base + per_member × members)``, or 0 when a condition leaves it out; a gas
    programme never gives more cylinders than the household uses of that size."""
    if not facts.members:
        return 0
    if terms.vulnerable_only and not is_vulnerable(facts, today):
        return 0
    if terms.exclude_piped_gas and facts.piped_gas:
        return 0
    units = min(terms.cap, terms.base_quantity + terms.per_member * len(facts.members))
    if terms.cylinder_kg is not None:
        units = min(units, facts.cylinders.get(terms.cylinder_kg, 0))
    return max(units, 0)
