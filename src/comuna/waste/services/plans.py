"""The day's plan: the engine's problem built from the data, solved by
``comuna.engines.routing.plan_day`` and stored (DayPlan, Route, Stop) in one transaction,
superseding the day's current plan. A breakdown mid-route re-plans the rest of the day.

A point's prize grows with the waste waiting there (its fill per day × the days since it was
last served, by a trip or a current plan) and with its kind's weight. The solve runs outside
the transaction (it takes seconds); only the storing holds the database's write lock.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal
from comuna.engines import routing
from comuna.engines.streets import Coordinate
from comuna.enterprises.models import Enterprise
from comuna.users.models import User
from comuna.waste.models import (
    CollectionPoint,
    DayPlan,
    PointKind,
    Route,
    Site,
    SiteKind,
    Stop,
    StopKind,
    Vehicle,
)
from comuna.waste.services.distances import distance_matrix
from comuna.waste.services.ration import day_allowance
from comuna.waste.services.territory import breakdown_record, vehicles_available

# What a kind weighs against a street container: a clinic's waste is the most urgent.
KIND_WEIGHT: dict[str, float] = {
    PointKind.CONTAINER: 1.0,
    PointKind.MARKET: 2.0,
    PointKind.SCHOOL: 3.0,
    PointKind.CLINIC: 4.0,
    PointKind.OTHER: 1.0,
}
SHIFT_START = dt.time(6, 0)
# Days a point never served is taken to have waited, and the most days counted.
DAYS_UNKNOWN = 3
DAYS_AT_MOST = 14
TIME_LIMIT_S = 30.0


@dataclass
class _Day:
    """The day's problem and how its keys map back to rows."""

    problem: routing.Problem
    depot: Site
    sites: dict[str, Site]
    points: dict[str, CollectionPoint]
    vehicles: dict[str, Vehicle]
    index: dict[str, int] = field(default_factory=dict)


def _seconds(t: dt.time | None, default: int) -> int:
    if t is None:
        return default
    start = SHIFT_START.hour * 3600 + SHIFT_START.minute * 60
    return max(0, t.hour * 3600 + t.minute * 60 - start)


def last_served(enterprise: Enterprise, before: dt.date) -> dict[int, dt.date]:
    """When each point was last served before ``before``: by a current plan, or as recorded."""
    served: dict[int, dt.date] = {
        pk: day
        for pk, day in CollectionPoint.objects.of(enterprise.commune_id)
        .filter(enterprise=enterprise, last_served__isnull=False, last_served__lt=before)
        .values_list("pk", "last_served")
        if day is not None
    }
    planned = (
        Stop.objects.of(enterprise.commune_id)
        .filter(
            kind=StopKind.POINT,
            route__plan__enterprise=enterprise,
            route__plan__current=True,
            route__plan__date__lt=before,
        )
        .values("point_id")
        .annotate(last=Max("route__plan__date"))
    )
    for row in planned:
        pk, day = row["point_id"], row["last"]
        if served.get(pk) is None or served[pk] < day:
            served[pk] = day
    return served


def waste_waiting_kg(point: CollectionPoint, on: dt.date, last: dt.date | None) -> int:
    days = (on - last).days if last is not None else DAYS_UNKNOWN
    return point.fill_kg_per_day * min(DAYS_AT_MOST, max(1, days))


