"""The demo commune's communal circuit: a cycle of this month with about 30 producers and 80
outlets (canteens, popular kitchens, markets, schools), supply short of the needs, its plan
made and approved, and some deliveries recorded by the ``chofer`` login on his truck's sheet.

Rows are inserted in bulk (the demo must stay fast); the plan, its approval and the deliveries
go through the services, as in use.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from comuna.census.models import Council
from comuna.circuits import services
from comuna.circuits.models import (
    Need,
    Offer,
    Outlet,
    OutletKind,
    PlanLine,
    Producer,
    Product,
)
from comuna.core.models import Commune
from comuna.memberships.models import Membership
from comuna.users.models import Role, User

CENTRE = (9.91, -67.35)  # the plains around San Juan de los Morros
PRODUCTS = (
    ("Arroz", 250),
    ("Caraotas", 420),
    ("Harina de maíz", 180),
    ("Yuca", 120),
    ("Plátano", 150),
    ("Tomate", 300),
    ("Cebolla", 280),
    ("Queso blanco", 900),
    ("Auyama", 110),
    ("Papa", 260),
)
PRODUCERS = ("Finca", "Cooperativa", "Unidad de producción", "Conuco", "Fundo")
PLACES = (
    "La Esperanza", "El Maizal", "Los Samanes", "Santa Rosa", "El Paraíso", "La Candelaria",
    "Las Palmas", "El Porvenir", "San Isidro", "La Victoria", "Cañafístula", "El Toco",
)  # fmt: skip
OUTLETS = (
    (OutletKind.CANTEEN, "Comedor escolar", 1),
    (OutletKind.KITCHEN, "Cocina popular", 1),
    (OutletKind.SCHOOL, "Escuela", 2),
    (OutletKind.MARKET, "Mercado comunal", 3),
)
PRODUCER_COUNT = 30
OUTLET_COUNT = 80


def _copy(rng: random.Random) -> random.Random:
    copy = random.Random()  # noqa: S311 - invented data
    copy.setstate(rng.getstate())
    return copy


def _driver(commune: Commune) -> User | None:
    m = (
        Membership.objects.of(commune)
        .filter(role=Role.ENTERPRISE_WORKER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return m.user if m is not None else None


def _near(rng: random.Random, spread: float) -> tuple[float, float]:
    return (
        round(CENTRE[0] + rng.uniform(-spread, spread), 5),
        round(CENTRE[1] + rng.uniform(-spread, spread), 5),
    )


def circuits_demo_build(commune: Commune, rng: random.Random, *, today: dt.date) -> None:
    # Draw from a copy of the builder's generator: the apps built after this one then draw
    # what they drew before the circuits were added (their demos depend on it).
    rng = _copy(rng)
    products = Product.objects.bulk_create(
        Product(commune=commune, name=name, price_cents_per_kg=price) for name, price in PRODUCTS
    )
    producers = Producer.objects.bulk_create(
        Producer(
            commune=commune,
            name=f"{rng.choice(PRODUCERS)} {PLACES[i % len(PLACES)]} {i + 1}",
            lat=(p := _near(rng, 0.25))[0],
            lon=p[1],
        )
        for i in range(PRODUCER_COUNT)
    )
    councils = list(Council.objects.of(commune).order_by("code"))
    outlets = Outlet.objects.bulk_create(
        Outlet(
            commune=commune,
            name=f"{OUTLETS[i % len(OUTLETS)][1]} {i + 1}",
            kind=OUTLETS[i % len(OUTLETS)][0],
            council=councils[i % len(councils)] if councils else None,
            lat=(p := _near(rng, 0.08))[0],
            lon=p[1],
        )
        for i in range(OUTLET_COUNT)
    )
    driver = _driver(commune)
    trucks = [
        services.vehicle_create(
            commune=commune, name="Camión de la comuna", capacity_kg=40_000, driver=driver
        ),
        services.vehicle_create(commune=commune, name="Camioneta 350", capacity_kg=15_000),
    ]
    first = today.replace(day=1)
    cycle = services.cycle_create(
        commune=commune,
        name=f"Circuito {first:%m/%Y}",
        starts_on=first,
        ends_on=max(today, first + dt.timedelta(days=27)),
        cost_cents_per_kg_km=4,
        vehicles=trucks,
    )
    needs: list[Need] = []
    demand = dict.fromkeys(p.pk for p in products)
    for i, outlet in enumerate(outlets):
        priority = OUTLETS[i % len(OUTLETS)][2]
        for product in rng.sample(products, 3):
            grams = rng.randint(20, 160) * 1000
            demand[product.pk] = (demand[product.pk] or 0) + grams
            needs.append(
                Need(
                    commune=commune,
                    cycle=cycle,
                    outlet=outlet,
                    product=product,
                    quantity_g=grams,
                    priority=priority,
                )
            )
    Need.objects.bulk_create(needs)
    offers: list[Offer] = []
    chosen = [rng.sample(products, 2) for _ in producers]
    sellers: dict[int, int] = {}
    for pair in chosen:
        for product in pair:
            sellers[product.pk] = sellers.get(product.pk, 0) + 1
    for producer, pair in zip(producers, chosen, strict=True):
        for product in pair:
            # About four fifths of what the outlets need: a shortage that falls on the markets.
            share = 0.8 * (demand[product.pk] or 0) / sellers[product.pk]
            offers.append(
                Offer(
                    commune=commune,
                    cycle=cycle,
                    producer=producer,
                    product=product,
                    quantity_g=max(1000, int(share * rng.uniform(0.6, 1.4)) // 1000 * 1000),
                )
            )
    Offer.objects.bulk_create(offers)
    services.plan_solve(cycle=cycle)
    admin = Membership.objects.of(commune).filter(role=Role.ADMIN).select_related("user").first()
    services.plan_approve(cycle=cycle, by=admin.user if admin else None)
    lines = list(
        PlanLine.objects.of(commune)
        .filter(cycle=cycle, vehicle=trucks[0])
        .select_related("product", "producer", "outlet", "cycle")
        .order_by("pk")[:12]
    )
    for k, line in enumerate(lines):
        grams = line.quantity_g if k % 3 else line.quantity_g * 3 // 4
        services.delivery_record(
            line=line,
            quantity_g=max(1, grams),
            key=uuid.UUID(int=rng.getrandbits(128)).hex,
            by=driver,
            delivered_on=today,
        )
