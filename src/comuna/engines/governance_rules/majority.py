"""Majorities: whether a proposal is carried by the votes counted.

- ``SIMPLE``: more votes for than against; abstentions do not count. A tie is not carried.
- ``ABSOLUTE``: more than half of those present (when not given, of the votes cast,
  abstentions included) vote for.
- ``TWO_THIRDS``: at least two thirds of those present (or of the votes cast) vote for.

Every majority needs at least one vote for, and no majority is ever reached with as many votes
against as for: two thirds implies absolute, which implies simple.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from math import ceil

from comuna.engines.governance_rules.errors import TooManyVotesError
from comuna.engines.governance_rules.shares import check_count


class Majority(StrEnum):
    SIMPLE = "simple"
    ABSOLUTE = "absolute"
    TWO_THIRDS = "two_thirds"


@dataclass(frozen=True, slots=True)
class Tally:
    """The votes of one proposal: for, against, abstaining."""

    yes: int
    no: int
    abstaining: int = 0

    def __post_init__(self) -> None:
        check_count("votes for", self.yes)
        check_count("votes against", self.no)
        check_count("abstentions", self.abstaining)

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstaining


@dataclass(frozen=True, slots=True)
class Outcome:
    majority: Majority
    tally: Tally
    # Whom the majority is counted over: those present (or the votes cast); unused by SIMPLE.
    base: int
    # The fewest votes for that carry the proposal, given the votes against (SIMPLE) or the
    # base (ABSOLUTE, TWO_THIRDS).
    needed: int

    @property
    def carried(self) -> bool:
        return self.tally.yes >= self.needed


def majority_needed(majority: Majority, tally: Tally, *, present: int | None = None) -> int:
    return outcome(majority, tally, present=present).needed


def outcome(majority: Majority, tally: Tally, *, present: int | None = None) -> Outcome:
    """Whether ``tally`` carries a proposal that needs ``majority``.

    ``present``: those in the room who could have voted (the attendance, or the seats present
    in a roll call); it cannot be less than the votes cast. ``None``: the votes cast.
    """
    majority = Majority(majority)
    if present is None:
        base = tally.cast
    else:
        base = check_count("present", present)
        if tally.cast > base:
            raise TooManyVotesError(tally.cast, base)
    if majority == Majority.SIMPLE:
        needed = tally.no + 1
    elif majority == Majority.ABSOLUTE:
        needed = base // 2 + 1
    else:
        needed = max(1, ceil(Fraction(2 * base, 3)))
    return Outcome(majority=majority, tally=tally, base=base, needed=needed)
