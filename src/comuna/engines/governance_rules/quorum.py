"""Quorum: how many must be present for a meeting to decide.

Two bases, as the statutes of communes and communal councils write them:

- a share of the electorate (a citizens' assembly: the residents of the council, or of the
  commune, aged 15 and over), one share at first call and a lower one at second call; the
  defaults, 30% and 20%, are how the 2009 organic law of communal councils is commonly read;
- a share of the organ's seats (the communal parliament and the councils of the commune):
  a majority of its seats, or two thirds when the statute asks for it. The call makes no
  difference here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from comuna.engines.governance_rules.errors import InvalidCallError, InvalidShareError
from comuna.engines.governance_rules.shares import Percent, as_fraction, check_count, people_needed

FIRST_CALL_PERCENT = Decimal(30)
SECOND_CALL_PERCENT = Decimal(20)


class QuorumBasis(StrEnum):
    ELECTORATE_SHARE = "electorate_share"
    SEAT_MAJORITY = "seat_majority"
    SEAT_TWO_THIRDS = "seat_two_thirds"


@dataclass(frozen=True, slots=True)
class QuorumRule:
    """A statute's quorum rule for one kind of organ.

    The shares only matter for ``ELECTORATE_SHARE``; the second-call share may not be higher
    than the first-call one (a second call exists to make a meeting possible, not harder).
    """

    basis: QuorumBasis
    first_call_percent: Percent = FIRST_CALL_PERCENT
    second_call_percent: Percent = SECOND_CALL_PERCENT

    def __post_init__(self) -> None:
        QuorumBasis(self.basis)
        first = as_fraction("first-call share", self.first_call_percent)
        second = as_fraction("second-call share", self.second_call_percent)
        if second > first:
            raise InvalidShareError(
                "second-call share",
                self.second_call_percent,
                f"it cannot be higher than the first-call share ({self.first_call_percent}%)",
            )

    def share(self, call: int) -> Fraction:
        """The share of the electorate (or of the seats) needed at ``call``."""
        check_call(call)
        if self.basis == QuorumBasis.SEAT_MAJORITY:
            return Fraction(1, 2)
        if self.basis == QuorumBasis.SEAT_TWO_THIRDS:
            return Fraction(2, 3)
        percent = self.first_call_percent if call == 1 else self.second_call_percent
        return as_fraction("share", percent)


@dataclass(frozen=True, slots=True)
class Quorum:
    """Whether a meeting has its quorum, and by how much it is short."""

    basis: QuorumBasis
    call: int
    # People aged 15 and over (electorate basis) or the organ's seats (seat bases).
    base: int
    required: int
    present: int
    share: Fraction

    @property
    def reached(self) -> bool:
        return self.present >= self.required

    @property
    def missing(self) -> int:
        return max(self.required - self.present, 0)

    @property
    def percent(self) -> Decimal:
        """The share needed, in percent, rounded to two places for printing."""
        return (Decimal(self.share.numerator) * 100 / Decimal(self.share.denominator)).quantize(
            Decimal("0.01")
        )


def check_call(call: object) -> int:
    if isinstance(call, bool) or not isinstance(call, int) or call not in (1, 2):
        raise InvalidCallError(call)
    return call


def quorum_required(rule: QuorumRule, *, call: int, base: int) -> int:
    """How many must be present: the electorate share rounded up, or more than half (two
    thirds) of the seats. Never fewer than one."""
    check_count("base", base)
    share = rule.share(call)
    if rule.basis == QuorumBasis.SEAT_MAJORITY:
        return base // 2 + 1
    return people_needed(base, share)


def quorum(rule: QuorumRule, *, call: int, base: int, present: int) -> Quorum:
    """The quorum of a meeting at ``call`` with ``present`` people (or seats) in the room.

    ``base`` is the electorate for an assembly and the number of seats for the other organs;
    ``present`` counts those of them who are in the room (for seats: seats, not people).
    """
    check_count("present", present)
    required = quorum_required(rule, call=call, base=base)
    return Quorum(
        basis=rule.basis,
        call=call,
        base=base,
        required=required,
        present=present,
        share=rule.share(call),
    )
