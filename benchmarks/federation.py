"""A national federation on PostgreSQL: a commune's pages, the national aggregates with and
without the streaming replica, and the sync's throughput, at 1/10 and at full size.

    scripts/pg-clusters start                       # the city's primary (5433) and replica (5434)
    .venv/bin/python benchmarks/federation.py [--sizes 0.1,1] [--users 50] [--requests 10]
        [--workers 4] [--think 0] [--primary URL] [--replica URL] [--database federation]

Full size is the nation of issue 14: 3,500 communes, 40,000 communal councils, 8 million
households and their people (3 a household on average: 1 to 5). ``--sizes 0.1,1`` builds
1/10 first, measures it, then the full size, and prints how each cost grew. The data goes into
the real tables with PostgreSQL's COPY (through psycopg), in a database of its own on the
primary (``--database``, created and migrated with ``comuna migrate`` the first time, emptied
before each size): every foreign key points at a row that exists, every column the models
require is filled (the benchmark checks the table's NOT NULL columns against what it writes,
so a new required field stops it with a clear message rather than a half-built nation).

What is measured, for each size:

- generation time (COPY and ANALYZE, and the replica catching up);
- a commune's pages under ``--users`` people at once, each logged in to a different commune
  chosen at random, served by ``comuna serve`` (gunicorn, ``--workers``) on the primary, as
  ``benchmarks/services.py`` does it: p50/p95 of one person alone (the baseline) and of the
  crowd. Target: p95 under 50 ms;
- the national aggregates (population by commune, its pyramid by sex and age band, the
  households, coverage, incidents, books, decisions: what the federation's national page
  shows): the time to count every commune's tally (``comuna federation tally``, the first
  visit of a day), then ``level_figures(nation)`` read from the tallies on the primary and on
  the replica (inside ``replica_reading()``); beside them, as the baseline, the population,
  households and councils scanned in SQL from every row. Target: under 5 s;
- the sync's throughput on the nation's primary, from ``benchmarks/sync.py``'s
  ``sync_throughput(changes)``, beside ``bulk_create`` of the same rows (target: 10,000
  changes per second).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import services as pages  # noqa: E402 (benchmarks/services.py: the server and the clients)

FULL = {"communes": 3_500, "councils": 40_000, "households": 8_000_000}
SIZES_OF_HOUSEHOLDS = (3, 1, 4, 2, 5)  # people per household, in turn: 3 on average
PASSWORD = pages.PASSWORD
TARGETS: list[tuple[str, str]] = [
    ("census: the commune's councils", "/censo/"),
    ("census: a council's households", "/censo/consejos/CC01/"),
    ("census: the commune's statistics", "/censo/estadisticas/"),
]
STATES = 24
COMMUNES_PER_CITY = 4
FIRST = ["María", "José", "Ana", "Luis", "Carmen", "Pedro", "Rosa", "Juan", "Luisa", "Jesús"]
LAST = ["Pérez", "Rodríguez", "González", "Hernández", "García", "Martínez", "Rojas", "Díaz"]

# The national aggregates scanned in SQL from every person: the baseline of the tallies.
AGGREGATES_SQL = [
    (
        "population by commune, sex and age band",
        """SELECT commune_id, sex, width_bucket(date_part('year', age(birth_date)), 0, 100, 20),
                  count(*)
           FROM census_person WHERE status = 'active' GROUP BY 1, 2, 3""",
    ),
    (
        "households by commune",
        "SELECT commune_id, count(*) FROM census_household WHERE status = 'active' GROUP BY 1",
    ),
    ("councils by commune", "SELECT commune_id, count(*) FROM census_council GROUP BY 1"),
]


# --- The nation, by COPY ---------------------------------------------------------------------


def _connect(url: str) -> Any:
    import psycopg

    return psycopg.connect(url, autocommit=True)


def _uuid(kind: int, n: int) -> str:
    # 32 hex digits, which PostgreSQL reads as a uuid: unique per table and row, and cheap.
    return f"{kind:08x}{n:024x}"


def _copy(connection: Any, table: str, columns: list[str], rows: Iterator[str]) -> int:
    """COPY ``rows`` (tab-separated lines) into ``table``, after checking that ``columns``
    holds every column the table requires."""
    required = {
        name
        for (name,) in connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
            " AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'",
            (table,),
        ).fetchall()
    }
    missing = required - set(columns) - {"id"}
    if missing:
        raise SystemExit(f"{table} requires {sorted(missing)}: teach benchmarks/federation.py")
    count = 0
    with _indexes_after(connection, table), connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            chunk: list[str] = []
            for line in rows:
                chunk.append(line)
                if len(chunk) == 50_000:
                    copy.write("".join(chunk))
                    count += len(chunk)
                    chunk = []
            copy.write("".join(chunk))
            count += len(chunk)
    return count


@contextlib.contextmanager
def _indexes_after(connection: Any, table: str) -> Iterator[None]:
    """Build ``table``'s indexes and unique constraints once, after the COPY, rather than row
    by row during it (the primary key stays: the rows' own ids are checked as they come)."""
    constraints = connection.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype = 'u'",
        (table,),
    ).fetchall()
    indexes = connection.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
        " WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT EXISTS"
        " (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
        (table,),
    ).fetchall()
    for name, _definition in constraints:
        connection.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        connection.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        for name, definition in constraints:
            connection.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for _name, definition in indexes:
            connection.execute(definition)


