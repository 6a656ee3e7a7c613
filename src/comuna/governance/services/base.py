"""What every change to self-government shares: its refusal, today's date, the check of a
typed text."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from comuna.core.refusals import Refusal


def _today() -> dt.date:
    return timezone.localdate()


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _check_text(value: str, field: str, message: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise Refusal(message, field=field)
    return text
