"""The demo commune's month of trips: what the crews logged against the plans.

For every route of the waste enterprise's current plans of past days, a trip log with the
deviations a real month has: a few km more than planned (detours, a closed street), litres
that follow the km with some noise, kg at each point around what was expected, now and then
a point not served (a car parked on the container), and a few sheets not typed in yet. Each
log goes through ``trip_log_record``, so the diesel leaves the stock and the fees come into
the enterprise's cash in the books; a log the books refuse (no diesel left in the stock, a
closed period) is left out, as it would be on the day.
"""

from __future__ import annotations

import datetime as dt
import random

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.enterprises.models import Enterprise, EnterpriseKind
from comuna.users.models import User
from comuna.waste.models import CollectionFees, DayPlan, Route, StopKind, TripSource
from comuna.waste.trips.services import Weighing, trip_log_record

# What the demo enterprise charges: one bolívar per kg collected (the councils pay it).
FEE_CENTS_PER_KG = 1_00
# Sheets of the last days still on the manager's desk, and one in this many left untyped.
NOT_TYPED_DAYS = 1
UNTYPED_ONE_IN = 15
MISSED_POINT = 0.04


def _enterprise(enterprises: dict[str, Enterprise]) -> Enterprise | None:
    return enterprises.get(EnterpriseKind.WASTE_COLLECTION.value)


def waste_trips_demo_build(
    commune: Commune, rng: random.Random, *, today: dt.date, enterprises: dict[str, Enterprise]
) -> None:
    enterprise = _enterprise(enterprises)
    if enterprise is None:
        return
    plans = list(
        DayPlan.objects.of(commune)
        .filter(enterprise=enterprise, current=True, date__lt=today - dt.timedelta(NOT_TYPED_DAYS))
        .order_by("date")
    )
    if not plans:
        return
    CollectionFees.objects.update_or_create(
        enterprise=enterprise, defaults={"commune": commune, "cents_per_kg": FEE_CENTS_PER_KG}
    )
    crew = User.objects.filter(username="chofer").first()
    manager = User.objects.filter(username="gerente").first()
    for plan in plans:
        for route in plan.routes.select_related("plan", "plan__enterprise", "vehicle"):
            if rng.randrange(UNTYPED_ONE_IN) == 0:
                continue
            _log(route, rng, crew=crew, manager=manager)


def _log(route: Route, rng: random.Random, *, crew: User | None, manager: User | None) -> None:
    detour = max(0.9, rng.gauss(1.06, 0.07))
    metres = round(route.metres * detour)
    litres_ml = max(0, round(route.litres_ml * detour * rng.gauss(1.0, 0.05)))
    weighings = []
    for stop in route.stops.filter(kind=StopKind.POINT).order_by("sequence"):
        if rng.random() < MISSED_POINT:
            weighings.append(Weighing(stop.pk, 0, served=False))
            continue
        kg = max(0, round(stop.expected_kg * rng.gauss(0.96, 0.18)))
        weighings.append(Weighing(stop.pk, kg))
    by_phone = rng.random() < 0.6
    try:
        trip_log_record(
            route=route,
            metres=metres,
            litres_ml=litres_ml,
            weighings=weighings,
            by=crew if by_phone else manager,
            source=TripSource.PHONE if by_phone else TripSource.SHEET,
        )
    except Refusal:
        # The stock ran dry or the period is closed: the log waits, as it would that day.
        return