def nation_build(url: str, fraction: float) -> dict[str, Any]:
    """Empty the database's communes and COPY in a nation of ``fraction`` of the full size."""
    communes = round(FULL["communes"] * fraction)
    councils = round(FULL["councils"] * fraction)
    households = round(FULL["households"] * fraction)
    now = dt.datetime.now(dt.UTC).isoformat()
    began = time.perf_counter()
    with _connect(url) as db:
        # The rows are consistent by construction: no foreign-key check per row during COPY
        # (the foreign keys stay; PostgreSQL skips their triggers in this session only).
        db.execute("SET session_replication_role = replica")
        db.execute("SET maintenance_work_mem = '512MB'")
        db.execute(
            # The sync's own tables too: a commune of the last run numbered again would
            # otherwise inherit that run's captured changes.
            "TRUNCATE core_commune, users_user, federation_unit, django_session, sync_change,"
            " sync_receipt, sync_state, sync_alarm RESTART IDENTITY CASCADE"
        )
        _copy(
            db,
            "core_commune",
            [
                "id",
                "uuid",
                "code",
                "name",
                "municipality",
                "state",
                "hostname",
                "public_url",
                "is_demo",
                "created_at",
            ],
            (
                f"{c}\t{_uuid(1, c)}\tcomuna-{c}\tComuna {c}\tMunicipio {c % 335}"
                f"\tEstado {c % STATES}\t\t\tf\t{now}\n"
                for c in range(1, communes + 1)
            ),
        )
        # Councils are spread evenly: council k belongs to commune 1 + k * communes // councils.
        council_commune = [1 + k * communes // councils for k in range(councils)]
        _copy(
            db,
            "census_council",
            ["id", "commune_id", "uuid", "code", "name"],
            (
                f"{k + 1}\t{commune}\t{_uuid(2, k)}\tCC{number:02}\tConsejo {number}\n"
                for k, commune, number in _councils(council_commune)
            ),
        )
        _copy(
            db,
            "census_household",
            [
                "id",
                "commune_id",
                "uuid",
                "council_id",
                "reference",
                "address",
                "card_code",
                "status",
                "cylinders_10kg",
                "cylinders_18kg",
                "cylinders_43kg",
                "piped_gas",
                "created_at",
            ],
            (
                f"{h + 1}\t{council_commune[h * councils // households]}\t{_uuid(3, h)}"
                f"\t{1 + h * councils // households}\t{h:07}\tCalle {h % 40}, casa {h % 300}"
                f"\tB{h:09}\tactive\t{h % 2}\t{h % 3 == 0:d}\t0\tf\t{now}\n"
                for h in range(households)
            ),
        )
        people = _copy(
            db,
            "census_person",
            [
                "id",
                "commune_id",
                "uuid",
                "household_id",
                "first_names",
                "last_names",
                "national_id",
                "birth_date",
                "sex",
                "is_head",
                "disability",
                "pregnant",
                "chronic_illness",
                "status",
                "search_text",
                "created_at",
            ],
            _people(households, councils, council_commune, now),
        )
        try:
            _federation_units(db, communes)
        except Exception as error:  # noqa: BLE001 (the federation's tables are another app's)
            print(f"  (the federation's levels were not built: {error}; aggregates in SQL)")
        for table in ("core_commune", "census_council", "census_household", "census_person"):
            db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"  # noqa: S608
                f" (SELECT max(id) FROM {table}))"
            )
        copied = time.perf_counter() - began
        db.execute("ANALYZE")
        analysed = time.perf_counter() - began
    return {
        "communes": communes,
        "councils": councils,
        "households": households,
        "people": people,
        "copy_s": copied,
        "generate_s": analysed,
    }


