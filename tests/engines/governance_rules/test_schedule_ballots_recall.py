"""The parliament's calendar, the two clerks' ballot counts and the recall threshold."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from comuna.engines.governance_rules import (
    BallotCount,
    InvalidScheduleError,
    InvalidShareError,
    TooManyVotesError,
    monthly_day,
    monthly_days,
    recall_signatures_needed,
    reconcile,
    year_days,
)


def test_the_first_saturdays_of_2025() -> None:
    assert [day.isoformat() for day in year_days(2025)] == [
        "2025-01-04", "2025-02-01", "2025-03-01", "2025-04-05", "2025-05-03", "2025-06-07",
        "2025-07-05", "2025-08-02", "2025-09-06", "2025-10-04", "2025-11-01", "2025-12-06",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("year", "month", "weekday", "week", "expected"),
    [
        (2024, 6, 5, 1, dt.date(2024, 6, 1)),  # the month starts on a Saturday
        (2024, 2, 5, 4, dt.date(2024, 2, 24)),
        (2026, 3, 6, 2, dt.date(2026, 3, 8)),  # second Sunday
        (2023, 12, 0, 1, dt.date(2023, 12, 4)),  # first Monday
    ],
)
def test_a_statute_may_choose_another_day(
    year: int, month: int, weekday: int, week: int, expected: dt.date
) -> None:
    assert monthly_day(year, month, weekday=weekday, week=week) == expected


def test_the_next_twelve_months_leave_out_a_day_already_past() -> None:
    days = monthly_days(dt.date(2025, 3, 2), 12)
    assert days[0] == dt.date(2025, 4, 5)
    assert len(days) == 11
    assert monthly_days(dt.date(2025, 11, 1), 3) == [
        dt.date(2025, 11, 1), dt.date(2025, 12, 6), dt.date(2026, 1, 3),
    ]  # fmt: skip


@pytest.mark.parametrize(("weekday", "week"), [(7, 1), (-1, 1), (5, 0), (5, 5)])
def test_it_refuses_a_day_that_does_not_exist_every_month(weekday: int, week: int) -> None:
    with pytest.raises(InvalidScheduleError):
        monthly_day(2025, 1, weekday=weekday, week=week)


def test_two_counts_that_agree_stand() -> None:
    result = reconcile(BallotCount(40, 10, 2, 1), BallotCount(40, 10, 2, 1), present=60)
    assert result.agreed
    assert result.count == BallotCount(40, 10, 2, 1)
    assert result.count.tally.cast == 52


def test_two_counts_that_disagree_do_not_count_and_say_where() -> None:
    result = reconcile(BallotCount(40, 10, 2, 1), BallotCount(41, 10, 2, 0))
    assert not result.agreed
    assert result.count is None
    assert result.differences == ("yes", "blank")


def test_a_count_with_more_ballots_than_people_present_is_refused() -> None:
    with pytest.raises(TooManyVotesError):
        reconcile(BallotCount(40, 10), BallotCount(40, 11), present=50)


@pytest.mark.parametrize(
    ("electorate", "percent", "needed"),
    [(1000, 10, 100), (1001, 10, 101), (0, 10, 1), (30, Decimal("12.5"), 4), (5, 100, 5)],
)
def test_the_recall_petition_threshold(electorate: int, percent: Decimal, needed: int) -> None:
    assert recall_signatures_needed(electorate, percent) == needed


def test_it_refuses_a_recall_share_of_nothing() -> None:
    with pytest.raises(InvalidShareError):
        recall_signatures_needed(100, 0)
