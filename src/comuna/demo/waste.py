"""The demo commune's waste collection: its streets, its fleet, its points and a month of plans.

The street network is the invented barrio of ``demo/street_extract.py``, imported as a commune
would import its OpenStreetMap extract; two trucks (the second often broken down), the depot,
the landfill and the recycling yard where the extract tags them, and about 300 collection
points across the councils. The month's diesel is received on its first day, sized to about
60% of what serving every point each collection day would take. Every collection day of the
month before today is planned (each with a short solve, to keep the demo quick), then today.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from django.conf import settings as django_settings
from django.db import transaction

from comuna.census.models import Council, Sector
from comuna.core.models import Commune
from comuna.demo.street_extract import DemoPlaces, demo_places, write_demo_extract
from comuna.engines import routing
from comuna.enterprises.accounts import RECEIVED_DIESEL, STOCK_DIESEL, WASTE_CASH
from comuna.enterprises.models import Enterprise, EnterpriseKind
from comuna.enterprises.selectors import diesel_left_ml
from comuna.ledger.services import transfer_post
from comuna.waste.models import (
    CollectionPoint,
    PointKind,
    RationPolicy,
    Site,
    SiteKind,
    Vehicle,
    VehicleBreakdown,
)
from comuna.waste.services import (
    collection_settings_save,
    network_import,
    network_of,
)
from comuna.waste.services.plans import _day_build, day_plan_make
from comuna.waste.services.ration import collection_days_left, collection_days_of_month
from comuna.waste.services.territory import collection_settings_of, vehicles_available

POINTS = 300
RATION_SHARE = 0.6
# The planner takes a second or so for a past day even on a short leash, and the demo is built
# in every test session: the month's past collection days are planned with a short solve, then
# today with the planner's full effort.
PAST_TIME_LIMIT_S = 0.15
_KINDS = [PointKind.CONTAINER] * 16 + [PointKind.MARKET, PointKind.SCHOOL, PointKind.CLINIC]
_KIND_NAMES = {
    PointKind.CONTAINER: "Contenedor",
    PointKind.MARKET: "Mercado",
    PointKind.SCHOOL: "Escuela",
    PointKind.CLINIC: "Ambulatorio",
    PointKind.OTHER: "Punto",
}
_FILL = {
    PointKind.CONTAINER: (15, 60),
    PointKind.MARKET: (80, 160),
    PointKind.SCHOOL: (25, 50),
    PointKind.CLINIC: (10, 25),
    PointKind.OTHER: (10, 40),
}


def _waste_enterprise(commune: Commune, enterprises: dict[str, Enterprise]) -> Enterprise:
    found = enterprises.get("waste") or enterprises.get(EnterpriseKind.WASTE_COLLECTION)
    if found is not None:
        return found
    enterprise, _created = Enterprise.objects.get_or_create(
        commune=commune,
        name="EPS Recolección Comunal",
        defaults={"kind": EnterpriseKind.WASTE_COLLECTION, "cash_account": WASTE_CASH},
    )
    enterprises["waste"] = enterprise
    return enterprise


def waste_demo_build(
    commune: Commune, rng: random.Random, *, today: dt.date, enterprises: dict[str, Enterprise]
) -> None:
    enterprise = _waste_enterprise(commune, enterprises)
    councils = list(Council.objects.of(commune).order_by("code"))
    if not councils:
        return
    collection_settings_save(
        enterprise=enterprise, weekdays="012345", policy=RationPolicy.LEFT_PER_DAY
    )
    folder = Path(django_settings.COMUNA_HOME) / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    extract = write_demo_extract(folder / "barrio.osm.pbf", councils=len(councils))
    network_import(enterprise=enterprise, path=extract.path, filename="barrio.osm.pbf")
    places = demo_places(extract, POINTS, network=network_of(enterprise))
    with transaction.atomic():
        _territory(enterprise, rng, today, councils, places)
    _month_of_plans(enterprise, today)


def _territory(
    enterprise: Enterprise,
    rng: random.Random,
    today: dt.date,
    councils: list[Council],
    places: DemoPlaces,
) -> None:
    for name, site_kind, where, hours in (
        ("Patio de la EPS", SiteKind.DEPOT, places.depot, (None, None)),
        ("Relleno sanitario La Bonanza", SiteKind.LANDFILL, places.landfill, (6, 18)),
        ("Centro de acopio comunal", SiteKind.RECYCLING_YARD, places.recycling_yard, (7, 15)),
    ):
        opens, closes = hours
        Site.objects.create(
            enterprise=enterprise,
            name=name,
            kind=site_kind,
            latitude=where.lat,
            longitude=where.lon,
            opens=dt.time(opens) if opens is not None else None,
            closes=dt.time(closes) if closes is not None else None,
        )
    steady = Vehicle.objects.create(
        enterprise=enterprise,
        plate="A12BC3D",
        name="Compactador 1",
        capacity_kg=7000,
        litres_per_100km_centi=4200,
    )
    fragile = Vehicle.objects.create(
        enterprise=enterprise,
        plate="A45EF6G",
        name="Volteo 2",
        capacity_kg=5000,
        litres_per_100km_centi=3500,
    )
    first = today.replace(day=1)
    VehicleBreakdown.objects.create(
        vehicle=steady,
        start=first - dt.timedelta(days=40),
        end=first - dt.timedelta(days=37),
        note="Caucho espichado y rin doblado.",
    )
    # The second truck breaks down now and then: twice this month when the month allows.
    for back, length, note in ((9, 2, "Falla del embrague."), (4, 1, "Batería descargada.")):
        start = today - dt.timedelta(days=back)
        if start >= first - dt.timedelta(days=20):
            VehicleBreakdown.objects.create(
                vehicle=fragile,
                start=start,
                end=start + dt.timedelta(days=length),
                note=note,
            )
    sectors: dict[int, list[Sector]] = {}
    for sector in Sector.objects.of(enterprise.commune_id).order_by("pk"):
        sectors.setdefault(sector.council_id, []).append(sector)
    counts: dict[int, int] = {}
    points = []
    for place in places.points:
        council = councils[(place.council - 1) % len(councils)]
        counts[council.pk] = counts.get(council.pk, 0) + 1
        kind = rng.choice(_KINDS)
        low, high = _FILL[kind]
        options = sectors.get(council.pk, [])
        points.append(
            CollectionPoint(
                enterprise=enterprise,
                code=f"{council.code}-{counts[council.pk]:02d}",
                name=f"{_KIND_NAMES[kind]} {council.name} {counts[council.pk]}",
                council=council,
                sector=rng.choice(options) if options else None,
                kind=kind,
                latitude=place.coordinate.lat,
                longitude=place.coordinate.lon,
                fill_kg_per_day=rng.randint(low, high),
                required=kind == PointKind.CLINIC,
            )
        )
    CollectionPoint.objects.bulk_create(points)


def _month_of_plans(enterprise: Enterprise, today: dt.date) -> None:
    """The last collection days' plans and today's, each allowed about 60% of its need.

    A day's need (the diesel to serve every point) is taken from the day before's plan, and
    for the first day and today from a quick solve of the day itself. The month's ration is
    then received in the books, dated the 1st: what the planned days burnt and, for today and
    each collection day left, today's allowance; so that once the crews' trips are logged the
    stock leaves today's allowance for today.
    """
    settings = collection_settings_of(enterprise)
    days = [d for d in collection_days_of_month(settings, today) if d < today]
    burnt = 0
    need_ml = 0
    for day in [*days, today]:
        if not need_ml or day == today:
            need_ml = _need_ml(enterprise, day)
        allowance = round(RATION_SHARE * need_ml)
        plan = day_plan_make(
            enterprise=enterprise,
            date=day,
            by=None,
            seed=day.day,
            today=day,
            time_limit_s=PAST_TIME_LIMIT_S if day < today else 30.0,
            allowance_ml=allowance,
        )
        need_ml = plan.litres_to_serve_all_ml
        if day < today:
            burnt += plan.litres_ml
    ration_ml = burnt + allowance * collection_days_left(settings, today)
    first = today.replace(day=1)
    # Only when the books received no ration this month (a demo built without the ledger's).
    if diesel_left_ml(enterprise, on=today) == 0 and ration_ml > 0:
        transfer_post(
            commune=enterprise.commune,
            debit=STOCK_DIESEL,
            credit=RECEIVED_DIESEL,
            amount=ration_ml,
            unit="L",
            date=first,
            description="Cupo mensual de gasoil de la EPS de recolección",
            author="gerente",
            reference=f"GASOIL-{first:%Y-%m}",
        )


def _need_ml(enterprise: Enterprise, day: dt.date) -> int:
    """The diesel that would serve every point on ``day``, from a quick solve."""
    probe = _day_build(
        enterprise, day, vehicles=list(vehicles_available(enterprise, day)), allowance_ml=0
    )
    return round(
        routing.plan_day(probe.problem, seed=1, time_limit_s=3.0).litres_to_serve_all * 1000
    )
