"""Several tables at once over real HTTP: one household never receives twice in a round.

A real ``comuna serve`` (gunicorn, four workers of two threads) on its own database, on
SQLite, and on PostgreSQL when ``DATABASE_URL`` is set.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.distribution.live import Live, live_comuna


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> object:
    home = tmp_path_factory.mktemp("live")
    with live_comuna(home, households=200, database_url=os.environ.get("DATABASE_URL")) as server:
        yield server


def _count(live: Live) -> int:
    """Deliveries of the round, as the API's round list reports them (units, one per bag)."""
    import http.client
    import json

    conn = http.client.HTTPConnection("127.0.0.1", live.port, timeout=30)
    conn.request(
        "GET", "/api/distribution/rounds", headers={"Authorization": f"Bearer {live.token}"}
    )
    rounds = json.loads(conn.getresponse().read())
    conn.close()
    return int(next(r["delivered"] for r in rounds if r["id"] == live.round_id))


def test_fifty_racing_requests_for_one_household_record_exactly_one(live: Live) -> None:
    target = live.households[0]
    start = threading.Barrier(50)

    def attempt(table: int) -> int:
        start.wait()
        return live.deliver(target, table=table % 20 + 1)

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = Counter(pool.map(attempt, range(50)))
    assert statuses == {201: 1, 409: 49}
    assert _count(live) == 1


def test_twenty_clients_deliver_a_whole_round_each_household_exactly_once(live: Live) -> None:
    households = live.households[1:]
    start = threading.Barrier(20)

    def client(n: int) -> Counter[int]:
        # Every household is tried by two clients: its own and the next one.
        mine = [h for i, h in enumerate(households) if i % 20 in (n, (n + 1) % 20)]
        start.wait()
        return Counter(live.deliver(h, table=n + 1) for h in mine)

    with ThreadPoolExecutor(max_workers=20) as pool:
        total = sum(pool.map(client, range(20)), Counter())
    assert total == {201: len(households), 409: len(households)}
    assert _count(live) == len(live.households)
