"""Reads of waste collection that are more than one query: an enterprise's overview, the
territory's map and a plan's routes, ready for the pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from comuna.engines.streets import Bounds, Coordinate, project
from comuna.enterprises.models import Enterprise
from comuna.waste.models import (
    CollectionPoint,
    DayPlan,
    Route,
    Site,
    SiteKind,
    Vehicle,
    VehicleBreakdown,
)
from comuna.waste.services.distances import network_of
from comuna.waste.services.ration import Allowance, day_allowance
from comuna.waste.services.territory import collection_settings_of, vehicles_available

# The colours of routes on a map, one per truck (the chart palette of comuna.css).
MAX_STREETS = 1500
ROUTE_COLOURS = ("#1b6e4a", "#b34700", "#2a4d9b", "#8a1c7c", "#6b6b00")


@dataclass(frozen=True)
class Overview:
    enterprise: Enterprise
    vehicles: list[tuple[Vehicle, bool]]  # each truck, and whether it is available today
    sites: list[Site]
    points: int
    required: int
    allowance: Allowance
    settings: Any
    today_plan: DayPlan | None
    plans: list[DayPlan]


def overview(enterprise: Enterprise, today: dt.date) -> Overview:
    available = set(vehicles_available(enterprise, today).values_list("pk", flat=True))
    vehicles = list(Vehicle.objects.of(enterprise.commune_id).filter(enterprise=enterprise))
    counts = (
        CollectionPoint.objects.of(enterprise.commune_id)
        .filter(enterprise=enterprise, active=True)
        .aggregate(n=Count("pk"), required=Count("pk", filter=Q(required=True)))
    )
    plans = list(
        DayPlan.objects.of(enterprise.commune_id)
        .filter(enterprise=enterprise, current=True)
        .order_by("-date")[:10]
    )
    return Overview(
        enterprise=enterprise,
        vehicles=[(v, v.pk in available) for v in vehicles],
        sites=list(Site.objects.of(enterprise.commune_id).filter(enterprise=enterprise)),
        points=counts["n"],
        required=counts["required"],
        allowance=day_allowance(enterprise, today),
        settings=collection_settings_of(enterprise),
        today_plan=next((p for p in plans if p.date == today), None),
        plans=plans,
    )


def breakdowns_of(vehicle: Vehicle) -> QuerySet[VehicleBreakdown]:
    return VehicleBreakdown.objects.of(vehicle.commune_id).filter(vehicle=vehicle)


@dataclass(frozen=True)
class MapPicture:
    """An SVG map, already in drawing units."""

    width: int
    height: int
    streets: list[tuple[tuple[float, float], tuple[float, float]]]
    sites: list[tuple[float, float, str]]
    points: list[tuple[float, float, str, bool]]  # x, y, code, required
    routes: list[tuple[str, str]]  # SVG polyline points, colour


def _picture(
    enterprise: Enterprise,
    places: list[Coordinate],
    width: int,
    height: int,
) -> tuple[Bounds, list[tuple[tuple[float, float], tuple[float, float]]]]:
    box = Bounds.around(places).expanded(80) if places else Bounds(0, 0, 0, 0)
    network = network_of(enterprise)
    streets: list[tuple[tuple[float, float], tuple[float, float]]] = []
    if network is not None and places:
        # Light enough for a phone: coarser streets until at most MAX_STREETS segments.
        simplify = 20.0
        segments = network.edges_within(box, simplify_m=simplify)
        while len(segments) > MAX_STREETS:
            simplify *= 1.5
            segments = network.edges_within(box, simplify_m=simplify)
        flat = [c for segment in segments for c in segment]
        xy = project(flat, width, height, 6, bounds=box)
        streets = [(xy[k], xy[k + 1]) for k in range(0, len(xy), 2)]
    return box, streets


def territory_map(
    enterprise: Enterprise, *, plan: DayPlan | None = None, width: int = 600, height: int = 600
) -> MapPicture:
    """The streets, the sites and the points; with a plan, its routes (stop to stop)."""
    sites = list(Site.objects.of(enterprise.commune_id).filter(enterprise=enterprise))
    points = list(
        CollectionPoint.objects.of(enterprise.commune_id).filter(enterprise=enterprise, active=True)
    )
    coords = [Coordinate(s.latitude, s.longitude) for s in sites]
    coords += [Coordinate(p.latitude, p.longitude) for p in points]
    box, streets = _picture(enterprise, coords, width, height)
    if not coords:
        return MapPicture(width, height, [], [], [], [])
    xy = project(coords, width, height, 6, bounds=box)
    routes: list[tuple[str, str]] = []
    if plan is not None:
        for k, route in enumerate(routes_of(plan)):
            line = [
                Coordinate(s.point.latitude, s.point.longitude)
                if s.point is not None
                else Coordinate(s.site.latitude, s.site.longitude)  # type: ignore[union-attr]
                for s in route.stops.all()
            ]
            drawn = project(line, width, height, 6, bounds=box)
            routes.append(
                (
                    " ".join(f"{x:.1f},{y:.1f}" for x, y in drawn),
                    ROUTE_COLOURS[k % len(ROUTE_COLOURS)],
                )
            )
    n = len(sites)
    return MapPicture(
        width,
        height,
        streets,
        [(x, y, s.name) for (x, y), s in zip(xy[:n], sites, strict=True)],
        [(x, y, p.code, p.required) for (x, y), p in zip(xy[n:], points, strict=True)],
        routes,
    )


def routes_of(plan: DayPlan) -> QuerySet[Route]:
    return (
        plan.routes.select_related("vehicle")
        .prefetch_related("stops__point", "stops__site")
        .order_by("vehicle__plate")
    )


def depot_of(enterprise: Enterprise) -> Site | None:
    return (
        Site.objects.of(enterprise.commune_id)
        .filter(enterprise=enterprise, kind=SiteKind.DEPOT)
        .first()
    )
