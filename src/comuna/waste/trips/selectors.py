"""Plan against actual: kg, km and litres the plans expected against what the crews logged,
per route, per day and for a month (aggregates only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from comuna.core.models import Commune
from comuna.waste.models import Route, StopWeighing


@dataclass
class Figures:
    """Planned and logged figures (kg; metres; mL) of one route, one day or one month."""

    planned_kg: int = 0
    planned_metres: int = 0
    planned_litres_ml: int = 0
    logged_kg: int = 0
    logged_metres: int = 0
    logged_litres_ml: int = 0
    routes: int = 0
    logged: int = 0

    def add(self, other: Figures) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class RouteRow:
    route: Route
    figures: Figures


@dataclass
class DayRow:
    date: dt.date
    figures: Figures = field(default_factory=Figures)
    routes: list[RouteRow] = field(default_factory=list)


@dataclass
class Month:
    start: dt.date
    days: list[DayRow]
    total: Figures


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(start: dt.date) -> dt.date:
    return (start + dt.timedelta(days=32)).replace(day=1)


def plan_against_actual(commune: Commune, start: dt.date) -> Month:
    """Every day of the month starting ``start`` that has a current plan or a logged route."""
    end = next_month(start)
    routes = list(
        Route.objects.of(commune)
        .filter(plan__date__gte=start, plan__date__lt=end)
        .filter(Q(plan__current=True) | Q(log__isnull=False))
        .select_related("plan", "vehicle", "log")
        .order_by("plan__date", "vehicle__plate")
    )
    kg_by_route = dict(
        StopWeighing.objects.of(commune)
        .filter(trip__route__in=routes, served=True)
        .values_list("trip__route_id")
        .annotate(kg=Sum("kg"))
        .values_list("trip__route_id", "kg")
    )
    days: dict[dt.date, DayRow] = {}
    total = Figures()
    for route in routes:
        log = getattr(route, "log", None)
        figures = Figures(
            planned_kg=route.kg,
            planned_metres=route.metres,
            planned_litres_ml=route.litres_ml,
            routes=1,
        )
        if log is not None:
            figures.logged = 1
            figures.logged_kg = int(kg_by_route.get(route.pk, 0) or 0)
            figures.logged_metres = log.metres
            figures.logged_litres_ml = log.litres_ml
        day = days.setdefault(route.plan.date, DayRow(date=route.plan.date))
        day.routes.append(RouteRow(route=route, figures=figures))
        day.figures.add(figures)
        total.add(figures)
    return Month(start=start, days=list(days.values()), total=total)
