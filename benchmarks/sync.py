"""The synchronisation's throughput: changes per second applied on the server from a commune's
bundles, beside the same rows inserted by plain Django ``bulk_create`` in the same run.

    DATABASE_URL=postgres://…/scratch .venv/bin/python benchmarks/sync.py [--changes 50000]

With ``DATABASE_URL`` unset it runs on a temporary SQLite data folder. A commune's census is
made (24 councils, households, about three people each: ``changes`` rows in all) as on its
laptop, its bundles built (at most 50,000 changes each), the rows taken away as from a
server that never held them, and the bundles applied, timed; then the same rows are inserted
with ``bulk_create`` (the capture quiet, as on a server), timed, as the baseline.

Target (issue 14): at least 10,000 changes per second on PostgreSQL. Figures are printed,
never asserted. ``sync_throughput(changes)`` is importable (the federation's benchmark calls
it with Django set up and the database migrated).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))


def _census(commune: Any, changes: int) -> tuple[list[Any], list[Any], list[Any]]:
    from comuna.census.models import Council, Household, Person

    councils = [
        Council(commune=commune, code=f"CC{n:02}", name=f"Consejo {n}") for n in range(1, 25)
    ]
    households_count = max(1, (changes - len(councils)) // 4)
    households = [
        Household(
            commune=commune,
            council=councils[n % len(councils)],
            reference=f"{n:05}",
            address=f"Calle {n % 90}, casa {n}",
            card_code=uuid.uuid4().hex[:16],
        )
        for n in range(households_count)
    ]
    people_count = max(0, changes - len(councils) - households_count)
    people = [
        Person(
            commune=commune,
            household=households[n % households_count],
            first_names=f"Nombre {n}",
            last_names=f"Apellido {n % 500}",
            birth_date=dt.date(1950 + n % 70, 1 + n % 12, 1 + n % 28),
            search_text=f"nombre {n} apellido {n % 500}",
        )
        for n in range(people_count)
    ]
    return councils, households, people


def _insert(rows: tuple[list[Any], list[Any], list[Any]]) -> None:
    from comuna.census.models import Council, Household, Person

    councils, households, people = rows
    Council.objects.bulk_create(councils, batch_size=2000)
    Household.objects.bulk_create(households, batch_size=2000)
    Person.objects.bulk_create(people, batch_size=2000)


def _take_away(commune: Any) -> None:
    from django.db import transaction

    from comuna.sync import rows
    from comuna.sync.capture import quiet

    with transaction.atomic(), quiet():
        for spec in reversed(rows.communal_specs()):
            keys = [
                str(k)
                for k in spec.model._base_manager.filter(commune=commune).values_list(
                    "uuid", flat=True
                )
            ]
            rows.rows_delete(spec, commune, keys)


def sync_throughput(changes: int) -> dict[str, Any]:
    """Changes per second applied from bundles, and rows per second by ``bulk_create``."""
    from django.db import connection, transaction

    from comuna.core.services import commune_create
    from comuna.engines.sync import key_public
    from comuna.sync import services
    from comuna.sync.capture import quiet
    from comuna.sync.keys import commune_private_key

    commune = commune_create(code=f"sync-{uuid.uuid4().hex[:8]}", name="Comuna de medida")
    services.commune_key_register(
        commune=commune, public_key=key_public(commune_private_key(commune))
    )
    with transaction.atomic():
        _insert(_census(commune, changes))
    start = time.perf_counter()
    bundles = []
    while (data := services.bundle_next(commune, limit=50_000)) is not None:
        bundles.append(data)
    built = time.perf_counter() - start
    _take_away(commune)
    start = time.perf_counter()
    applied = sum(services.bundle_apply(data=data).changes for data in bundles)
    apply_seconds = time.perf_counter() - start
    rows = _census(commune, changes)
    _take_away(commune)
    start = time.perf_counter()
    with transaction.atomic(), quiet():
        _insert(rows)
    baseline_seconds = time.perf_counter() - start
    total = sum(len(part) for part in rows)
    return {
        "database": connection.vendor,
        "changes": applied,
        "bundles": len(bundles),
        "bytes": sum(len(b) for b in bundles),
        "build_seconds": built,
        "apply_seconds": apply_seconds,
        "changes_per_second": applied / apply_seconds if apply_seconds else 0.0,
        "baseline_rows": total,
        "baseline_seconds": baseline_seconds,
        "baseline_rows_per_second": total / baseline_seconds if baseline_seconds else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=50_000)
    arguments = parser.parse_args()
    if not os.environ.get("COMUNA_HOME"):
        os.environ["COMUNA_HOME"] = tempfile.mkdtemp(prefix="comuna-sync-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    result = sync_throughput(arguments.changes)
    print(f"database: {result['database']}")
    print(
        f"bundles built: {result['bundles']} ({result['bytes'] / 1e6:.1f} MB) "
        f"in {result['build_seconds']:.2f} s"
    )
    print(
        f"applied from bundles: {result['changes']} changes in {result['apply_seconds']:.2f} s "
        f"= {result['changes_per_second']:,.0f} changes/s (target ≥ 10,000/s)"
    )
    print(
        f"baseline bulk_create: {result['baseline_rows']} rows in "
        f"{result['baseline_seconds']:.2f} s = {result['baseline_rows_per_second']:,.0f} rows/s"
    )
    ratio = result["baseline_rows_per_second"] / max(result["changes_per_second"], 1e-9)
    print(f"bulk_create is {ratio:.1f}× the sync's rate")


if __name__ == "__main__":
    main()
