"""Waste-collection records made directly, for the month's report tests: enterprises, points,
plans, routes, stops and trip logs, with the figures each test states."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from comuna.census.models import Council
from comuna.core.models import Commune
from comuna.enterprises.accounts import RECEIVED_DIESEL, STOCK_DIESEL, WASTE_CASH
from comuna.enterprises.models import Enterprise, EnterpriseKind
from comuna.ledger.services import transfer_post
from comuna.waste.models import (
    CollectionPoint,
    DayPlan,
    PointKind,
    Route,
    Stop,
    StopKind,
    StopWeighing,
    TripLog,
    Vehicle,
)


def make_enterprise(commune: Commune, name: str = "EPS Recolección El Panal") -> Enterprise:
    return Enterprise.objects.create(
        commune=commune, name=name, kind=EnterpriseKind.WASTE_COLLECTION, cash_account=WASTE_CASH
    )


def make_point(
    enterprise: Enterprise, council: Council, code: str, *, active: bool = True
) -> CollectionPoint:
    return CollectionPoint.objects.create(
        enterprise=enterprise,
        code=code,
        name=f"Contenedor {code}",
        council=council,
        kind=PointKind.CONTAINER,
        latitude=10.5,
        longitude=-66.9,
        fill_kg_per_day=50,
        active=active,
    )


def make_vehicle(enterprise: Enterprise, plate: str = "A12BC3D") -> Vehicle:
    return Vehicle.objects.create(
        enterprise=enterprise, plate=plate, capacity_kg=5000, litres_per_100km_centi=3500
    )


def make_plan(
    enterprise: Enterprise,
    date: dt.date,
    *,
    allowance_ml: int = 20_000,
    need_ml: int = 40_000,
    points_left: int = 0,
    current: bool = True,
) -> DayPlan:
    return DayPlan.objects.create(
        enterprise=enterprise,
        date=date,
        current=current,
        allowance_ml=allowance_ml,
        litres_ml=0,
        litres_to_serve_all_ml=need_ml,
        required_shortfall_ml=0,
        prize=0,
        kg=0,
        points_left=points_left,
    )


def make_route(
    plan: DayPlan,
    vehicle: Vehicle,
    stops: Sequence[tuple[CollectionPoint, int]],
    *,
    litres_ml: int,
) -> Route:
    """A route serving ``stops`` (point, expected kg) in order; the plan's litres follow."""
    route = Route.objects.create(
        plan=plan,
        vehicle=vehicle,
        kg=sum(kg for _point, kg in stops),
        metres=10_000,
        litres_ml=litres_ml,
        trips=1,
    )
    for sequence, (point, kg) in enumerate(stops, start=1):
        Stop.objects.create(
            route=route, sequence=sequence, kind=StopKind.POINT, point=point, expected_kg=kg
        )
    plan.litres_ml += litres_ml
    plan.kg += route.kg
    plan.save(update_fields=["litres_ml", "kg"])
    return route


def make_log(route: Route, weighed: dict[str, int | None], *, litres_ml: int) -> TripLog:
    """The crew's log: kg per point code, ``None`` for a point they did not serve."""
    log = TripLog.objects.create(route=route, metres=11_000, litres_ml=litres_ml)
    for stop in route.stops.select_related("point"):
        assert stop.point is not None
        kg = weighed.get(stop.point.code)
        StopWeighing.objects.create(trip=log, stop=stop, kg=kg or 0, served=kg is not None)
    return log


def receive_diesel(commune: Commune, date: dt.date, millilitres: int) -> None:
    transfer_post(
        commune=commune,
        debit=STOCK_DIESEL,
        credit=RECEIVED_DIESEL,
        amount=millilitres,
        unit="L",
        date=date,
        description="Gasoil recibido",
        author="prueba",
    )


NOVEMBER = dt.date(2026, 11, 1)


def november(commune: Commune, council: Council, other_council: Council) -> Enterprise:
    """A month whose figures the report tests state exactly.

    Points P1, P2 (first council), P3, P4 (second; P4 never served). Before November: P2
    served on 20 October, P1 on 30 October. On 2 November a logged route: P1 110 kg, P2
    missed, P3 60 kg, 16 L (planned 15 L); the plan left 2 points. On 5 November a route not
    logged yet: P1 90, P2 70, P3 40 kg expected, 18 L; the plan left 1 point. A plan of 3
    November was replaced (it counts for nothing). Diesel received: 30 L on 1 November (and
    10 L in October, not counted). Each day's allowance 20 L, need 40 L.
    """
    enterprise = make_enterprise(commune)
    p1, p2 = make_point(enterprise, council, "P1"), make_point(enterprise, council, "P2")
    p3, p4 = (
        make_point(enterprise, other_council, "P3"),
        make_point(enterprise, other_council, "P4"),
    )
    truck = make_vehicle(enterprise)
    make_route(make_plan(enterprise, dt.date(2026, 10, 20)), truck, [(p2, 10)], litres_ml=5_000)
    make_route(make_plan(enterprise, dt.date(2026, 10, 30)), truck, [(p1, 100)], litres_ml=5_000)
    second = make_route(
        make_plan(enterprise, dt.date(2026, 11, 2), points_left=2),
        truck,
        [(p1, 120), (p2, 80), (p3, 50)],
        litres_ml=15_000,
    )
    make_log(second, {"P1": 110, "P2": None, "P3": 60}, litres_ml=16_000)
    make_route(
        make_plan(enterprise, dt.date(2026, 11, 3), current=False),
        truck,
        [(p4, 500)],
        litres_ml=9_000,
    )
    make_route(
        make_plan(enterprise, dt.date(2026, 11, 5), points_left=1),
        truck,
        [(p1, 90), (p2, 70), (p3, 40)],
        litres_ml=18_000,
    )
    receive_diesel(commune, dt.date(2026, 10, 15), 10_000)
    receive_diesel(commune, dt.date(2026, 11, 1), 30_000)
    return enterprise