def _councils(council_commune: list[int]) -> Iterator[tuple[int, int, int]]:
    """(index, commune, number within the commune) of each council: CC01, CC02, … in each."""
    number, previous = 0, 0
    for k, commune in enumerate(council_commune):
        number = number + 1 if commune == previous else 1
        previous = commune
        yield k, commune, number


def _people(households: int, councils: int, council_commune: list[int], now: str) -> Iterator[str]:
    person = 0
    base = dt.date(1935, 1, 1).toordinal()
    for h in range(households):
        commune = council_commune[h * councils // households]
        for member in range(SIZES_OF_HOUSEHOLDS[h % 5]):
            person += 1
            first = FIRST[person % 10]
            last = f"{LAST[person % 8]} {LAST[(person // 8) % 8]}"
            born = dt.date.fromordinal(base + (person * 7919) % 32_000)
            adult = born.year < 2008
            national_id = f"V{10_000_000 + person}" if adult else "\\N"
            search = f"{first} {last} {national_id if adult else ''}".lower().strip()
            yield (
                f"{person}\t{commune}\t{_uuid(4, person)}\t{h + 1}\t{first}\t{last}"
                f"\t{national_id}\t{born.isoformat()}\t{'FM'[person % 2]}\t{member == 0:d}"
                f"\tf\tf\tf\tactive\t{search}\t{now}\n"
            )


def _federation_units(db: Any, communes: int) -> None:
    """The nation, its states and communal cities (four communes each), when the
    federation's tables are there."""
    cities = -(-communes // COMMUNES_PER_CITY)
    db.execute(
        "INSERT INTO federation_unit (id, uuid, code, name, level, parent_id)"
        " VALUES (1, gen_random_uuid(), 'nacion', 'Nación', 'nation', NULL)"
    )
    db.execute(
        "INSERT INTO federation_unit (id, uuid, code, name, level, parent_id)"
        " SELECT 1 + s, gen_random_uuid(), 'estado-' || s, 'Estado ' || s, 'state', 1"
        " FROM generate_series(1, %s) s",
        (STATES,),
    )
    db.execute(
        "INSERT INTO federation_unit (id, uuid, code, name, level, parent_id)"
        " SELECT 1000 + c, gen_random_uuid(), 'ciudad-' || c, 'Ciudad comunal ' || c, 'city',"
        " 2 + c %% %s FROM generate_series(1, %s) c",
        (STATES, cities),
    )
    db.execute(
        "INSERT INTO federation_communeunit (uuid, commune_id, unit_id)"
        " SELECT gen_random_uuid(), c, 1000 + 1 + (c - 1) / %s FROM generate_series(1, %s) c",
        (COMMUNES_PER_CITY, communes),
    )
    db.execute("SELECT setval(pg_get_serial_sequence('federation_unit', 'id'), 100000)")


def replica_catch_up(primary: str, replica: str) -> float:
    """Wait until the replica has replayed everything the primary has written; seconds."""
    began = time.perf_counter()
    with _connect(primary) as db:
        (target,) = db.execute("SELECT pg_current_wal_lsn()").fetchone()
    with _connect(replica) as db:
        while not db.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,)).fetchone()[
            0
        ]:
            time.sleep(0.5)
    return time.perf_counter() - began


