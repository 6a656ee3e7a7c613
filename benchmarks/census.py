"""Importing a full commune's census and searching it, beside naive baselines in the same run.

    .venv/bin/python benchmarks/census.py [--people 20000] [--councils 24] [--queries 200]

A 20,000-person CSV (about 6,600 households in 24 councils, ID numbers for about 85% of the
people, written the way communes write them) is generated once; then, each in its own process
on its own fresh database (a temporary ``COMUNA_HOME``; with ``DATABASE_URL`` set, that
database is flushed before each phase, so point it at a scratch database):

- import: ``census_import`` (every row checked, then bulk inserts in one transaction) against
  the naive baseline, the same rows saved one by one through the ordinary services
  ``household_create`` and ``person_create``, each call its own transaction;
- search: ``people_search`` (the folded ``search_text`` column) for names and ID prefixes,
  against the naive baseline of loading every active person and folding and matching their
  names in Python for each query.

Both sides of each pair run in the same invocation and print side by side, with the ratio.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FIRST_NAMES = (
    "María José Luis Carlos Ana Rosa Carmen Pedro Juan Yusmary Yorman Wilmer Yelitza Ángel "
    "Daniela Andrés Gabriela Jesús Francisco Leidy Oriana Keiber Josefina Ramón Nelson Belkis "
    "Mariela Darwin Yohana Eduardo Ingrid Rafael Marisol Antonio Beatriz Héctor Lisbeth Óscar"
).split()
LAST_NAMES = (
    "Pérez Rodríguez González Hernández García Martínez López Díaz Rojas Sánchez Ramírez Torres "
    "Flores Rivas Mendoza Gutiérrez Castillo Moreno Romero Álvarez Suárez Blanco Medina Muñoz "
    "Peña Briceño Colmenares Villegas Guzmán Contreras Salazar Marcano Quintero Zambrano"
).split()
STREETS = ("Calle", "Vereda", "Avenida", "Callejón", "Sector")
HEADER = ["consejo_comunal", "hogar", "direccion", "nombres", "apellidos", "cedula",
          "fecha_nacimiento", "sexo"]  # fmt: skip
SEED = 20250301


# --- The file ------------------------------------------------------------------------------


def make_rows(people: int, councils: int, rng: random.Random) -> list[list[str]]:
    codes = [f"CC{n + 1:02}" for n in range(councils)]
    ids = rng.sample(range(5_000_000, 35_000_000), people)
    rows: list[list[str]] = []
    household = 0
    while len(rows) < people:
        household += 1
        code = codes[household % councils]
        reference = f"{household // councils + 1:04}"
        address = f"{rng.choice(STREETS)} {rng.randint(1, 40)}, casa {rng.randint(1, 200)}"
        family = rng.choice(LAST_NAMES)
        for member in range(min(rng.choice((1, 2, 2, 3, 3, 3, 3, 4, 4, 5)), people - len(rows))):
            number = ids[len(rows)]
            national_id = ""
            if rng.random() < 0.85:
                national_id = rng.choice((f"V-{number:,}".replace(",", "."), str(number)))
            born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randint(0, 34_000))
            rows.append(
                [
                    code,
                    reference,
                    address if member == 0 else "",
                    " ".join(rng.sample(FIRST_NAMES, rng.choice((1, 2)))),
                    f"{family} {rng.choice(LAST_NAMES)}",
                    national_id,
                    born.strftime("%d/%m/%Y"),
                    rng.choice("FM"),
                ]
            )
    return rows


def as_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def make_queries(rows: list[list[str]], count: int, rng: random.Random) -> list[str]:
    queries: list[str] = []
    for _ in range(count):
        row = rng.choice(rows)
        kind = rng.random()
        if kind < 0.4:
            queries.append(row[4].split()[0].lower())  # a surname, as typed: "perez"
        elif kind < 0.7:
            queries.append(f"{row[3].split()[0]} {row[4].split()[0]}")  # "María Pérez"
        else:
            number = str(rng.randint(5_000_000, 34_999_999))
            queries.append(number[: rng.randint(4, 6)])  # an ID prefix: "12345"
    return queries


# --- One phase, in a fresh process and database ---------------------------------------------


def _setup() -> Any:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)
    from comuna.census.models import Council
    from comuna.core.models import Commune
    from comuna.users.models import Role, User

    commune = Commune.objects.create(code="benchmark", name="Comuna de prueba")
    councils = int(os.environ["BENCHMARK_COUNCILS"])
    Council.objects.bulk_create(
        Council(commune=commune, code=f"CC{n + 1:02}", name=f"Consejo {n + 1}")
        for n in range(councils)
    )
    return User.objects.create(username="admin", role=Role.ADMIN)


def _bulk_import(content: bytes) -> dict[str, Any]:
    from comuna.census.importing import census_import

    start = time.perf_counter()
    result = census_import(content=content, filename="censo.csv", council_code=None, by=None)
    seconds = time.perf_counter() - start
    if not result.ok or result.summary is None:
        raise SystemExit(f"the benchmark file was refused: {result.problems[:5]}")
    return {
        "people": result.summary.people_created,
        "households": result.summary.households_created,
        "seconds": seconds,
    }


def _naive_import(content: bytes) -> dict[str, Any]:
    from comuna.census import services
    from comuna.census.models import Council, Household

    councils = {council.code: council for council in Council.objects.all()}
    households: dict[tuple[str, str], Household] = {}
    reader = csv.DictReader(io.StringIO(content.decode("utf-8")), delimiter=";")
    start = time.perf_counter()
    people = 0
    for row in reader:
        key = (row["consejo_comunal"], row["hogar"])
        first_member = key not in households
        if first_member:
            households[key] = services.household_create(
                council=councils[key[0]], reference=key[1], address=row["direccion"]
            )
        services.person_create(
            household=households[key],
            first_names=row["nombres"],
            last_names=row["apellidos"],
            national_id=row["cedula"] or None,
            birth_date=dt.datetime.strptime(row["fecha_nacimiento"], "%d/%m/%Y").date(),  # noqa: DTZ007
            sex=row["sexo"],
            is_head=first_member,
        )
        people += 1
    return {"people": people, "households": len(households), "seconds": time.perf_counter() - start}


def _time_queries(queries: list[str], search: Any) -> dict[str, Any]:
    times: list[float] = []
    found = 0
    for query in queries:
        start = time.perf_counter()
        found += len(search(query))
        times.append(time.perf_counter() - start)
    ordered = sorted(times)
    return {
        "seconds": sum(times),
        "p50": statistics.median(ordered),
        "p95": ordered[int(len(ordered) * 0.95) - 1],
        "found": found,
    }


def _searches(user: Any, queries: list[str]) -> dict[str, Any]:
    from comuna.census.identity import fold
    from comuna.census.models import Person, PersonStatus
    from comuna.census.selectors import people_search

    def fast(query: str) -> list[Any]:
        return list(people_search(user, query))

    def naive(query: str) -> list[Any]:
        # What one writes without a search column: every person, folded and matched per query.
        words = [fold(word) for word in query.replace(".", "").replace("-", " ").split()]
        matches = []
        everyone = Person.objects.filter(status=PersonStatus.ACTIVE).values_list(
            "pk", "first_names", "last_names", "national_id"
        )
        for pk, first, last, national_id in everyone:
            text = f"{fold(first)} {fold(last)} {national_id or ''}"
            if all(word in text for word in words):
                matches.append(pk)
        return sorted(matches)[:25]

    return {"fast": _time_queries(queries, fast), "naive": _time_queries(queries, naive)}


def run_phase(phase: str, csv_path: Path, queries_path: Path) -> None:
    user = _setup()
    content = csv_path.read_bytes()
    if phase == "bulk":
        figures = _bulk_import(content)
        figures["search"] = _searches(user, json.loads(queries_path.read_text()))
    else:
        figures = _naive_import(content)
    print(json.dumps(figures))


# --- The run ------------------------------------------------------------------------------


def _child(phase: str, home: Path, csv_path: Path, queries_path: Path, councils: int) -> Any:
    env = {**os.environ, "COMUNA_HOME": str(home), "BENCHMARK_COUNCILS": str(councils)}
    done = subprocess.run(
        [sys.executable, __file__, "--phase", phase, str(csv_path), str(queries_path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{phase} phase failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _line(label: str, text: str) -> None:
    print(f"  {label:<46}{text}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Time census import and search.")
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--councils", type=int, default=24)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--phase", choices=["bulk", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        run_phase(args.phase, Path(args.paths[0]), Path(args.paths[1]))
        return

    rng = random.Random(SEED)
    rows = make_rows(args.people, args.councils, rng)
    queries = make_queries(rows, args.queries, rng)
    with tempfile.TemporaryDirectory(prefix="comuna-bench-") as folder:
        root = Path(folder)
        csv_path, queries_path = root / "censo.csv", root / "queries.json"
        csv_path.write_bytes(as_csv(rows))
        queries_path.write_text(json.dumps(queries))
        bulk = _child("bulk", root / "bulk", csv_path, queries_path, args.councils)
        naive = _child("naive", root / "naive", csv_path, queries_path, args.councils)

    database = "PostgreSQL/DATABASE_URL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(
        f"Census: {bulk['people']:,} people, {bulk['households']:,} households, "
        f"{args.councils} councils, one CSV file ({database}, each import on a fresh database)"
    )
    bulk_rate = bulk["people"] / bulk["seconds"]
    naive_rate = naive["people"] / naive["seconds"]
    _line(
        "import, census_import (checked, bulk):",
        f"{bulk['seconds']:8.2f} s  {bulk_rate:9,.0f} people/s",
    )
    _line(
        "import, baseline (row by row, services):",
        f"{naive['seconds']:8.2f} s  {naive_rate:9,.0f} people/s",
    )
    _line("import ratio (census_import / baseline):", f"{bulk_rate / naive_rate:8.1f} x")
    print(f"Search: {args.queries} queries (surnames, first name + surname, ID prefixes)")
    for label, key in (
        ("search, people_search (search_text):", "fast"),
        ("search, baseline (every row folded in Python):", "naive"),
    ):
        figures = bulk["search"][key]
        _line(
            label,
            f"{args.queries / figures['seconds']:8.1f} queries/s  "
            f"p50 {figures['p50'] * 1000:6.1f} ms  p95 {figures['p95'] * 1000:6.1f} ms",
        )
    fast, slow = bulk["search"]["fast"], bulk["search"]["naive"]
    _line("search ratio (people_search / baseline):", f"{slow['seconds'] / fast['seconds']:8.1f} x")


if __name__ == "__main__":
    main()