def _day_build(
    enterprise: Enterprise,
    on: dt.date,
    *,
    vehicles: Sequence[Vehicle],
    allowance_ml: int,
    served_already: frozenset[int] = frozenset(),
) -> _Day:
    sites = list(Site.objects.of(enterprise.commune_id).filter(enterprise=enterprise))
    depot = next((s for s in sites if s.kind == SiteKind.DEPOT), None)
    if depot is None:
        raise Refusal(_("The enterprise has no depot: add one among its sites."), code="no_depot")
    unloading = [s for s in sites if s.kind != SiteKind.DEPOT]
    if not unloading:
        raise Refusal(
            _("The enterprise has no landfill or recycling yard to unload at."), code="no_site"
        )
    if not vehicles:
        raise Refusal(_("No vehicle is available on %(date)s.") % {"date": on}, code="no_vehicle")
    points = list(
        CollectionPoint.objects.of(enterprise.commune_id)
        .filter(enterprise=enterprise, active=True)
        .exclude(pk__in=served_already)
        .order_by("code")
    )
    if not points:
        raise Refusal(_("There are no collection points to plan."), code="no_points")
    served = last_served(enterprise, on)
    biggest = max(v.capacity_kg for v in vehicles)
    site_keys = {f"S{s.pk}": s for s in unloading}
    point_keys = {f"P{p.pk}": p for p in points}
    vehicle_keys = {f"V{v.pk}": v for v in vehicles}
    coords = [Coordinate(s.latitude, s.longitude) for s in [depot, *unloading]]
    coords += [Coordinate(p.latitude, p.longitude) for p in points]
    names = [s.name for s in [depot, *unloading]] + [p.code for p in points]
    matrix = distance_matrix(enterprise, coords, names)
    problem = routing.Problem(
        depot_key="D",
        sites=tuple(
            routing.Site(key, opens_s=_seconds(s.opens, 0), closes_s=_seconds(s.closes, 86400))
            for key, s in site_keys.items()
        ),
        points=tuple(
            routing.Point(
                key,
                waste_kg=min(biggest, waste_waiting_kg(p, on, served.get(p.pk))),
                weight=KIND_WEIGHT.get(p.kind, 1.0),
                required=p.required,
            )
            for key, p in point_keys.items()
        ),
        vehicles=tuple(
            routing.Vehicle(key, capacity_kg=v.capacity_kg, litres_per_100km=v.litres_per_100km)
            for key, v in vehicle_keys.items()
        ),
        distances_m=matrix,
        allowance_litres=allowance_ml / 1000,
    )
    index = {"D": 0, **{k: i for i, k in enumerate([*site_keys, *point_keys], start=1)}}
    return _Day(problem, depot, site_keys, point_keys, vehicle_keys, index)


def _solve(day: _Day, seed: int, time_limit_s: float) -> routing.Plan:
    try:
        return routing.plan_day(day.problem, seed=seed, time_limit_s=time_limit_s)
    except routing.RoutingError as error:
        raise Refusal(
            _("The plan cannot be made from these data: %(reason)s") % {"reason": error},
            code="routing",
        ) from None


def _past_check(on: dt.date, today: dt.date | None) -> None:
    if on < (today or timezone.localdate()):
        raise Refusal(_("A day that has passed cannot be planned."), field="date", code="past")


def _code(day: _Day, key: str) -> str:
    point = day.points.get(key)
    return point.code if point is not None else key


def _result(day: _Day, plan: routing.Plan) -> dict[str, Any]:
    """The engine's JSON with point codes and plates in place of its keys."""
    data = plan.as_dict()
    data["points_served"] = [_code(day, k) for k in plan.points_served]
    data["points_left"] = [_code(day, k) for k in plan.points_left]
    for route in data["routes"]:
        route["vehicle"] = day.vehicles[route["vehicle"]].plate
        for stop in route["stops"]:
            site = day.sites.get(stop["key"])
            stop["key"] = site.name if site is not None else _code(day, stop["key"])
            if stop["kind"] == "depot":
                stop["key"] = day.depot.name
    return data


@dataclass(frozen=True)
class _Kept:
    """The part of a broken-down truck's route that was driven before it stopped."""

    vehicle: Vehicle
    stops: list[Stop]
    metres: int
    litres_ml: int
    kg: int


