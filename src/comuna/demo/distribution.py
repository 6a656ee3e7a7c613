"""A year of food bags and gas in the demo commune, written through the distribution services.

Households get plausible gas profiles (most refill one 10 or 18 kg cylinder, a few use 43 kg
or have piped gas). Three programmes (CLAP food bags, gas 10 kg, gas 18 kg): a CLAP round a
month for the past year, and a gas round a month, alternating the two cylinder sizes; some
months the stock fell short, so the fair rule and its
carry-over can be seen at work. Most entitled households collected; the rest have a reason.
One past round was closed with a miscount, for the comptroller's reconciliation to flag. A
CLAP round is left open today, ready for a distribution day, with nothing delivered yet.

Deliveries are written with one bulk insert per round: thousands of bags per month would
otherwise make the demo slow to build.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from django.db import connection, models

from comuna.census.models import Household, HouseholdStatus
from comuna.core.models import Commune
from comuna.distribution import services
from comuna.distribution.entitlement import units_claimed
from comuna.distribution.models import (
    Delivery,
    NonDelivery,
    NonDeliveryReason,
    Programme,
    ProgrammeKind,
    ProgrammeUnit,
    Round,
)
from comuna.distribution.selectors import households_facts
from comuna.users.models import User

MONTHS = 12
COLLECTED_RATE = 0.92


def _gas_profiles(commune: Commune, rng: random.Random) -> None:
    ids = list(
        Household.objects.of(commune)
        .filter(status=HouseholdStatus.ACTIVE)
        .values_list("pk", flat=True)
    )
    groups: dict[str, list[int]] = {
        "piped": [],
        "c10": [],
        "c10x2": [],
        "c18": [],
        "c43": [],
        "both": [],
    }
    for pk in ids:
        draw = rng.random()
        key = (
            "piped"
            if draw < 0.08
            else "c10"
            if draw < 0.45
            else "c10x2"
            if draw < 0.55
            else "c18"
            if draw < 0.88
            else "c43"
            if draw < 0.92
            else "both"
        )
        groups[key].append(pk)
    households = Household.objects.of(commune).filter
    households(pk__in=groups["piped"]).update(piped_gas=True)
    households(pk__in=groups["c10"]).update(cylinders_10kg=1)
    households(pk__in=groups["c10x2"]).update(cylinders_10kg=2)
    households(pk__in=groups["c18"]).update(cylinders_18kg=1)
    households(pk__in=groups["c43"]).update(cylinders_43kg=1)
    households(pk__in=groups["both"]).update(cylinders_10kg=1, cylinders_18kg=1)


def _month_day(today: dt.date, months_ago: int) -> dt.date:
    month = today.month - months_ago
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(today.day, 28))


def _insert(
    model: type[models.Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Rows straight into ``model``'s table: bulk_create's per-field preparation would make
    a year of deliveries (some 200,000 rows) take most of a minute."""
    quote = connection.ops.quote_name
    # Names come from the model and the callers' constants, never from input.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


_DELIVERY = (
    "commune_id",
    "uuid",
    "round_id",
    "household_id",
    "quantity",
    "collected_by",
    "proxy_name",
    "table",
    "fee_minor",
    "delivered_at",
    "recorded_by_id",
)
_NON_DELIVERY = (
    "commune_id",
    "uuid",
    "round_id",
    "household_id",
    "reason",
    "note",
    "recorded_at",
    "recorded_by_id",
)


def _uuid() -> Any:
    """A new UUID as the database stores it (text on SQLite, a UUID on PostgreSQL)."""
    return Delivery._meta.get_field("uuid").get_db_prep_value(uuid.uuid4(), connection)


