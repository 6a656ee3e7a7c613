"""Sharing a co-managed enterprise's month into its communes' books, beside posting the same
transfers into one book, same run.

    PYTHONPATH=src python benchmarks/comanaged.py [--communes 3 30] [--months 12]

Builds, in a temporary ``COMUNA_HOME`` (or the database of ``DATABASE_URL``, flushed first:
point it at a scratch database), a host commune and its neighbours, registers a plant that
serves them all, records ``--months`` months of results and times ``result_apply`` on each
(the host's postings, then one in each served commune's own books, under their locks, once).
The baseline posts the same number of transfers into the host's book alone with
``transfers_post_many``. Prints the median and the worst of both, per size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)


def _run(size: int, months: int) -> tuple[list[float], list[float]]:
    from comuna.comanaged import services
    from comuna.core.services import commune_create
    from comuna.engines.ledger import Transfer
    from comuna.ledger import chart
    from comuna.ledger.services import transfers_post_many

    communes = [commune_create(code=f"b{size}-{n}", name=f"Comuna {size}-{n}") for n in range(size)]
    share = 9000 // size
    plant = services.comanaged_register(
        commune=communes[0],
        name=f"Planta {size}",
        activity="Harina",
        registered_on=dt.date(2024, 1, 1),
        fund_basis_points=1000,
        served=[(c, share) for c in communes],
    )
    starts = [dt.date(2025 + (m // 12), m % 12 + 1, 1) for m in range(months)]
    results = [
        services.result_record(
            comanaged=plant,
            kind="month",
            start=start,
            income=150_000_00,
            wages=60_000_00,
            maintenance=8_000_00,
            materials=45_000_00,
        )
        for start in starts
    ]
    applied = []
    for result in results:
        began = time.perf_counter()
        services.result_apply(result=result, by="benchmark")
        applied.append(time.perf_counter() - began)
    baseline = []
    transfers_per_month = 5 + 2 * size
    for m, start in enumerate(starts):
        batch = [
            Transfer(
                debit=chart.EXPENSE_OTHER,
                credit=chart.BANK_VES,
                amount=1,
                unit="VES",
                date=start,
                description="baseline",
                author="benchmark",
                idempotency_key=f"baseline:{size}:{m}:{i}",
            )
            for i in range(transfers_per_month)
        ]
        transfers_post_many(
            commune=communes[0],
            transfers=[
                Transfer(
                    debit=chart.BANK_VES,
                    credit=chart.CAPITAL_VES,
                    amount=transfers_per_month,
                    unit="VES",
                    date=start,
                    description="capital",
                    author="benchmark",
                    idempotency_key=f"capital:{size}:{m}",
                )
            ],
        )
        began = time.perf_counter()
        transfers_post_many(commune=communes[0], transfers=batch)
        baseline.append(time.perf_counter() - began)
    return applied, baseline


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, nargs="+", default=[3, 30])
    parser.add_argument("--months", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ.setdefault("COMUNA_HOME", home)
        _setup()
        print(f"{'communes':>8}  {'apply p50':>10}  {'apply max':>10}  {'baseline p50':>12}")
        for size in args.communes:
            applied, baseline = _run(size, args.months)
            print(
                f"{size:>8}  {statistics.median(applied) * 1000:>8.1f}ms  "
                f"{max(applied) * 1000:>8.1f}ms  {statistics.median(baseline) * 1000:>10.1f}ms"
            )


if __name__ == "__main__":
    main()
