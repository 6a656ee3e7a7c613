"""The demo commune's recycling yard: a year of weigh-ins, bales, sales and prices.

The months before this one are closed periods of the demo's books, which already hold their
recyclables in weekly totals (``comuna.demo.ledger``): the yard's weigh-ins and sales of
those months are its history, recorded without posting. This month's are posted as the scale
operator and the manager would post them, so the books move with them.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from comuna.census.models import Household, Person
from comuna.core.models import Commune
from comuna.enterprises.accounts import RECYCLING_CASH
from comuna.enterprises.models import Enterprise, EnterpriseKind
from comuna.ledger.models import Statement
from comuna.recycling import selectors, services
from comuna.recycling.models import Material, SourceKind, WeighIn
from comuna.users.models import User
from comuna.waste.models import CollectionPoint, TripLog

MONTHS = 12
# Material code: (share of what comes in, kg per load from a household, price per kg in Bs)
MIX: dict[str, tuple[float, tuple[int, int], Decimal]] = {
    "20 01 01": (0.45, (3, 25), Decimal("8.00")),
    "20 01 39": (0.25, (2, 12), Decimal("15.00")),
    "20 01 40": (0.12, (1, 15), Decimal("30.00")),
    "20 01 02": (0.13, (3, 20), Decimal("2.50")),
    "20 01 10": (0.05, (2, 10), Decimal("5.00")),
}
BUYERS = ("Recuperadora Lara C.A.", "Papelera del Centro", "Metales Tocuyo", "Vidrios Andinos")


def _month_start(today: dt.date, back: int) -> dt.date:
    year, month = today.year, today.month - back
    while month < 1:
        year, month = year - 1, month + 12
    return dt.date(year, month, 1)


def recycling_demo_build(
    commune: Commune, rng: random.Random, *, today: dt.date, enterprises: dict[str, Enterprise]
) -> None:
    """A year of the yard (nothing if it has weigh-ins already)."""
    if WeighIn.objects.of(commune).exists():
        return
    if "recycling" not in enterprises:
        enterprises["recycling"] = Enterprise.objects.of(commune).filter(
            kind=EnterpriseKind.RECYCLING
        ).first() or Enterprise.objects.create(
            commune=commune,
            name="EPS Recicla Comuna",
            kind=EnterpriseKind.RECYCLING,
            cash_account=RECYCLING_CASH,
        )
    _Yard(commune, rng, today).build()


class _Yard:
    def __init__(self, commune: Commune, rng: random.Random, today: dt.date) -> None:
        self.commune, self.rng, self.today = commune, rng, today
        self.materials = {m.code: m for m in Material.objects.of(commune)}
        self.households = list(Household.objects.of(commune).order_by("pk")[:400])
        self.people = list(
            Person.objects.of(commune).filter(national_id__isnull=False).order_by("pk")[:200]
        )
        self.points = list(CollectionPoint.objects.of(commune).order_by("pk")[:100])
        self.trips = list(TripLog.objects.of(commune).order_by("pk"))
        self.prices = {code: price for code, (_share, _kg, price) in MIX.items()}
        self.operator = User.objects.filter(username__in=["chofer", "gerente"]).first()
        closed = Statement.objects.of(commune).order_by("-end").values_list("end", flat=True)
        self.closed_until = closed.first() or dt.date.min

    def build(self) -> None:
        for back in range(MONTHS - 1, -1, -1):
            start = _month_start(self.today, back)
            end = min(
                _month_start(start + dt.timedelta(days=32), 0) - dt.timedelta(days=1), self.today
            )
            self._prices(start)
            self._month(start, end)

    def _prices(self, start: dt.date) -> None:
        drift = Decimal(1) + Decimal(self.rng.randint(-5, 12)) / 100
        for code, price in self.prices.items():
            self.prices[code] = (price * drift).quantize(Decimal("0.01"))
            services.reference_price_set(
                commune=self.commune,
                material=self.materials[code],
                valid_from=start,
                price_cents_per_kg=int(self.prices[code] * 100),
            )

    def _source(self) -> dict[str, object]:
        roll = self.rng.random()
        if roll < 0.15 and self.trips:
            return {"source": SourceKind.TRIP, "trip": self.rng.choice(self.trips)}
        if roll < 0.3 and self.points:
            return {"source": SourceKind.POINT, "point": self.rng.choice(self.points)}
        if roll < 0.8 and self.households:
            return {"source": SourceKind.HOUSEHOLD, "household": self.rng.choice(self.households)}
        if roll < 0.92 and self.people:
            return {"source": SourceKind.PERSON, "person": self.rng.choice(self.people)}
        names = ("Bodega Don Pedro", "Escuela Simón Rodríguez", "Panadería La Espiga")
        return {"source": SourceKind.NAMED, "source_name": self.rng.choice(names)}

    def _month(self, start: dt.date, end: dt.date) -> None:
        posted = start > self.closed_until
        codes, shares = list(MIX), [MIX[c][0] for c in MIX]
        day = start
        while day <= end:
            if day.weekday() < 6:  # the yard opens Monday to Saturday
                for _load in range(self.rng.randint(4, 9)):
                    code = self.rng.choices(codes, weights=shares)[0]
                    low, high = MIX[code][1]
                    source = self._source()
                    scale = 40 if source["source"] in (SourceKind.TRIP, SourceKind.POINT) else 1
                    net = self.rng.randint(low * 1000, high * 1000) * scale
                    tare = self.rng.choice((0, 300, 500, 1_200))
                    services.weighin_record(
                        commune=self.commune,
                        material=self.materials[code],
                        date=day,
                        gross_g=net + tare,
                        tare_g=tare,
                        by=self.operator,
                        posted=posted,
                        **source,  # type: ignore[arg-type]
                    )
            day += dt.timedelta(days=1)
        self._bales_and_sales(end, posted)

    def _bales_and_sales(self, end: dt.date, posted: bool) -> None:
        cardboard = self.materials["20 01 01"]
        loose = selectors.material_stock_g(cardboard) - selectors.material_baled_g(cardboard)
        for _bale in range(min(loose // 250_000, 4)):
            services.bale_form(
                commune=self.commune, material=cardboard, weight_g=250_000, formed_on=end
            )
        for code, price in self.prices.items():
            material = self.materials[code]
            stock = selectors.material_stock_g(material)
            weight = int(stock * self.rng.uniform(0.55, 0.85)) // 1000 * 1000
            if weight <= 0:
                continue
            cents = int(price * 100 * Decimal(self.rng.uniform(0.9, 1.1)))
            services.sale_record(
                commune=self.commune,
                material=material,
                date=end,
                weight_g=weight,
                price_cents_per_kg=max(cents, 1),
                buyer=self.rng.choice(BUYERS),
                reference=f"F-{end:%Y%m}-{code.replace(' ', '')}",
                author="gerente",
                posted=posted,
            )
