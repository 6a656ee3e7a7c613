"""Pages of the public services under 20 people at once, beside one person alone, same run.

    .venv/bin/python benchmarks/services.py [--incidents 30000] [--users 20] [--requests 10]
                                            [--workers 4] [--think 0]

The clinic gets a year of stock movements beside the incidents: 40 items in 80 batches, some
30 issues a day (each confirmed by a second login) and a count of every batch each month.

Builds, in a temporary ``COMUNA_HOME`` (or the database of ``DATABASE_URL``, flushed first:
point it at a scratch database), a commune of 24 councils with a year of incidents (tens of
thousands, most resolved, each with its timeline), starts ``comuna serve`` with several worker
processes, logs in each target's login, and times every target page twice: one person
asking ``--requests`` times in a row (the baseline), then ``--users`` people asking
``--requests`` times each, all at once. Prints p50 and p95 of both side by side. By default
the people ask back to back, the worst case; ``--think 2`` has each read the page for two
seconds on average before asking again, as a person on a phone does.

A page is added to the run by one line in ``TARGETS``: (name, path, login or None). The
logins are made in ``_setup`` (``admin``: the administrator).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from typing import Any

# (name, path, login or None for the public): one line per page measured.
TARGETS: list[tuple[str, str, str | None]] = [
    ("incident list (administrator)", "/incidencias/", "admin"),
    ("incident list, all statuses (administrator)", "/incidencias/?estado=all", "admin"),
    ("public incidents page", "/incidencias/publico/", None),
    ("clinic stock by item (health committee)", "/salud/", "enfermera"),
    ("clinic stock counts (health committee)", "/salud/conteos/", "enfermera"),
]
PASSWORD = "benchmark-password-1"  # noqa: S105 (a throwaway commune in a temp folder)
SEED = 12


# --- The commune, in a child process --------------------------------------------------------


def _setup(incidents: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)
    from django.utils import timezone

    from comuna.brigades.models import Brigade
    from comuna.census.models import Council, Sector
    from comuna.core.services import commune_create
    from comuna.incidents.models import (
        Incident,
        IncidentEvent,
        IncidentKind,
        IncidentStatus,
    )
    from comuna.memberships.models import Membership
    from comuna.users.models import Role, User

    rng = random.Random(SEED)
    commune = commune_create(code="benchmark", name="Comuna de prueba")
    councils = Council.objects.bulk_create(
        Council(commune=commune, code=f"CC{n + 1:02}", name=f"Consejo {n + 1}") for n in range(24)
    )
    sectors = Sector.objects.bulk_create(
        Sector(commune=commune, council=c, name=f"Sector {s + 1}")
        for c in councils
        for s in range(4)
    )
    admin = User.objects.create_user(username="admin", password=PASSWORD)
    Membership.objects.create(commune=commune, user=admin, role=Role.ADMIN)
    brigade = Brigade.objects.create(commune=commune, name="Brigada de agua", kind="water")
    kinds = list(IncidentKind.objects.of(commune))
    now = timezone.now()
    rows, events = [], []
    for number in range(1, incidents + 1):
        sector = rng.choice(sectors)
        reported = now - dt.timedelta(minutes=rng.randint(60, 365 * 24 * 60))
        resolved = rng.random() < 0.85
        closed = min(reported + dt.timedelta(hours=rng.randint(2, 600)), now)
        incident = Incident(
            commune=commune,
            number=number,
            kind=rng.choice(kinds),
            council_id=sector.council_id,
            sector=sector,
            address=f"{sector.name}, casa {rng.randint(1, 300)}",
            description="Sin servicio.",
            since=reported.date(),
            households_affected=rng.randint(1, 80),
            status=IncidentStatus.RESOLVED if resolved else IncidentStatus.ASSIGNED,
            brigade=brigade,
            assigned_at=reported + dt.timedelta(hours=1),
            reported_by=admin,
            reported_at=reported,
            resolved_at=closed if resolved else None,
        )
        rows.append(incident)
        events.append(
            IncidentEvent(
                commune=commune, incident=incident, at=reported, status=IncidentStatus.REPORTED
            )
        )
    Incident.objects.bulk_create(rows, batch_size=2000)
    IncidentEvent.objects.bulk_create(events, batch_size=2000)
    movements = _clinic_year(commune, councils[0], rng, now)
    print(json.dumps({"incidents": incidents, "clinic_movements": movements}))


def _clinic_year(commune: Any, council: Any, rng: random.Random, now: dt.datetime) -> int:
    """A year of the clinic's stock: batches received, issues under two keys, monthly counts."""
    from comuna.census.models import Household, Person
    from comuna.health.models import Batch, Dispensation, Item, StockCount
    from comuna.memberships.models import Membership
    from comuna.users.models import Role, User

    nurse, witness = (
        User.objects.create_user(username=name, password=PASSWORD)
        for name in ("enfermera", "promotora")
    )
    for user in (nurse, witness):
        Membership.objects.create(commune=commune, user=user, role=Role.HEALTH_COMMITTEE)
    household = Household.objects.create(
        commune=commune, council=council, reference="0001", address="Calle 1"
    )
    people = Person.objects.bulk_create(
        Person(
            commune=commune,
            household=household,
            first_names=f"Paciente {n}",
            last_names="Prueba",
            birth_date=dt.date(1980, 1, 1) + dt.timedelta(days=97 * n),
        )
        for n in range(50)
    )
    items = Item.objects.bulk_create(
        Item(commune=commune, name=f"Medicamento {n:02}", unit="unidades") for n in range(40)
    )
    today = now.date()
    start = today - dt.timedelta(days=365)
    batches = Batch.objects.bulk_create(
        Batch(
            commune=commune,
            item=item,
            lot=f"L{item.pk}-{half}",
            expiry=today + dt.timedelta(days=400),
            received=20_000,
            received_on=start,
            supplier="Ministerio de Salud",
        )
        for item in items
        for half in (1, 2)
    )
    issues = [
        Dispensation(
            commune=commune,
            batch=rng.choice(batches),
            date=start + dt.timedelta(days=day),
            issuer=nurse,
            witness=witness,
            confirmed_at=now,
            person=rng.choice(people),
            quantity=rng.randint(1, 10),
            prescription=f"R-{day}-{n}",
            prescriber="Dra. Prueba",
        )
        for day in range(365)
        for n in range(30)
    ]
    Dispensation.objects.bulk_create(issues, batch_size=2000)
    counts = [
        StockCount(
            commune=commune,
            batch=batch,
            date=start + dt.timedelta(days=30 * month + 29),
            issuer=witness,
            witness=nurse,
            confirmed_at=now,
            counted=20_000 - 100 * month,
            recorded=20_000 - 100 * month,
        )
        for batch in batches
        for month in range(12)
    ]
    StockCount.objects.bulk_create(counts, batch_size=2000)
    return len(batches) + len(issues) + len(counts)


