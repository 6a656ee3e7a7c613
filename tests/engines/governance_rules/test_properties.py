"""Properties that hold for every electorate, attendance and vote."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from comuna.engines.governance_rules import (
    BallotCount,
    Majority,
    QuorumBasis,
    QuorumRule,
    Tally,
    monthly_day,
    outcome,
    quorum,
    quorum_required,
    reconcile,
)

percents = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2)
counts = st.integers(0, 50_000)
bases = st.sampled_from(QuorumBasis)
calls = st.sampled_from((1, 2))
tallies = st.builds(Tally, st.integers(0, 500), st.integers(0, 500), st.integers(0, 500))


@st.composite
def rules(draw: st.DrawFn) -> QuorumRule:
    first, second = sorted((draw(percents), draw(percents)), reverse=True)
    return QuorumRule(draw(bases), first, second)


@given(rules(), calls, counts, counts, st.integers(1, 100))
def test_quorum_is_monotone_in_attendance(
    rule: QuorumRule, call: int, base: int, present: int, more: int
) -> None:
    if quorum(rule, call=call, base=base, present=present).reached:
        assert quorum(rule, call=call, base=base, present=present + more).reached


@given(rules(), calls, counts)
def test_the_quorum_is_at_least_one_and_never_more_than_everyone(
    rule: QuorumRule, call: int, base: int
) -> None:
    required = quorum_required(rule, call=call, base=base)
    assert 1 <= required <= max(base, 1)


@given(rules(), counts, counts)
def test_a_second_call_never_makes_quorum_harder(rule: QuorumRule, base: int, present: int) -> None:
    first = quorum(rule, call=1, base=base, present=present)
    second = quorum(rule, call=2, base=base, present=present)
    assert second.required <= first.required
    assert second.reached or not first.reached


@given(percents, percents, counts)
def test_a_lower_share_never_needs_more_people(a: Decimal, b: Decimal, base: int) -> None:
    low, high = sorted((a, b))
    rule_low = QuorumRule(QuorumBasis.ELECTORATE_SHARE, low, low)
    rule_high = QuorumRule(QuorumBasis.ELECTORATE_SHARE, high, high)
    assert quorum_required(rule_low, call=1, base=base) <= quorum_required(
        rule_high, call=1, base=base
    )


@given(tallies, st.integers(0, 200))
def test_two_thirds_implies_absolute_implies_simple(tally: Tally, extra: int) -> None:
    present = tally.cast + extra
    simple = outcome(Majority.SIMPLE, tally, present=present).carried
    absolute = outcome(Majority.ABSOLUTE, tally, present=present).carried
    two_thirds = outcome(Majority.TWO_THIRDS, tally, present=present).carried
    assert not two_thirds or absolute
    assert not absolute or simple


@given(st.sampled_from(Majority), tallies, st.integers(0, 200))
def test_no_majority_is_reached_with_for_not_above_against(
    majority: Majority, tally: Tally, extra: int
) -> None:
    assume(tally.yes <= tally.no)
    assert not outcome(majority, tally, present=tally.cast + extra).carried


@given(st.sampled_from(Majority), tallies, st.integers(0, 200))
def test_one_more_vote_for_never_loses_a_carried_proposal(
    majority: Majority, tally: Tally, extra: int
) -> None:
    present = tally.cast + extra + 1
    if outcome(majority, tally, present=present).carried:
        more = Tally(tally.yes + 1, tally.no, tally.abstaining)
        assert outcome(majority, more, present=present).carried


@given(st.sampled_from(Majority), tallies, st.integers(0, 200))
def test_needed_is_exactly_the_threshold(majority: Majority, tally: Tally, extra: int) -> None:
    result = outcome(majority, tally, present=tally.cast + extra)
    assert result.carried == (tally.yes >= result.needed)
    assert result.needed >= 1


@given(st.integers(1900, 2200), st.integers(1, 12), st.integers(0, 6), st.integers(1, 4))
def test_a_monthly_day_is_the_right_weekday_in_the_right_week(
    year: int, month: int, weekday: int, week: int
) -> None:
    day = monthly_day(year, month, weekday=weekday, week=week)
    assert (day.year, day.month, day.weekday()) == (year, month, weekday)
    assert 7 * (week - 1) < day.day <= 7 * week


ballot_counts = st.builds(
    BallotCount, st.integers(0, 300), st.integers(0, 300), st.integers(0, 50), st.integers(0, 50)
)


@given(ballot_counts, ballot_counts)
def test_two_counts_stand_only_when_equal(first: BallotCount, second: BallotCount) -> None:
    result = reconcile(first, second)
    assert result.agreed == (first == second)
    assert (result.count is not None) == (first == second)
    assert reconcile(second, first).differences == result.differences