# --- The people who log in, in a child process with Django ----------------------------------


def _setup_logins(users: int, communes: int) -> None:
    """``users`` administrators, each of a different commune chosen at random; prints the
    chosen communes' ids."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    import django

    django.setup()
    from comuna.memberships.models import Membership
    from comuna.users.models import Role, User

    chosen = random.Random(14).sample(range(1, communes + 1), users)
    first = User.objects.create_user(username="admin-0", password=PASSWORD)
    logins = User.objects.bulk_create(
        User(username=f"admin-{n}", password=first.password) for n in range(1, users)
    )
    Membership.objects.bulk_create(
        Membership(commune_id=commune, user=user, role=Role.ADMIN)
        for commune, user in zip(chosen, [first, *logins], strict=True)
    )
    print(json.dumps(chosen))


def _child(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1]


# --- The national aggregates -----------------------------------------------------------------


def _aggregates_django(use_replica: bool) -> None:
    """Time the nation's page's figures in this process (a child with Django); prints JSON:
    ``count``, seconds to count every commune's tally (what the first visit of the day, or the
    nightly ``comuna federation tally``, costs), and ``read``, seconds for level_figures(nation)
    from those tallies (best of 3: every later visit)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    import django

    django.setup()
    from comuna.core.replica import replica_reading
    from comuna.federation import services
    from comuna.federation.models import CommuneTally, Unit
    from comuna.federation.selectors import level_figures

    nation = Unit.objects.filter(level=Unit.Level.NATION).first()
    if nation is None:
        print(json.dumps(None))
        return
    count = None
    if not use_replica:
        CommuneTally.objects.all().delete()
        began = time.perf_counter()
        services.tallies_refresh_stale(nation)
        count = time.perf_counter() - began
    times = []
    for _ in range(3):
        began = time.perf_counter()
        with replica_reading() if use_replica else contextlib.nullcontext():
            level_figures(nation)
        times.append(time.perf_counter() - began)
    print(json.dumps({"count": count, "read": min(times)}))


def aggregates(primary: str, replica: str, env: dict[str, str]) -> dict[str, Any]:
    """Seconds for the national figures: counting every commune's tally on the primary, then
    reading the nation's page from them on the primary and on the replica; and, beside them as
    the baseline, the same figures scanned in SQL from every person (best of 3)."""
    results: dict[str, Any] = {}
    for where in ("primary", "replica"):
        timed = json.loads(_child(["--aggregates", f"--on-{where}"], env))
        results[where] = timed["read"]
        if timed["count"] is not None:
            results["count"] = timed["count"]
    with _connect(primary) as db:
        times = []
        for _ in range(3):
            began = time.perf_counter()
            for _name, sql in AGGREGATES_SQL:
                db.execute(sql).fetchall()
            times.append(time.perf_counter() - began)
        results["scan"] = min(times)
    return results


