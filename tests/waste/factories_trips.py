"""A day's plan made by hand for the trip tests: an enterprise, its sites, points, two trucks,
and a plan whose routes visit the points in order (no engine run)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from comuna.census.models import Council
from comuna.core.models import Commune
from comuna.enterprises.models import Enterprise, EnterpriseKind
from comuna.ledger import chart
from comuna.ledger.services.posting import transfer_post
from comuna.waste.models import (
    CollectionFees,
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


@dataclass
class Plan:
    enterprise: Enterprise
    plan: DayPlan
    routes: list[Route]
    points: list[CollectionPoint]

    def point_stops(self, route: Route) -> list[Stop]:
        return list(route.stops.filter(kind=StopKind.POINT).order_by("sequence"))


def enterprise_make(commune: Commune, name: str = "EPS Aseo Urbano") -> Enterprise:
    return Enterprise.objects.create(
        commune=commune,
        name=name,
        kind=EnterpriseKind.WASTE_COLLECTION,
        cash_account=chart.WASTE_CASH,
    )


def diesel_stock_put(commune: Commune, litres: int, day: dt.date) -> None:
    """Diesel received into the stock, as the enterprise records it."""
    transfer_post(
        commune=commune,
        debit=chart.STOCK_DIESEL,
        credit=chart.RECEIVED_DIESEL,
        amount=litres * 1000,
        unit="L",
        date=day,
        description="Gasoil recibido",
        author="test",
    )


def fees_set(enterprise: Enterprise, *, per_kg: int = 0, per_point: int = 0) -> CollectionFees:
    fees, _ = CollectionFees.objects.update_or_create(
        enterprise=enterprise,
        defaults={
            "commune": enterprise.commune,
            "cents_per_kg": per_kg,
            "cents_per_point": per_point,
        },
    )
    return fees


def plan_make(
    council: Council,
    *,
    day: dt.date | None = None,
    enterprise: Enterprise | None = None,
    points_per_route: int = 3,
    trucks: int = 2,
) -> Plan:
    commune = council.commune
    day = day or timezone.localdate() - dt.timedelta(days=1)
    enterprise = enterprise or enterprise_make(commune)
    depot, _ = Site.objects.get_or_create(
        enterprise=enterprise,
        name="Galpón",
        defaults={"kind": SiteKind.DEPOT, "latitude": 10.48, "longitude": -66.9},
    )
    landfill, _ = Site.objects.get_or_create(
        enterprise=enterprise,
        name="Relleno La Bonanza",
        defaults={"kind": SiteKind.LANDFILL, "latitude": 10.40, "longitude": -66.95},
    )
    plan = DayPlan.objects.create(
        enterprise=enterprise,
        date=day,
        allowance_ml=200_000,
        litres_ml=40_000,
        litres_to_serve_all_ml=60_000,
        required_shortfall_ml=0,
        prize=1000,
        kg=0,
        points_left=0,
    )
    routes: list[Route] = []
    points: list[CollectionPoint] = []
    for t in range(trucks):
        vehicle, _ = Vehicle.objects.get_or_create(
            enterprise=enterprise,
            plate=f"A{t}B{t}C{t}",
            defaults={
                "name": f"Camión {t + 1}",
                "capacity_kg": 8000,
                "litres_per_100km_centi": 3150,
            },
        )
        route = Route.objects.create(
            plan=plan, vehicle=vehicle, kg=0, metres=30_000, litres_ml=20_000, trips=1
        )
        sequence = 0
        Stop.objects.create(route=route, sequence=sequence, kind=StopKind.DEPOT, site=depot)
        kg = 0
        for p in range(points_per_route):
            n = len(points) + 1
            point, _ = CollectionPoint.objects.get_or_create(
                enterprise=enterprise,
                code=f"P{n:03d}",
                defaults={
                    "name": f"Esquina {n}",
                    "council": council,
                    "kind": PointKind.CONTAINER,
                    "latitude": 10.47 + 0.002 * n,
                    "longitude": -66.91 + 0.003 * p,
                    "fill_kg_per_day": 100,
                    "last_served": day - dt.timedelta(days=4),
                },
            )
            points.append(point)
            sequence += 1
            Stop.objects.create(
                route=route, sequence=sequence, kind=StopKind.POINT, point=point, expected_kg=400
            )
            kg += 400
        sequence += 1
        Stop.objects.create(route=route, sequence=sequence, kind=StopKind.UNLOAD, site=landfill)
        sequence += 1
        Stop.objects.create(route=route, sequence=sequence, kind=StopKind.DEPOT, site=depot)
        route.kg = kg
        route.save(update_fields=["kg"])
        routes.append(route)
    plan.kg = sum(r.kg for r in routes)
    plan.save(update_fields=["kg"])
    return Plan(enterprise=enterprise, plan=plan, routes=routes, points=points)