# --- The server and the clients -------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(port: int, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("comuna serve stopped before it answered")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/incidencias/publico/", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("comuna serve did not answer")


def _opener(base: str, login: str | None) -> urllib.request.OpenerDirector:
    """A browser of one person: its cookies, logged in as ``login`` when given."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Accept-Language", "es")]
    if login is None:
        return opener
    page = opener.open(f"{base}/cuenta/entrar/").read().decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if found is None:
        raise SystemExit("no login form")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": found.group(1), "username": login, "password": PASSWORD}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
        f"{base}/cuenta/entrar/", data=body, headers={"Referer": f"{base}/cuenta/entrar/"}
    )
    opener.open(request).read()
    if not any(cookie.name == "sessionid" for cookie in jar):
        raise SystemExit(f"could not log in as {login}")
    return opener


def _get(opener: urllib.request.OpenerDirector, url: str) -> float:
    start = time.perf_counter()
    with opener.open(url, timeout=120) as response:
        response.read()
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
    return time.perf_counter() - start


def _percentile(times: list[float], q: int) -> float:
    return (
        statistics.quantiles(times, n=100, method="inclusive")[q - 1]
        if len(times) > 1
        else times[0]
    )


def _measure(
    base: str, path: str, login: str | None, users: int, requests: int, think: float
) -> dict[str, Any]:
    url = base + path
    alone = _opener(base, login)
    _get(alone, url)  # warm the worker's caches, as a page already visited
    single = [_get(alone, url) for _ in range(requests)]
    openers = [_opener(base, login) for _ in range(users)]
    crowd: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(users)

    def person(opener: urllib.request.OpenerDirector, seed: int) -> None:
        # A person reads a page before asking for the next: ``think`` seconds on average.
        pause = random.Random(seed)  # noqa: S311 - timing jitter, not a secret
        start.wait()
        mine = []
        for _ in range(requests):
            time.sleep(pause.uniform(0.5, 1.5) * think)
            mine.append(_get(opener, url))
        with lock:
            crowd.extend(mine)

    threads = [threading.Thread(target=person, args=(o, k)) for k, o in enumerate(openers)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {
        "single_p50": statistics.median(single),
        "single_p95": _percentile(single, 95),
        "crowd_p50": statistics.median(crowd),
        "crowd_p95": _percentile(crowd, 95),
        "throughput": len(crowd) / elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the public services' pages under load.")
    parser.add_argument("--incidents", type=int, default=30_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10, help="per user")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="seconds a person reads a page before the next (0: back to back, the worst case)",
    )
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        _setup(args.incidents)
        return

    with tempfile.TemporaryDirectory(prefix="comuna-bench-") as folder:
        env = {**os.environ, "COMUNA_HOME": folder}
        made = subprocess.run(
            [sys.executable, __file__, "--setup", "--incidents", str(args.incidents)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if made.returncode != 0:
            raise SystemExit(f"setup failed:\n{made.stderr}")
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "comuna",
                "serve",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait(port, server)
            base = f"http://127.0.0.1:{port}"
            results = [
                (name, _measure(base, path, login, args.users, args.requests, args.think))
                for name, path, login in TARGETS
            ]
        finally:
            server.terminate()
            server.wait(timeout=30)

    database = "PostgreSQL/DATABASE_URL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(
        f"Public services: {args.incidents:,} incidents, 24 councils ({database}), "
        f"comuna serve with {args.workers} workers; {args.requests} requests per user, "
        f"{args.think:g} s between a user's requests"
    )
    print(
        f"  {'page':<46}{'1 user p50/p95 (ms)':>22}"
        f"{f'{args.users} users p50/p95 (ms)':>24}{'req/s':>8}"
    )
    for name, r in results:
        print(
            f"  {name:<46}"
            f"{r['single_p50'] * 1000:10.0f} {r['single_p95'] * 1000:10.0f}"
            f"{r['crowd_p50'] * 1000:12.0f} {r['crowd_p95'] * 1000:11.0f}"
            f"{r['throughput']:8.1f}"
        )


if __name__ == "__main__":
    main()
