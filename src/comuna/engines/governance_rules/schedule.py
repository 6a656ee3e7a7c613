"""The parliament's calendar: one session a month on a fixed weekday ("the first Saturday").

The weekday and the week of the month are the statute's; weekdays are numbered as Python's
``date.weekday()`` does (Monday 0 … Saturday 5, Sunday 6).
"""

from __future__ import annotations

import datetime as dt

from comuna.engines.governance_rules.errors import GovernanceRuleError

SATURDAY = 5


class InvalidScheduleError(GovernanceRuleError):
    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(f"Invalid meeting schedule: {problem}.")


def _check(weekday: int, week: int) -> None:
    if isinstance(weekday, bool) or weekday not in range(7):
        raise InvalidScheduleError(f"the weekday must be 0 (Monday) to 6 (Sunday), not {weekday!r}")
    if isinstance(week, bool) or week not in range(1, 5):
        raise InvalidScheduleError(f"the week of the month must be 1 to 4, not {week!r}")


def monthly_day(year: int, month: int, *, weekday: int = SATURDAY, week: int = 1) -> dt.date:
    """The ``week``-th ``weekday`` of the month: by default its first Saturday.

    Weeks 1 to 4 always exist (every month has at least 28 days)."""
    _check(weekday, week)
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (week - 1))


def monthly_days(
    start: dt.date, months: int = 12, *, weekday: int = SATURDAY, week: int = 1
) -> list[dt.date]:
    """The meeting days of ``months`` consecutive months beginning with ``start``'s month,
    leaving out any before ``start`` (so "the next twelve months" never schedules the past)."""
    if isinstance(months, bool) or not isinstance(months, int) or not 0 <= months <= 120:
        raise InvalidScheduleError(f"the number of months must be 0 to 120, not {months!r}")
    days = []
    year, month = start.year, start.month
    for _ in range(months):
        day = monthly_day(year, month, weekday=weekday, week=week)
        if day >= start:
            days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def year_days(year: int, *, weekday: int = SATURDAY, week: int = 1) -> list[dt.date]:
    """The twelve meeting days of ``year``."""
    return monthly_days(dt.date(year, 1, 1), 12, weekday=weekday, week=week)
