"""Reads of the calendar and the gatherings."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum

from comuna.core.models import Commune
from comuna.gatherings.declaration import Adopted, Change, adopted_text
from comuna.gatherings.models import (
    Action,
    ActionOrganisation,
    Amendment,
    Gathering,
    Participation,
)


def actions_between(first: dt.date, last: dt.date) -> QuerySet[Action]:
    """The actions that take place, at least one day, between ``first`` and ``last``."""
    return (
        Action.objects.filter(starts_on__lte=last, ends_on__gte=first)
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "taking_part",
                queryset=ActionOrganisation.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            )
        )
        .order_by("starts_on", "title", "pk")
    )


@dataclass
class Day:
    date: dt.date
    in_month: bool
    actions: list[Action] = field(default_factory=list)


def month_grid(year: int, month: int, actions: list[Action]) -> list[list[Day]]:
    """The weeks of the month (Monday first), each day with the actions on it."""
    weeks: list[list[Day]] = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                Day(
                    date=day,
                    in_month=day.month == month,
                    actions=[a for a in actions if a.starts_on <= day <= a.ends_on],
                )
                for day in week
            ]
        )
    return weeks


@dataclass(frozen=True)
class CommuneReport:
    commune: Commune
    people: int
    hours: Decimal
    note: str


def participation_by_commune(action: Action) -> list[CommuneReport]:
    """Each commune's report in ``action``, the most people first. The reports of every
    commune are read: an action's page is the federation's (public) view of them."""
    rows = (
        Participation.objects.all_communes()
        .filter(action=action)
        .select_related("commune")
        .order_by("-people", "commune__name")
    )
    return [CommuneReport(p.commune, p.people, p.hours, p.note) for p in rows]


@dataclass(frozen=True)
class Totals:
    communes: int
    people: int
    hours: Decimal


def participation_totals(action: Action) -> Totals:
    found = (
        Participation.objects.all_communes()
        .filter(action=action)
        .aggregate(communes=Count("pk"), people=Sum("people"), hours=Sum("hours"))
    )
    return Totals(
        communes=found["communes"] or 0,
        people=found["people"] or 0,
        hours=found["hours"] or Decimal(0),
    )


def declaration_adopted(gathering: Gathering) -> list[Adopted]:
    """The draft with the carried amendments applied (what the final vote adopts)."""
    draft = list(gathering.paragraphs.order_by("number").values_list("number", "text"))
    carried = [
        Change(order=a.number, paragraph=a.paragraph.number, kind=a.kind, text=a.text)
        for a in gathering.amendments.filter(status=Amendment.Status.CARRIED).select_related(
            "paragraph"
        )
    ]
    return adopted_text(draft, carried)


def gatherings_adopted() -> QuerySet[Gathering]:
    return Gathering.objects.filter(status=Gathering.Status.ADOPTED).select_related("unit")