def _deliver(
    round_: Round, rng: random.Random, admin: User, *, day: dt.date, miscount: int = 0
) -> None:
    awarded = list(round_.entitlements.filter(awarded__gt=0).values_list("household_id", "awarded"))
    fee = round_.programme.fee_minor
    at = dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)
    reasons = NonDeliveryReason.values
    deliveries, missing = [], []
    delivered = 0
    for household_id, units in awarded:
        if rng.random() < COLLECTED_RATE:
            proxy = rng.random() < 0.06
            deliveries.append(
                (
                    round_.commune_id,
                    _uuid(),
                    round_.pk,
                    household_id,
                    units,
                    "proxy" if proxy else "head",
                    "Familiar autorizado" if proxy else "",
                    rng.randint(1, round_.tables),
                    units * fee,
                    at,
                    admin.pk,
                )
            )
            delivered += units
        else:
            missing.append(
                (
                    round_.commune_id,
                    _uuid(),
                    round_.pk,
                    household_id,
                    rng.choice(reasons),
                    "",
                    at,
                    admin.pk,
                )
            )
    _insert(Delivery, _DELIVERY, deliveries)
    _insert(NonDelivery, _NON_DELIVERY, missing)
    remaining = max(round_.stock_received - delivered - miscount, 0)
    services.round_close(round=round_, remaining_counted=remaining, by=admin)


def distribution_demo_build(
    commune: Commune, rng: random.Random, *, today: dt.date, admin: User
) -> None:
    """Build the demo's year of distribution; nothing if the commune already has programmes."""
    if Programme.objects.of(commune).exists():
        return
    _gas_profiles(commune, rng)
    census = households_facts(commune)
    programmes = [
        services.programme_save(
            commune=commune,
            name="CLAP",
            kind=ProgrammeKind.FOOD_BAG,
            unit=ProgrammeUnit.BAG,
            base_quantity=1,
            per_member=0,
            cap=1,
            fee_minor=150_00,
        ),
        services.programme_save(
            commune=commune,
            name="Gas 10 kg",
            kind=ProgrammeKind.GAS,
            unit=ProgrammeUnit.CYL,
            base_quantity=1,
            per_member=0,
            cap=2,
            cylinder_kg=10,
            exclude_piped_gas=True,
            fee_minor=60_00,
        ),
        services.programme_save(
            commune=commune,
            name="Gas 18 kg",
            kind=ProgrammeKind.GAS,
            unit=ProgrammeUnit.CYL,
            base_quantity=1,
            per_member=0,
            cap=1,
            cylinder_kg=18,
            exclude_piped_gas=True,
            fee_minor=90_00,
        ),
    ]
    demand = {
        p.pk: sum(units_claimed(services.programme_terms(p), facts, today) for facts in census)
        for p in programmes
    }
    for months_ago in range(MONTHS, 0, -1):
        day = _month_day(today, months_ago)
        # CLAP every month; the gas truck alternates sizes, 10 kg one month and 18 kg the next.
        for programme in (programmes[0], programmes[1 + months_ago % 2]):
            # Most months the truck brings enough; one month in three it falls short.
            short = rng.random() < 0.35
            stock = (
                int(demand[programme.pk] * rng.uniform(0.55, 0.9))
                if short
                else demand[programme.pk]
            )
            round_ = services.round_create(
                programme=programme,
                stock_received=stock,
                received_on=day - dt.timedelta(days=2),
                distribution_on=day,
                points="Casa comunal; cancha del sector",
                tables=4,
            )
            round_ = services.round_open(
                round=round_, seed=f"asamblea {day.isoformat()}", by=admin, today=day, census=census
            )
            miscount = 2 if (months_ago == 2 and programme.kind == ProgrammeKind.FOOD_BAG) else 0
            _deliver(round_, rng, admin, day=day, miscount=miscount)
    clap = programmes[0]
    today_round = services.round_create(
        programme=clap,
        stock_received=int(demand[clap.pk] * 0.8),
        received_on=today - dt.timedelta(days=1),
        distribution_on=today,
        points="Casa comunal; cancha del sector",
        tables=4,
    )
    services.round_open(
        round=today_round,
        seed=f"asamblea {today.isoformat()}",
        by=admin,
        today=today,
        census=census,
    )
