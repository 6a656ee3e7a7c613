"""The diesel ration: what is left in the stock, and the day's allowance under the enterprise's
policy (by default, what is left divided by the collection days left in the month)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from comuna.enterprises.models import Enterprise
from comuna.enterprises.selectors import diesel_left_ml
from comuna.waste.models import CollectionSettings, RationPolicy
from comuna.waste.services.territory import collection_settings_of


def collection_days_left(settings: CollectionSettings, on: dt.date) -> int:
    """Collection days from ``on`` to the month's end, ``on`` included (at least 1)."""
    last = calendar.monthrange(on.year, on.month)[1]
    days = settings.weekday_set
    count = sum(
        1 for d in range(on.day, last + 1) if dt.date(on.year, on.month, d).weekday() in days
    )
    return max(1, count)


def collection_days_of_month(settings: CollectionSettings, month: dt.date) -> list[dt.date]:
    last = calendar.monthrange(month.year, month.month)[1]
    days = settings.weekday_set
    return [
        dt.date(month.year, month.month, d)
        for d in range(1, last + 1)
        if dt.date(month.year, month.month, d).weekday() in days
    ]


@dataclass(frozen=True)
class Allowance:
    """The day's allowance and how it was reached."""

    on: dt.date
    left_ml: int
    days_left: int
    policy: str
    allowance_ml: int

    @property
    def litres(self) -> float:
        return self.allowance_ml / 1000

    @property
    def left_litres(self) -> float:
        return self.left_ml / 1000


def day_allowance(enterprise: Enterprise, on: dt.date) -> Allowance:
    """The diesel the day's routes may burn, never more than what is left in the stock."""
    settings = collection_settings_of(enterprise)
    left = diesel_left_ml(enterprise, on=on)
    days = collection_days_left(settings, on)
    if settings.policy == RationPolicy.FIXED:
        allowance = min(left, settings.fixed_ml)
    elif settings.policy == RationPolicy.SHARE:
        allowance = left * settings.share_percent // 100
    else:
        allowance = left // days
    return Allowance(on, left, days, settings.policy, max(0, allowance))
