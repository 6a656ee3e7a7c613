"""A distribution day for every household of the demo, through the real HTTP endpoint.

    .venv/bin/python benchmarks/distribution.py [--postgres] [--workers 4] [--paced-seconds 20]

The demo commune (or, with ``--households N``, N invented one-person households in four
councils) is built on a fresh database (a temporary ``COMUNA_HOME``; with
``--postgres``, a scratch database on the server of ``DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/test``, dropped afterwards), a CLAP round with stock for
every household is opened, and ``comuna serve`` (gunicorn, as in production) serves it.
Then, in the same run, each delivery a ``POST /api/distribution/rounds/{id}/deliveries``:

- baseline: one client, one delivery after another (one table working alone);
- (a) paced: 20 clients each recording one delivery per second, ten times the pace of a busy
  distribution day, each starting at its own moment within the first second (tables are not
  synchronised): latency percentiles, p95 against the 100 ms target;
- (b) saturation: the same 20 clients with no pause deliver the rest of the round: deliveries
  per second and the time for the whole round, against the one-minute target.

Every request must answer 201; the count of deliveries is checked at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.distribution.live import Live, live_comuna  # noqa: E402

CLIENTS = 20


class Client:
    """One table: a kept-alive connection, timing each delivery."""

    def __init__(self, live: Live) -> None:
        self.live = live
        self.connection = http.client.HTTPConnection("127.0.0.1", live.port, timeout=60)
        self.latencies: list[float] = []
        self.failures = 0

    def deliver(self, household: int, table: int) -> None:
        started = time.perf_counter()
        try:
            status = self.live.deliver(household, table=table, connection=self.connection)
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.live.port, timeout=60)
            status = self.live.deliver(household, table=table, connection=self.connection)
        self.latencies.append(time.perf_counter() - started)
        if status != 201:
            self.failures += 1


def _pct(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def _line(name: str, latencies: Sequence[float], seconds: float) -> str:
    return (
        f"{name:<34} {len(latencies):>6} deliveries  {len(latencies) / seconds:>8.1f}/s  "
        f"p50 {_pct(latencies, 50):6.1f} ms  p95 {_pct(latencies, 95):6.1f} ms  "
        f"max {max(latencies) * 1000:7.1f} ms"
    )


def run(live: Live, *, paced_seconds: int, single: int) -> None:
    households = list(live.households)
    total = len(households)
    print(f"round {live.round_id}: {total} households entitled")

    # Baseline: one table alone.
    solo = Client(live)
    batch, households = households[:single], households[single:]
    started = time.perf_counter()
    for h in batch:
        solo.deliver(h, 1)
    solo_seconds = time.perf_counter() - started
    print(_line("single client, no pause", solo.latencies, solo_seconds))

    # (a) 20 clients, one delivery per second each.
    clients = [Client(live) for _ in range(CLIENTS)]
    paced = households[: CLIENTS * paced_seconds]
    households = households[len(paced) :]
    start = threading.Barrier(CLIENTS)

    def paced_client(n: int) -> None:
        mine = paced[n::CLIENTS]
        start.wait()
        # Tables work independently: each starts at its own moment within the first second,
        # instead of all twenty firing in the same instant every second.
        origin = time.perf_counter() + n / CLIENTS
        for i, h in enumerate(mine):
            delay = origin + i - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            clients[n].deliver(h, n + 1)

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(paced_client, range(CLIENTS)))
    paced_seconds_taken = time.perf_counter() - started
    paced_latencies = [x for c in clients for x in c.latencies]
    print(_line("(a) 20 clients, 1 delivery/s each", paced_latencies, paced_seconds_taken))
    p95 = _pct(paced_latencies, 95)
    print(f"    p95 {p95:.1f} ms: {'meets' if p95 < 100 else 'MISSES'} the 100 ms target")

    # (b) the same 20 clients, no pause, the rest of the round.
    for c in clients:
        c.latencies = []
    start = threading.Barrier(CLIENTS)

    def flat_out(n: int) -> None:
        mine = households[n::CLIENTS]
        start.wait()
        for h in mine:
            clients[n].deliver(h, n + 1)

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(flat_out, range(CLIENTS)))
    flat_seconds = time.perf_counter() - started
    flat_latencies = [x for c in clients for x in c.latencies]
    rate = len(flat_latencies) / flat_seconds
    print(_line("(b) 20 clients, no pause", flat_latencies, flat_seconds))
    whole = total / rate
    print(
        f"    saturation {rate:.1f} deliveries/s (single client {len(batch) / solo_seconds:.1f}/s,"
        f" x{rate / (len(batch) / solo_seconds):.1f}); whole round of {total} households at"
        f" that rate: {whole:.1f} s: {'meets' if whole < 60 else 'MISSES'} the one-minute target"
    )
    failures = solo.failures + sum(c.failures for c in clients)
    conn = http.client.HTTPConnection("127.0.0.1", live.port, timeout=60)
    conn.request(
        "GET", "/api/distribution/rounds", headers={"Authorization": f"Bearer {live.token}"}
    )
    rounds = json.loads(conn.getresponse().read())
    delivered = next(r["delivered"] for r in rounds if r["id"] == live.round_id)
    print(f"    refused: {failures}; deliveries recorded: {delivered} of {total}")
    if failures or delivered != total:
        raise SystemExit("some deliveries were not recorded")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--postgres", action="store_true", help="Run on PostgreSQL.")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--paced-seconds", type=int, default=20)
    parser.add_argument("--single", type=int, default=300, help="Deliveries for the baseline.")
    parser.add_argument(
        "--households",
        type=int,
        help="Invented households (one member each) instead of the demo commune.",
    )
    args = parser.parse_args()
    database_url = None
    if args.postgres:
        database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    label = "PostgreSQL" if database_url else "SQLite"
    what = f"{args.households} invented households" if args.households else "the demo"
    print(f"comuna serve ({args.workers} workers of 2 threads) on {label}; building {what}…")
    with tempfile.TemporaryDirectory() as home:
        started = time.perf_counter()
        with live_comuna(
            Path(home),
            demo=not args.households,
            households=args.households or 0,
            workers=args.workers,
            database_url=database_url,
        ) as live:
            print(f"ready in {time.perf_counter() - started:.0f} s")
            run(live, paced_seconds=args.paced_seconds, single=args.single)


if __name__ == "__main__":
    main()
