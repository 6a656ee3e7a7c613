"""A waste-collection enterprise's month in figures, read from its plans, trip logs and books.

What counts as collected: a route whose crew logged the trip counts what they logged (the kg
weighed at each stop marked served, the litres the log says); a route not logged yet counts
what its plan expected (every point stop served, its expected kg, the route's litres). Each
day says which it is, so a reader can tell a measured month from a planned one.

Only each day's current plan counts (a plan replaced after a breakdown is history).

The days a point waited are the days between two services of it, counted for every service
in the month (the one before may be up to :data:`LOOKBACK_DAYS` earlier, in the month before).
A point served on the 3rd and the 7th waited 4 days for its second service.

The ration is the diesel received in the month (the books' account ``RECEIVED_DIESEL``); the
need is the litres that would have served every point on each planned day (the plans'
``litres_to_serve_all_ml``), summed over the month. Litres are kept in millilitres, as the
books keep them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q

from comuna.census.models import Council
from comuna.core.models import Commune
from comuna.enterprises.accounts import RECEIVED_DIESEL
from comuna.enterprises.models import Enterprise
from comuna.ledger.models import Account
from comuna.ledger.selectors import account_change
from comuna.waste.models import CollectionPoint, DayPlan, Stop, StopKind, StopWeighing
from comuna.waste.services.territory import waste_enterprises

LOOKBACK_DAYS = 62
# The bands of the days-waited histogram: (first day, last day or None for "and more").
WAIT_BANDS: tuple[tuple[int, int | None], ...] = (
    (1, 1),
    (2, 2),
    (3, 3),
    (4, 7),
    (8, 14),
    (15, None),
)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(start: dt.date) -> dt.date:
    following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def litres(ml: int) -> Decimal:
    """Millilitres as litres with one decimal (as a page or a letter writes them)."""
    return _one_decimal(Decimal(ml) / 1000)


def per_tonne(ml: int, kg: int) -> Decimal | None:
    """Litres per tonne collected, one decimal; ``None`` when nothing was collected."""
    return _one_decimal(Decimal(ml) / Decimal(kg)) if kg > 0 else None


@dataclass(frozen=True, slots=True)
class Service:
    """One point served on one day (or planned to be, when the route is not logged yet)."""

    date: dt.date
    point_id: int
    kg: int


@dataclass(frozen=True, slots=True)
class PlanActuals:
    """A plan's day as it went: every route logged or not, the litres (logged, else
    planned), and the point stops of logged routes the crews did not serve."""

    logged: bool = True
    litres_ml: int = 0
    missed: int = 0


@dataclass(frozen=True, slots=True)
class DayFigures:
    date: dt.date
    logged: bool  # every route of the day was logged by its crew
    kg: int
    litres_ml: int
    allowance_ml: int
    need_ml: int
    points_served: int
    points_left: int

    @property
    def litres(self) -> Decimal:
        return litres(self.litres_ml)

    @property
    def allowance_litres(self) -> Decimal:
        return litres(self.allowance_ml)

    @property
    def need_litres(self) -> Decimal:
        return litres(self.need_ml)


@dataclass(frozen=True, slots=True)
class CouncilFigures:
    code: str
    name: str
    points: int
    points_served: int
    services: int
    kg: int
    waits: tuple[int, ...]

    @property
    def mean_wait(self) -> Decimal | None:
        return _one_decimal(Decimal(sum(self.waits)) / len(self.waits)) if self.waits else None

    @property
    def max_wait(self) -> int | None:
        return max(self.waits) if self.waits else None


@dataclass(frozen=True, slots=True)
class WaitBand:
    label: str
    first: int
    last: int | None
    count: int


@dataclass(frozen=True)
class MonthReport:
    """The month of one enterprise (see the module docstring for what each figure means)."""

    enterprise: Enterprise
    start: dt.date
    end: dt.date
    days: list[DayFigures]
    councils: list[CouncilFigures]
    waits: list[int]
    points: int  # active points of the enterprise
    points_served: int  # distinct points served at least once in the month
    received_ml: int
    bands: list[WaitBand] = field(default_factory=list)

    @property
    def month(self) -> str:
        return self.start.strftime("%Y-%m")

    @property
    def kg(self) -> int:
        return sum(day.kg for day in self.days)

    @property
    def litres_ml(self) -> int:
        return sum(day.litres_ml for day in self.days)

    @property
    def allowance_ml(self) -> int:
        return sum(day.allowance_ml for day in self.days)

    @property
    def need_ml(self) -> int:
        return sum(day.need_ml for day in self.days)

    @property
    def gap_ml(self) -> int:
        """Litres missing to serve every point every planned day (negative: to spare)."""
        return self.need_ml - self.received_ml

    @property
    def services(self) -> int:
        return sum(day.points_served for day in self.days)

    @property
    def litres(self) -> Decimal:
        return litres(self.litres_ml)

    @property
    def received_litres(self) -> Decimal:
        return litres(self.received_ml)

    @property
    def need_litres(self) -> Decimal:
        return litres(self.need_ml)

    @property
    def gap_litres(self) -> Decimal:
        return litres(self.gap_ml)

    @property
    def points_left(self) -> int:
        """Point-days left unserved: each day's points left, added up."""
        return sum(day.points_left for day in self.days)

    @property
    def points_never_served(self) -> int:
        return max(self.points - self.points_served, 0)

    @property
    def litres_per_tonne(self) -> Decimal | None:
        return per_tonne(self.litres_ml, self.kg)

    @property
    def mean_wait(self) -> Decimal | None:
        return _one_decimal(Decimal(sum(self.waits)) / len(self.waits)) if self.waits else None

    @property
    def max_wait(self) -> int | None:
        return max(self.waits) if self.waits else None

    @property
    def logged_days(self) -> int:
        return sum(1 for day in self.days if day.logged)

    @property
    def is_empty(self) -> bool:
        return not self.days