def _sync_django(changes: int) -> None:
    """benchmarks/sync.py's throughput in this process (a child with Django), on the nation's
    database: prints its figures as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    import django

    django.setup()
    from sync import sync_throughput  # type: ignore[import-not-found]

    print(json.dumps(sync_throughput(changes)))


def sync_figures(changes: int, env: dict[str, str]) -> dict[str, Any]:
    """Changes per second applied from a commune's bundles on the nation's primary, beside
    ``bulk_create`` of the same rows (benchmarks/sync.py)."""
    return dict(json.loads(_child(["--sync", str(changes)], env)))


# --- The pages -------------------------------------------------------------------------------


def measure_pages(
    env: dict[str, str], users: int, requests: int, workers: int, think: float
) -> dict[str, dict[str, float]]:
    port = pages._free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "comuna", "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_served(port, server)
        base = f"http://127.0.0.1:{port}"
        # Each person logs in once, to their own commune, and then visits every page.
        alone = pages._opener(base, "admin-0")
        openers = [pages._opener(base, f"admin-{n}") for n in range(users)]
        return {
            name: _crowd(base + path, alone, openers, requests, think) for name, path in TARGETS
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_served(port: int, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("comuna serve stopped before it answered")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/cuenta/entrar/", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("comuna serve did not answer")


def _crowd(
    url: str, alone: Any, openers: list[Any], requests: int, think: float
) -> dict[str, float]:
    """As services.py's ``_measure``, but each person is the administrator of another
    commune: one alone first (the baseline), then all at once."""
    import threading

    users = len(openers)
    pages._get(alone, url)
    single = [pages._get(alone, url) for _ in range(requests)]
    for opener in openers:
        pages._get(opener, url)  # each worker has met each commune once, as in a day's use
    crowd: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(users)

    def person(opener: Any, seed: int) -> None:
        pause = random.Random(seed)  # noqa: S311 - timing jitter, not a secret
        start.wait()
        mine = []
        for _ in range(requests):
            time.sleep(pause.uniform(0.5, 1.5) * think)
            mine.append(pages._get(opener, url))
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
        "single_p95": pages._percentile(single, 95),
        "crowd_p50": statistics.median(crowd),
        "crowd_p95": pages._percentile(crowd, 95),
        "throughput": len(crowd) / elapsed,
    }


# --- The run ---------------------------------------------------------------------------------


def _database_url(server: str, database: str) -> str:
    parts = urllib.parse.urlsplit(server)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{database}"))


def _prepare_database(primary_server: str, database: str, env: dict[str, str]) -> None:
    with _connect(_database_url(primary_server, "postgres")) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
        if not exists:
            db.execute(f'CREATE DATABASE "{database}"')
    subprocess.run([sys.executable, "-m", "comuna", "migrate", "-v0"], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="A national federation on PostgreSQL.")
    parser.add_argument("--sizes", default="0.1,1", help="fractions of the full nation, in order")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10, help="per user and page")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.0)
    parser.add_argument("--sync-changes", type=int, default=100_000)
    parser.add_argument("--primary", default="postgres://postgres@127.0.0.1:5433/")
    parser.add_argument("--replica", default="postgres://postgres@127.0.0.1:5434/")
    parser.add_argument("--database", default="federation")
    parser.add_argument("--logins", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--aggregates", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--on-replica", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--on-primary", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sync", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sync:
        _sync_django(args.sync)
        return
    if args.logins:
        _setup_logins(args.users, args.logins)
        return
    if args.aggregates:
        _aggregates_django(args.on_replica)
        return

    primary = _database_url(args.primary, args.database)
    replica = _database_url(args.replica, args.database)
    home = Path(f"/tmp/comuna-federation-bench-{os.getpid()}")  # noqa: S108 (a scratch folder)
    home.mkdir(mode=0o700, exist_ok=True)
    env = {
        **os.environ,
        "COMUNA_HOME": str(home),
        "DATABASE_URL": primary,
        "DATABASE_REPLICA_URL": replica,
    }
    _prepare_database(args.primary, args.database, env)
    sizes = [float(s) for s in args.sizes.split(",")]
    results = []
    for fraction in sizes:
        built = nation_build(primary, fraction)
        built["replica_catch_up_s"] = replica_catch_up(primary, replica)
        print(
            f"Nation at {fraction:g}: {built['communes']:,} communes, {built['councils']:,}"
            f" councils, {built['households']:,} households, {built['people']:,} people:"
            f" generated in {built['generate_s']:.0f} s (COPY {built['copy_s']:.0f} s);"
            f" replica caught up {built['replica_catch_up_s']:.0f} s later",
            flush=True,
        )
        _child(["--logins", str(built["communes"]), "--users", str(args.users)], env)
        page_figures = measure_pages(env, args.users, args.requests, args.workers, args.think)
        for name, r in page_figures.items():
            print(
                f"  {name:<36} 1 user p95 {r['single_p95'] * 1000:6.0f} ms;"
                f" {args.users} users p50 {r['crowd_p50'] * 1000:6.0f} ms,"
                f" p95 {r['crowd_p95'] * 1000:6.0f} ms, {r['throughput']:.0f} req/s",
                flush=True,
            )
        agg = aggregates(primary, replica, env)
        print(
            f"  national aggregates: every commune's tally counted in {agg['count']:.2f} s"
            f" (the baseline, a scan of every person in SQL: {agg['scan']:.2f} s); the nation's"
            f" page from the tallies: primary {agg['primary']:.2f} s,"
            f" replica {agg['replica']:.2f} s",
            flush=True,
        )
        sync = sync_figures(args.sync_changes, env)
        print(
            f"  sync: {sync['changes']:,} changes in {sync['bundles']} bundles applied in"
            f" {sync['apply_seconds']:.2f} s = {sync['changes_per_second']:,.0f} changes/s"
            f" (the baseline, bulk_create of the same rows:"
            f" {sync['baseline_rows_per_second']:,.0f} rows/s)",
            flush=True,
        )
        results.append((fraction, built, page_figures, agg, sync))

    _report(args, results)


def _report(args: argparse.Namespace, results: list[Any]) -> None:
    print()
    print(
        f"Federation on PostgreSQL (primary {args.primary}, replica {args.replica});"
        f" comuna serve with {args.workers} workers, {args.users} users each in another commune,"
        f" {args.requests} requests each, {args.think:g} s between"
    )
    header = "".join(f"{f'size {fraction:g}':>16}" for fraction, *_ in results)
    growth = "      growth" if len(results) > 1 else ""
    print(f"  {'':<48}{header}{growth}")

    def row(label: str, values: list[float], unit: str, scale: float = 1.0) -> None:
        cells = "".join(f"{v * scale:>13.1f} {unit:<2}" for v in values)
        grew = f"{values[-1] / values[0]:>11.1f}x" if len(values) > 1 and values[0] else ""
        print(f"  {label:<48}{cells}{grew}")

    row("people", [b["people"] / 1e6 for _, b, *_ in results], "M")
    row("generation (COPY + ANALYZE)", [b["generate_s"] for _, b, *_ in results], "s")
    for name, _path in TARGETS:
        row(f"{name}: 1 user p95", [p[name]["single_p95"] for _, _, p, *_ in results], "ms", 1000)
        row(
            f"{name}: {args.users} users p95",
            [p[name]["crowd_p95"] for _, _, p, *_ in results],
            "ms",
            1000,
        )
    row("national aggregates: scan in SQL (baseline)", [a["scan"] for *_, a, _ in results], "s")
    row("national tallies counted (primary)", [a["count"] for *_, a, _ in results], "s")
    row(
        "nation's figures from tallies (primary)",
        [a["primary"] for *_, a, _ in results],
        "ms",
        1000,
    )
    row(
        "nation's figures from tallies (replica)",
        [a["replica"] for *_, a, _ in results],
        "ms",
        1000,
    )
    row("sync: changes applied from bundles", [s["changes_per_second"] for *_, s in results], "/s")
    row("sync baseline: bulk_create", [s["baseline_rows_per_second"] for *_, s in results], "/s")
    print(
        "  targets: a commune's page p95 < 50 ms; national aggregates < 5 s;"
        " sync >= 10,000 changes/s"
    )


if __name__ == "__main__":
    main()