def _store(
    *,
    enterprise: Enterprise,
    on: dt.date,
    day: _Day,
    plan: routing.Plan,
    allowance_ml: int,
    seed: int,
    by: User | None,
    replaces: DayPlan | None,
    kept: _Kept | None = None,
) -> DayPlan:
    with transaction.atomic():
        current = (
            DayPlan.objects.of(enterprise.commune_id)
            .select_for_update()
            .filter(enterprise=enterprise, date=on, current=True)
            .first()
        )
        if replaces is not None and (current is None or current.pk != replaces.pk):
            raise Refusal(_("The plan changed meanwhile; open the day's plan again."), code="stale")
        if current is not None:
            current.current = False
            current.save(update_fields=["current"])
        kept_ml = kept.litres_ml if kept else 0
        litres_ml = min(allowance_ml, math.floor(plan.litres * 1000) + kept_ml)
        result = _result(day, plan)
        if kept is not None:
            result["kept"] = {
                "vehicle": kept.vehicle.plate,
                "stops": [s.point.code for s in kept.stops if s.point is not None],
                "litres": kept_ml / 1000,
                "kg": kept.kg,
            }
        try:
            new = DayPlan.objects.create(
                enterprise=enterprise,
                date=on,
                seed=seed,
                current=True,
                replaces=current,
                allowance_ml=allowance_ml,
                litres_ml=litres_ml,
                litres_to_serve_all_ml=math.ceil(plan.litres_to_serve_all * 1000) + kept_ml,
                required_shortfall_ml=math.ceil(plan.required_shortfall_litres * 1000),
                prize=plan.prize,
                kg=plan.kg + (kept.kg if kept else 0),
                points_left=len(plan.points_left),
                result=result,
                created_by=by,
            )
        except IntegrityError:
            raise Refusal(
                _("Someone else made this day's plan at the same moment."), code="stale"
            ) from None
        if kept is not None:
            route = Route.objects.create(
                plan=new,
                vehicle=kept.vehicle,
                kg=kept.kg,
                metres=kept.metres,
                litres_ml=kept.litres_ml,
                trips=1,
            )
            Stop.objects.bulk_create(
                Stop(
                    route=route,
                    sequence=i,
                    kind=s.kind,
                    point=s.point,
                    site=s.site,
                    expected_kg=s.expected_kg,
                    arrive_s=s.arrive_s,
                )
                for i, s in enumerate(kept.stops)
            )
        for engine_route in plan.routes:
            if not any(s.kind == "point" for s in engine_route.stops):
                continue
            route = Route.objects.create(
                plan=new,
                vehicle=day.vehicles[engine_route.vehicle],
                kg=engine_route.kg,
                metres=round(engine_route.km * 1000),
                litres_ml=math.floor(engine_route.litres * 1000),
                trips=engine_route.trips,
            )
            Stop.objects.bulk_create(
                Stop(
                    route=route,
                    sequence=i,
                    kind=s.kind,
                    point=day.points.get(s.key),
                    site=day.depot if s.kind == "depot" else day.sites.get(s.key),
                    expected_kg=max(0, s.kg),
                    arrive_s=max(0, s.arrive_s),
                )
                for i, s in enumerate(engine_route.stops)
            )
    return new


def day_plan_make(
    *,
    enterprise: Enterprise,
    date: dt.date,
    by: User | None,
    seed: int = 1,
    today: dt.date | None = None,
    time_limit_s: float = TIME_LIMIT_S,
    allowance_ml: int | None = None,
) -> DayPlan:
    """Plan ``date`` for the enterprise's available trucks within the day's allowance.

    Supersedes the day's current plan. Refused: a day that has passed (before ``today``), no
    depot or unloading site, no vehicle available, no collection point, a place off the
    street network. ``allowance_ml`` replaces the day's allowance from the books: for the
    demo, which plans a month at once before its trips are logged.
    """
    _past_check(date, today)
    if allowance_ml is None:
        allowance_ml = day_allowance(enterprise, date).allowance_ml
    day = _day_build(
        enterprise,
        date,
        vehicles=list(vehicles_available(enterprise, date)),
        allowance_ml=allowance_ml,
    )
    plan = _solve(day, seed, time_limit_s)
    current = day_plan_current(enterprise, date)
    return _store(
        enterprise=enterprise,
        on=date,
        day=day,
        plan=plan,
        allowance_ml=allowance_ml,
        seed=seed,
        by=by,
        replaces=current,
    )


def day_plan_current(enterprise: Enterprise, date: dt.date) -> DayPlan | None:
    return (
        DayPlan.objects.of(enterprise.commune_id)
        .filter(enterprise=enterprise, date=date, current=True)
        .first()
    )


