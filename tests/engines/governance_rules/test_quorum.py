"""Quorum, as a table of cases a spokesperson can check with pencil and paper."""

from __future__ import annotations

from decimal import Decimal

import pytest

from comuna.engines.governance_rules import (
    InvalidCallError,
    InvalidCountError,
    InvalidShareError,
    QuorumBasis,
    QuorumRule,
    quorum,
    quorum_required,
)

ASSEMBLY = QuorumRule(QuorumBasis.ELECTORATE_SHARE)
PARLIAMENT = QuorumRule(QuorumBasis.SEAT_MAJORITY)
TWO_THIRDS = QuorumRule(QuorumBasis.SEAT_TWO_THIRDS)


@pytest.mark.parametrize(
    ("rule", "call", "base", "required"),
    [
        # A citizens' assembly: 30% of the electorate at first call, 20% at second, rounded up.
        (ASSEMBLY, 1, 1000, 300),
        (ASSEMBLY, 2, 1000, 200),
        (ASSEMBLY, 1, 1001, 301),
        (ASSEMBLY, 2, 1001, 201),
        (ASSEMBLY, 1, 10, 3),
        (ASSEMBLY, 1, 7, 3),
        (ASSEMBLY, 2, 7, 2),
        (ASSEMBLY, 1, 1, 1),
        # Nobody to count: still one person, a meeting of nobody decides nothing.
        (ASSEMBLY, 1, 0, 1),
        # The parliament: a majority of its seats, whatever the call.
        (PARLIAMENT, 1, 28, 15),
        (PARLIAMENT, 2, 28, 15),
        (PARLIAMENT, 1, 27, 14),
        (PARLIAMENT, 1, 3, 2),
        (PARLIAMENT, 1, 1, 1),
        (PARLIAMENT, 1, 0, 1),
        (TWO_THIRDS, 1, 28, 19),
        (TWO_THIRDS, 1, 27, 18),
        (TWO_THIRDS, 1, 3, 2),
    ],
)
def test_the_quorum_required(rule: QuorumRule, call: int, base: int, required: int) -> None:
    assert quorum_required(rule, call=call, base=base) == required


def test_a_statute_sets_its_own_shares_with_decimals() -> None:
    rule = QuorumRule(QuorumBasis.ELECTORATE_SHARE, Decimal("33.33"), Decimal("15"))
    assert quorum_required(rule, call=1, base=300) == 100  # 99.99 rounded up
    assert quorum_required(rule, call=2, base=300) == 45


def test_it_is_reached_with_exactly_the_required_number_and_says_how_many_are_missing() -> None:
    short = quorum(ASSEMBLY, call=1, base=100, present=29)
    assert (short.required, short.reached, short.missing) == (30, False, 1)
    met = quorum(ASSEMBLY, call=1, base=100, present=30)
    assert (met.reached, met.missing) == (True, 0)
    assert quorum(ASSEMBLY, call=2, base=100, present=20).reached
    assert met.percent == Decimal("30.00")
    assert quorum(PARLIAMENT, call=1, base=28, present=14).percent == Decimal("50.00")


def test_it_refuses_a_second_call_share_above_the_first() -> None:
    with pytest.raises(InvalidShareError, match="cannot be higher"):
        QuorumRule(QuorumBasis.ELECTORATE_SHARE, 20, 30)


@pytest.mark.parametrize("percent", [0, -5, 101, Decimal("NaN"), "30", 30.0, True])
def test_it_refuses_a_share_that_is_not_a_percentage(percent: object) -> None:
    with pytest.raises(InvalidShareError):
        QuorumRule(QuorumBasis.ELECTORATE_SHARE, percent, 10)  # type: ignore[arg-type]


@pytest.mark.parametrize("call", [0, 3, True, "1", None])
def test_it_refuses_a_third_call(call: object) -> None:
    with pytest.raises(InvalidCallError):
        quorum(ASSEMBLY, call=call, base=10, present=1)  # type: ignore[arg-type]


@pytest.mark.parametrize(("base", "present"), [(-1, 0), (10, -1), (10, 1.5), (True, 1)])
def test_it_refuses_counts_that_are_not_whole_numbers(base: object, present: object) -> None:
    with pytest.raises(InvalidCountError):
        quorum(ASSEMBLY, call=1, base=base, present=present)  # type: ignore[arg-type]
