"""A small waste-collection enterprise on the world's commune: two trucks, a depot, a landfill,
a dozen points in straight-line distance (no street map), 300 litres in the diesel stock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import World

TODAY = dt.date(2026, 12, 7)  # a Monday
CENTRE = (10.4640, -66.9800)


@dataclass
class Fleet:
    world: World
    enterprise: Any
    depot: Any
    landfill: Any
    trucks: list[Any]
    points: list[Any]
    manager: Any
    worker: Any


def diesel_receive(world: World, litres: float, on: dt.date) -> None:
    from comuna.enterprises.accounts import RECEIVED_DIESEL, STOCK_DIESEL
    from comuna.ledger.services import transfer_post

    transfer_post(
        commune=world.commune,
        debit=STOCK_DIESEL,
        credit=RECEIVED_DIESEL,
        amount=round(litres * 1000),
        unit="L",
        date=on,
        description="Cupo de gasoil",
        author="gerente",
    )


@pytest.fixture
def fleet(world: World) -> Fleet:
    from comuna.enterprises.accounts import WASTE_CASH
    from comuna.enterprises.models import Enterprise, EnterpriseKind
    from comuna.users.models import Role
    from comuna.waste import services
    from comuna.waste.models import PointKind, SiteKind
    from tests import factories

    enterprise = Enterprise.objects.create(
        commune=world.commune,
        name="EPS Recolección",
        kind=EnterpriseKind.WASTE_COLLECTION,
        cash_account=WASTE_CASH,
    )
    lat, lon = CENTRE
    depot = services.site_save(
        enterprise=enterprise, name="Patio", kind=SiteKind.DEPOT, latitude=lat, longitude=lon
    )
    landfill = services.site_save(
        enterprise=enterprise,
        name="Relleno",
        kind=SiteKind.LANDFILL,
        latitude=lat + 0.02,
        longitude=lon + 0.02,
        opens=dt.time(6),
        closes=dt.time(18),
    )
    trucks = [
        services.vehicle_save(
            enterprise=enterprise, plate="AB123CD", capacity_kg=3000, litres_per_100km_centi=4000
        ),
        services.vehicle_save(
            enterprise=enterprise, plate="EF456GH", capacity_kg=2000, litres_per_100km_centi=3000
        ),
    ]
    points = []
    for i in range(12):
        council = world.council if i % 2 == 0 else world.other_council
        points.append(
            services.point_save(
                enterprise=enterprise,
                code=f"{council.code}-{i:02d}",
                name=f"Esquina {i}",
                council=council,
                kind=PointKind.CLINIC if i == 3 else PointKind.CONTAINER,
                latitude=lat + 0.002 * (i % 4),
                longitude=lon + 0.002 * (i // 4),
                fill_kg_per_day=40 + i,
                required=i == 3,
            )
        )
    diesel_receive(world, 300, TODAY.replace(day=1))
    return Fleet(
        world=world,
        enterprise=enterprise,
        depot=depot,
        landfill=landfill,
        trucks=trucks,
        points=points,
        manager=factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=world.commune),
        worker=factories.make_user("chofer", Role.ENTERPRISE_WORKER, commune=world.commune),
    )