def _kept_part(day: _Day, route: Route, after_stop: int) -> _Kept:
    """The broken truck's stops up to ``after_stop``, then straight back to the depot."""
    stops = list(route.stops.select_related("point", "site").order_by("sequence"))
    done = [s for s in stops if s.sequence <= after_stop]
    if not done or after_stop >= stops[-1].sequence:
        raise Refusal(
            _("Choose a stop of the route before its end."), field="after_stop", code="stop"
        )

    def place(stop: Stop) -> int:
        if stop.point is not None:
            key = f"P{stop.point.pk}"
        elif stop.site is not None and stop.site.kind != SiteKind.DEPOT:
            key = f"S{stop.site.pk}"
        else:
            key = "D"
        return day.index.get(key, 0)

    matrix = day.problem.distances_m
    legs = [place(s) for s in done] + [0]
    metres = sum(int(matrix[a][b]) for a, b in zip(legs, legs[1:], strict=False))
    vehicle = route.vehicle
    litres_ml = math.ceil(metres / 100_000 * vehicle.litres_per_100km * 1000)
    depot = Stop(kind=StopKind.DEPOT, site=day.depot, expected_kg=0, arrive_s=0)
    kg = sum(s.expected_kg for s in done if s.kind == StopKind.POINT)
    return _Kept(vehicle, [*done, depot], metres, litres_ml, kg)


def day_plan_replan_after_breakdown(
    *,
    plan: DayPlan,
    vehicle: Vehicle,
    after_stop: int,
    by: User | None,
    seed: int | None = None,
    today: dt.date | None = None,
    time_limit_s: float = TIME_LIMIT_S,
) -> DayPlan:
    """``vehicle`` broke down after stop number ``after_stop`` of its route: its stops up to
    there are kept (served), the truck is recorded as broken down from the plan's day, and the
    rest of the day is planned for the other trucks with the diesel still allowed.
    """
    if not plan.current:
        raise Refusal(_("Only the day's current plan can be re-planned."), code="stale")
    _past_check(plan.date, today)
    route = plan.routes.filter(vehicle=vehicle).select_related("vehicle").first()
    if route is None:
        raise Refusal(_("That vehicle has no route in this plan."), field="vehicle")
    enterprise = plan.enterprise
    others = [v for v in vehicles_available(enterprise, plan.date) if v.pk != vehicle.pk]
    if not others:
        raise Refusal(_("No other vehicle is available to take over the route."), code="no_vehicle")
    served = frozenset(
        route.stops.filter(kind=StopKind.POINT, sequence__lte=after_stop).values_list(
            "point_id", flat=True
        )
    )
    full = _day_build(
        enterprise, plan.date, vehicles=[vehicle, *others], allowance_ml=plan.allowance_ml
    )
    kept = _kept_part(full, route, after_stop)
    left_ml = max(0, plan.allowance_ml - kept.litres_ml)
    day = _day_build(
        enterprise, plan.date, vehicles=others, allowance_ml=left_ml, served_already=served
    )
    new_plan = _solve(day, plan.seed if seed is None else seed, time_limit_s)
    with transaction.atomic():
        if not vehicle.breakdowns.filter(start__lte=plan.date, end__isnull=True).exists():
            breakdown_record(vehicle=vehicle, start=plan.date, note=_("Broke down mid-route."))
        return _store(
            enterprise=enterprise,
            on=plan.date,
            day=day,
            plan=new_plan,
            allowance_ml=plan.allowance_ml,
            seed=plan.seed if seed is None else seed,
            by=by,
            replaces=plan,
            kept=kept,
        )


def plan_json(plan: DayPlan) -> dict[str, Any]:
    """What ``comuna waste plan --json`` and the API print for a stored plan."""
    routes: list[dict[str, Any]] = []
    for route in plan.routes.select_related("vehicle").prefetch_related("stops__point"):
        routes.append(
            {
                "vehicle": route.vehicle.plate,
                "stops": [s.point.code for s in route.stops.all() if s.point is not None],
                "kg": route.kg,
                "km": round(route.metres / 1000, 3),
                "litres": route.litres_ml / 1000,
                "trips": route.trips,
            }
        )
    result = plan.result or {}
    served: list[str] = [code for r in routes for code in r["stops"]]
    return {
        "date": plan.date.isoformat(),
        "enterprise": plan.enterprise.name,
        "seed": plan.seed,
        "allowance_litres": plan.allowance_ml / 1000,
        "litres": plan.litres_ml / 1000,
        "prize": plan.prize,
        "kg": plan.kg,
        "points_served": served,
        "points_left": list(result.get("points_left", [])),
        "litres_to_serve_all": plan.litres_to_serve_all_ml / 1000,
        "required_shortfall_litres": plan.required_shortfall_ml / 1000,
        "replaces": plan.replaces_id,
        "routes": routes,
    }