def month_report_json(report: MonthReport) -> dict[str, Any]:
    """The month's figures as JSON for another program (litres and kg as numbers)."""
    return {
        "enterprise": report.enterprise.name,
        "month": report.month,
        "kg": report.kg,
        "litres": float(report.litres),
        "litres_per_tonne": (
            float(report.litres_per_tonne) if report.litres_per_tonne is not None else None
        ),
        "received_litres": float(report.received_litres),
        "need_litres": float(report.need_litres),
        "gap_litres": float(report.gap_litres),
        "points": report.points,
        "points_served": report.points_served,
        "points_never_served": report.points_never_served,
        "mean_wait_days": float(report.mean_wait) if report.mean_wait is not None else None,
        "max_wait_days": report.max_wait,
        "days": [
            {
                "date": day.date.isoformat(),
                "logged": day.logged,
                "kg": day.kg,
                "litres": float(litres(day.litres_ml)),
                "allowance_litres": float(litres(day.allowance_ml)),
                "litres_to_serve_all": float(litres(day.need_ml)),
                "points_served": day.points_served,
                "points_left": day.points_left,
            }
            for day in report.days
        ],
    }


def _plans(enterprise: Enterprise, start: dt.date, end: dt.date) -> list[DayPlan]:
    return list(
        DayPlan.objects.of(enterprise.commune_id)
        .filter(enterprise=enterprise, current=True, date__gte=start, date__lte=end)
        .order_by("date")
    )


def services_between(
    enterprise: Enterprise, start: dt.date, end: dt.date
) -> tuple[list[Service], dict[int, PlanActuals]]:
    """Every point service of the enterprise's current plans dated in [start, end] (logged
    figures where the route was logged), and each of those plans' actuals by its id."""
    stops = (
        Stop.objects.of(enterprise.commune_id)
        .filter(
            kind=StopKind.POINT,
            route__plan__enterprise=enterprise,
            route__plan__current=True,
            route__plan__date__gte=start,
            route__plan__date__lte=end,
        )
        .values_list("pk", "point_id", "expected_kg", "route__plan__date", "route__log__id")
    )
    weighed = {
        stop_id: (kg, served)
        for stop_id, kg, served in StopWeighing.objects.of(enterprise.commune_id)
        .filter(
            trip__route__plan__enterprise=enterprise,
            trip__route__plan__current=True,
            trip__route__plan__date__gte=start,
            trip__route__plan__date__lte=end,
        )
        .values_list("stop_id", "kg", "served")
    }
    services = []
    for stop_id, point_id, expected_kg, date, log_id in stops:
        if log_id is None:
            services.append(Service(date, point_id, expected_kg))
            continue
        kg, served = weighed.get(stop_id, (0, False))
        if served:
            services.append(Service(date, point_id, kg))
    return services, _plan_routes(enterprise, start, end)


def _plan_routes(enterprise: Enterprise, start: dt.date, end: dt.date) -> dict[int, PlanActuals]:
    out: dict[int, PlanActuals] = {}
    routes = (
        DayPlan.objects.of(enterprise.commune_id)
        .filter(enterprise=enterprise, current=True, date__gte=start, date__lte=end)
        .values_list("pk", "routes__pk", "routes__litres_ml", "routes__log__litres_ml")
    )
    for plan_id, route_id, planned_ml, logged_ml in routes:
        so_far = out.get(plan_id, PlanActuals())
        if route_id is None:  # a plan with no route: nothing to log
            out[plan_id] = replace(so_far, logged=False)
            continue
        out[plan_id] = replace(
            so_far,
            logged=so_far.logged and logged_ml is not None,
            litres_ml=so_far.litres_ml + (logged_ml if logged_ml is not None else planned_ml),
        )
    missed_stops = (
        Stop.objects.of(enterprise.commune_id)
        .filter(kind=StopKind.POINT, route__plan__in=list(out), route__log__isnull=False)
        .exclude(weighings__served=True)
        .values_list("route__plan_id", flat=True)
    )
    for plan_id in missed_stops:
        out[plan_id] = replace(out[plan_id], missed=out[plan_id].missed + 1)
    return out


