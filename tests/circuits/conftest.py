"""The circuit of the test world: two producers, three outlets (two in the first council, one
in the second), rice short, a truck with its driver, a cycle with offers and needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from comuna.circuits import services
from comuna.circuits.models import Cycle, Outlet, Producer, Product, Vehicle
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World

DAY = dt.date(2026, 3, 2)


@dataclass
class Circuit:
    world: World
    rice: Product
    beans: Product
    farm: Producer
    coop: Producer
    canteen: Outlet  # priority 1, first council
    kitchen: Outlet  # priority 2, first council
    market: Outlet  # priority 3, second council
    truck: Vehicle
    driver: User
    manager: User
    cycle: Cycle


@pytest.fixture
def circuit(world: World) -> Circuit:
    return circuit_make(world)


def circuit_make(world: World) -> Circuit:
    c = world.commune
    rice = services.product_create(commune=c, name="Arroz", price_cents_per_kg=250)
    beans = services.product_create(commune=c, name="Caraotas", price_cents_per_kg=400)
    farm = services.producer_create(commune=c, name="Finca La Esperanza", lat=10.0, lon=-67.0)
    coop = services.producer_create(commune=c, name="Cooperativa El Maizal", lat=10.1, lon=-67.1)
    canteen = services.outlet_create(
        commune=c,
        name="Comedor Escuela Bolívar",
        kind="canteen",
        lat=10.02,
        lon=-67.0,
        council=world.council,
    )
    kitchen = services.outlet_create(
        commune=c,
        name="Cocina Popular Los Mangos",
        kind="kitchen",
        lat=10.05,
        lon=-67.05,
        council=world.council,
    )
    market = services.outlet_create(
        commune=c,
        name="Mercado Comunal La Ceiba",
        kind="market",
        lat=10.08,
        lon=-67.08,
        council=world.other_council,
    )
    driver = factories.make_user("chofer", Role.ENTERPRISE_WORKER, commune=c)
    manager = factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=c)
    truck = services.vehicle_create(commune=c, name="Camión 1", capacity_kg=5000, driver=driver)
    cycle = services.cycle_create(
        commune=c,
        name="Marzo 2026",
        starts_on=DAY,
        ends_on=DAY + dt.timedelta(days=30),
        cost_cents_per_kg_km=5,
        vehicles=[truck],
    )
    services.offer_record(cycle=cycle, producer=farm, product=rice, quantity_g=300_000)
    services.offer_record(cycle=cycle, producer=coop, product=rice, quantity_g=100_000)
    services.offer_record(cycle=cycle, producer=coop, product=beans, quantity_g=50_000)
    services.need_record(cycle=cycle, outlet=canteen, product=rice, quantity_g=200_000, priority=1)
    services.need_record(cycle=cycle, outlet=kitchen, product=rice, quantity_g=150_000, priority=2)
    services.need_record(cycle=cycle, outlet=market, product=rice, quantity_g=100_000, priority=3)
    services.need_record(cycle=cycle, outlet=market, product=beans, quantity_g=20_000, priority=3)
    return Circuit(
        world, rice, beans, farm, coop, canteen, kitchen, market, truck, driver, manager, cycle
    )


def approved(circuit: Circuit) -> Cycle:
    services.plan_solve(cycle=circuit.cycle)
    return services.plan_approve(cycle=circuit.cycle, by=circuit.world.admin)
