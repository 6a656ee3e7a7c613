"""The demo's trip logs: the past days' routes logged with deviations, posted to the books."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from comuna.demo.waste_trips import waste_trips_demo_build
from comuna.ledger import chart
from comuna.ledger.models import Account
from comuna.waste.models import TripLog
from tests.conftest import World
from tests.waste.factories_trips import diesel_stock_put, enterprise_make, plan_make


def test_the_demo_logs_past_routes_and_posts_them(world: World) -> None:
    today = timezone.localdate()
    enterprise = enterprise_make(world.commune)
    diesel_stock_put(world.commune, 1000, today - dt.timedelta(days=30))
    for back in (5, 4, 3, 0):
        plan_make(world.council, day=today - dt.timedelta(days=back), enterprise=enterprise)
        enterprise.refresh_from_db()
    waste_trips_demo_build(
        world.commune,
        random.Random(7),
        today=today,
        enterprises={"waste_collection": enterprise},
    )
    logs = list(TripLog.objects.select_related("route__plan"))
    assert 3 <= len(logs) <= 6
    assert all(log.route.plan.date < today for log in logs)
    assert any(log.metres != log.route.metres for log in logs)
    used = sum(log.litres_ml for log in logs)
    stock = Account.objects.of(world.commune).get(code=chart.STOCK_DIESEL)
    assert stock.debits_posted - stock.credits_posted == 1_000_000 - used
    cash = Account.objects.of(world.commune).get(code=chart.WASTE_CASH)
    assert cash.debits_posted == sum(log.fee_cents for log in logs) > 0


def test_without_a_waste_enterprise_or_plans_the_demo_logs_nothing(world: World) -> None:
    today = timezone.localdate()
    waste_trips_demo_build(world.commune, random.Random(1), today=today, enterprises={})
    waste_trips_demo_build(
        world.commune,
        random.Random(1),
        today=today,
        enterprises={"waste_collection": enterprise_make(world.commune)},
    )
    assert not TripLog.objects.exists()
