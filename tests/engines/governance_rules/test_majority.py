"""Majorities, as a table of cases."""

from __future__ import annotations

import pytest

from comuna.engines.governance_rules import (
    InvalidCountError,
    Majority,
    Tally,
    TooManyVotesError,
    outcome,
)

S, A, T = Majority.SIMPLE, Majority.ABSOLUTE, Majority.TWO_THIRDS


@pytest.mark.parametrize(
    ("majority", "yes", "no", "abstaining", "present", "carried", "needed"),
    [
        # Simple: more for than against; abstentions and absentees do not count.
        (S, 10, 9, 50, None, True, 10),
        (S, 10, 10, 0, None, False, 11),
        (S, 1, 0, 0, None, True, 1),
        (S, 0, 0, 5, None, False, 1),
        (S, 10, 9, 0, 100, True, 10),
        # Absolute: more than half of those present (or of the votes cast).
        (A, 51, 10, 39, None, True, 51),
        (A, 50, 10, 40, None, False, 51),
        (A, 50, 10, 0, 100, False, 51),
        (A, 51, 49, 0, 100, True, 51),
        (A, 2, 1, 0, None, True, 2),
        (A, 1, 0, 1, None, False, 2),
        # Two thirds of those present (or of the votes cast), rounded up.
        (T, 20, 10, 0, None, True, 20),
        (T, 19, 10, 0, None, False, 20),
        (T, 19, 0, 0, 30, False, 20),
        (T, 2, 1, 0, None, True, 2),
        (T, 67, 33, 0, None, True, 67),
        (T, 66, 34, 0, None, False, 67),
        # Nobody voted: nothing is carried.
        (S, 0, 0, 0, None, False, 1),
        (A, 0, 0, 0, None, False, 1),
        (T, 0, 0, 0, None, False, 1),
    ],
)
def test_the_majority(
    majority: Majority,
    yes: int,
    no: int,
    abstaining: int,
    present: int | None,
    carried: bool,
    needed: int,
) -> None:
    result = outcome(majority, Tally(yes, no, abstaining), present=present)
    assert (result.carried, result.needed) == (carried, needed)


def test_it_refuses_more_votes_than_people_present() -> None:
    with pytest.raises(TooManyVotesError) as refused:
        outcome(S, Tally(10, 5, 1), present=15)
    assert (refused.value.votes, refused.value.present) == (16, 15)


@pytest.mark.parametrize(("yes", "no", "abstaining"), [(-1, 0, 0), (0, 1.0, 0), (0, 0, True)])
def test_it_refuses_votes_that_are_not_whole_numbers(
    yes: object, no: object, abstaining: object
) -> None:
    with pytest.raises(InvalidCountError):
        Tally(yes, no, abstaining)  # type: ignore[arg-type]


def test_it_refuses_an_unknown_majority() -> None:
    with pytest.raises(ValueError, match="three_quarters"):
        outcome("three_quarters", Tally(1, 0))  # type: ignore[arg-type]