def _waits(services: list[Service], start: dt.date) -> dict[int, list[int]]:
    """Per point, the days waited before each of its services in the month."""
    dates: dict[int, set[dt.date]] = defaultdict(set)
    for service in services:
        dates[service.point_id].add(service.date)
    waits: dict[int, list[int]] = {}
    for point_id, days in dates.items():
        ordered = sorted(days)
        waits[point_id] = [
            (later - earlier).days
            for earlier, later in zip(ordered, ordered[1:], strict=False)
            if later >= start
        ]
    return waits


def wait_bands(waits: list[int]) -> list[WaitBand]:
    bands = []
    for first, last in WAIT_BANDS:
        if last is None:
            label = f"{first}+"
        elif first == last:
            label = str(first)
        else:
            label = f"{first}–{last}"
        count = sum(1 for w in waits if w >= first and (last is None or w <= last))
        bands.append(WaitBand(label, first, last, count))
    return bands


def received_diesel_ml(commune: Commune, start: dt.date, end: dt.date) -> int:
    """The diesel the commune's books say was received in [start, end] (mL)."""
    account = Account.objects.of(commune).filter(code=RECEIVED_DIESEL).first()
    return account_change(account, start=start, end=end) if account is not None else 0


def month_report(enterprise: Enterprise, start: dt.date) -> MonthReport:
    """The month beginning ``start`` (any day of it will do) of ``enterprise``."""
    start = month_start(start)
    end = month_end(start)
    commune = enterprise.commune
    services, plan_routes = services_between(
        enterprise, start - dt.timedelta(days=LOOKBACK_DAYS), end
    )
    in_month = [s for s in services if s.date >= start]
    waits_by_point = _waits(services, start)

    by_day: dict[dt.date, list[Service]] = defaultdict(list)
    for service in in_month:
        by_day[service.date].append(service)
    days = []
    for plan in _plans(enterprise, start, end):
        served = by_day.get(plan.date, [])
        actual = plan_routes.get(plan.pk, PlanActuals(logged=False))
        days.append(
            DayFigures(
                date=plan.date,
                logged=actual.logged,
                kg=sum(s.kg for s in served),
                litres_ml=actual.litres_ml,
                allowance_ml=plan.allowance_ml,
                need_ml=plan.litres_to_serve_all_ml,
                points_served=len({s.point_id for s in served}),
                points_left=plan.points_left + actual.missed,
            )
        )

    points = list(
        CollectionPoint.objects.of(commune)
        .filter(Q(active=True) | Q(pk__in={s.point_id for s in in_month}), enterprise=enterprise)
        .values_list("pk", "council_id", "active")
    )
    council_of = {pk: council_id for pk, council_id, _active in points}
    councils = []
    for council in Council.objects.of(commune).filter(pk__in=set(council_of.values())):
        mine = {pk for pk, c in council_of.items() if c == council.pk}
        served = [s for s in in_month if s.point_id in mine]
        councils.append(
            CouncilFigures(
                code=council.code,
                name=council.name,
                points=sum(1 for pk, c, active in points if c == council.pk and active),
                points_served=len({s.point_id for s in served}),
                services=len(served),
                kg=sum(s.kg for s in served),
                waits=tuple(w for pk in mine for w in waits_by_point.get(pk, [])),
            )
        )
    councils.sort(key=lambda c: c.code)
    waits = [w for ws in waits_by_point.values() for w in ws]
    return MonthReport(
        enterprise=enterprise,
        start=start,
        end=end,
        days=days,
        councils=councils,
        waits=waits,
        points=sum(1 for _pk, _c, active in points if active),
        points_served=len({s.point_id for s in in_month}),
        received_ml=received_diesel_ml(commune, start, end),
        bands=wait_bands(waits),
    )


@dataclass(frozen=True, slots=True)
class PublicWaste:
    """What anyone may read of the commune's waste collection this month: counts, no name."""

    start: dt.date
    kg: int
    points_served: int
    litres_ml: int

    @property
    def litres_per_tonne(self) -> Decimal | None:
        return per_tonne(self.litres_ml, self.kg)


def public_waste_figures(commune: Commune, today: dt.date) -> PublicWaste | None:
    """The month so far, over every waste-collection enterprise of the commune; ``None`` when
    the commune collects no waste (the public page then says nothing of it)."""
    enterprises = waste_enterprises(commune)
    if not enterprises:
        return None
    start = month_start(today)
    kg = points = ml = 0
    for enterprise in enterprises:
        services, plan_routes = services_between(enterprise, start, today)
        kg += sum(s.kg for s in services)
        points += len({s.point_id for s in services})
        ml += sum(actual.litres_ml for actual in plan_routes.values())
    return PublicWaste(start=start, kg=kg, points_served=points, litres_ml=ml)
