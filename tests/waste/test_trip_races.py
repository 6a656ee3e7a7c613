"""Crews racing to log one route (a double tap, the phone and the manager at once): one log,
one diesel entry, whatever the order."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

import pytest
from django.db import close_old_connections, connection

from comuna.core.refusals import Refusal
from comuna.ledger import chart
from comuna.ledger.models import Account, Entry
from comuna.waste.models import Route, TripLog
from comuna.waste.trips.services import Weighing, trip_log_record
from tests import factories
from tests.waste.factories_trips import diesel_stock_put, plan_make

RACERS = 8


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the test database on SQLite is in memory: threads do not share it",
)
@pytest.mark.django_db(transaction=True)
def test_racing_logs_of_one_route_record_one_and_post_once() -> None:
    commune = factories.make_commune(name="Comuna El Panal")
    council = factories.make_council(commune, "CC01")
    plan = plan_make(council)
    diesel_stock_put(commune, 100, plan.plan.date - dt.timedelta(days=2))
    route_pk = plan.routes[0].pk
    stop = plan.point_stops(plan.routes[0])[0].pk
    before = Entry.objects.filter(commune=commune).count()
    start = threading.Barrier(RACERS)
    outcomes: list[str] = []

    def log(racer: int) -> None:
        try:
            route = Route.objects.select_related("plan", "plan__enterprise", "vehicle").get(
                pk=route_pk
            )
            start.wait()
            trip_log_record(
                route=route,
                metres=1000 + racer,
                litres_ml=5000,
                weighings=[Weighing(stop, 100 + racer)],
                by=None,
                token=f"racer-token-{racer:04d}",
            )
            outcomes.append("logged")
        except Refusal as refusal:
            outcomes.append(refusal.code)
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            outcomes.append(repr(error))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=log, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(outcomes) == {"logged": 1, "already_logged": RACERS - 1}
    assert TripLog.objects.filter(route_id=route_pk).count() == 1
    assert Entry.objects.filter(commune=commune).count() == before + 1
    stock = Account.objects.get(commune=commune, code=chart.STOCK_DIESEL)
    assert stock.debits_posted - stock.credits_posted == 100_000 - 5000
