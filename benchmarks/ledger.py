"""Importing, verifying and exporting the books at scale, beside baselines in the same run.

    .venv/bin/python benchmarks/ledger.py [--transfers 1000000] [--export 100000] [--postgres]

Each phase runs in its own process on a fresh database (a temporary ``COMUNA_HOME``):

- import: ``comuna ledger import``'s function (every row checked by the engine, entries
  hashed in one pass, inserted 500 rows per INSERT, in one transaction) on a generated CSV
  of ``--transfers`` rows, against the baseline of ``transfer_post`` called once per
  transfer (each its own transaction, as a form would), timed on a sample;
- verify: ``integrity_check`` (raw rows hashed by ``verify_rows``) against the baseline of
  building an engine ``Entry`` per row and calling the engine's ``verify``;
- export: ``--export`` transfers written to Beancount, and ``bean-check`` timed on them.

With ``DATABASE_URL`` set (or ``--postgres``, which uses postgres://postgres@127.0.0.1/test)
a smaller import and verify (a tenth) also runs on PostgreSQL; that database is flushed.
Targets on a 2-core machine: import ≥ 50,000 transfers/s and verify ≥ 200,000 entries/s on
SQLite, import ≥ 20,000/s on PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SEED = 20250301
PAIRS = (
    ("1.2.01", "4.1.01", "VES"),
    ("5.1.01", "1.2.01", "VES"),
    ("1.2.02", "4.1.02", "VES"),
    ("1.4.04", "4.2.04", "KG"),
    ("5.2.03", "4.2.03", "L"),
    ("1.1.01", "4.1.03", "VES"),
)
BASELINE_SAMPLE = 500


def make_csv(path: Path, count: int) -> None:
    rng = random.Random(SEED)
    with path.open("w", encoding="utf-8") as out:
        out.write("fecha;descripcion;debe;haber;monto;moneda;referencia\n")
        out.write("2025-01-01;Apertura;1.1.01;3.1.01;1000000,00;VES;A-0\n")
        for i in range(count - 1):
            # Only income into assets: no bounded account ever runs short.
            debit, credit, unit = rng.choice((PAIRS[0], PAIRS[2], PAIRS[3], PAIRS[4], PAIRS[5]))
            day = f"2025-{i * 12 // count + 1:02d}-{i % 28 + 1:02d}"
            amount = f"{rng.randint(1, 5000)},{rng.randint(0, 99):02d}"
            out.write(f"{day};Movimiento {i};{debit};{credit};{amount};{unit};R{i}\n")


def _setup() -> Any:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)
    from comuna.core.models import Commune
    from comuna.ledger.chart import chart_ensure

    commune = Commune.objects.create(code="benchmark", name="Comuna de prueba")
    chart_ensure(commune)
    return commune


def phase_books(csv_path: Path) -> dict[str, Any]:
    commune = _setup()
    from comuna.engines.ledger import verify
    from comuna.ledger.importing import ledger_import
    from comuna.ledger.selectors import integrity_check
    from comuna.ledger.storage import DatabaseStorage

    content = csv_path.read_bytes()
    start = time.perf_counter()
    result = ledger_import(commune=commune, content=content, filename="libro.csv", author="b")
    imported = time.perf_counter() - start
    if not result.ok or result.summary is None:
        raise SystemExit(f"the benchmark file was refused: {result.problems[:5]}")
    posted = result.summary.posted
    start = time.perf_counter()
    check = integrity_check(commune)
    verified = time.perf_counter() - start
    assert check.ok and check.count == posted
    start = time.perf_counter()
    baseline = verify(DatabaseStorage(commune).iter_entries())
    baseline_seconds = time.perf_counter() - start
    assert baseline.ok
    return {
        "posted": posted,
        "import_seconds": imported,
        "verify_seconds": verified,
        "verify_baseline_seconds": baseline_seconds,
    }


def phase_naive(count: int) -> dict[str, Any]:
    commune = _setup()
    import datetime as dt

    from comuna.ledger.services import transfer_post

    transfer_post(
        commune=commune, debit="1.1.01", credit="3.1.01", amount=10**12, unit="VES",
        date=dt.date(2025, 1, 1), description="Apertura", author="b",
    )  # fmt: skip
    start = time.perf_counter()
    for i in range(count):
        transfer_post(
            commune=commune, debit="1.2.01", credit="4.1.01", amount=100 + i, unit="VES",
            date=dt.date(2025, 1, 2), description=f"Movimiento {i}", author="b",
        )  # fmt: skip
    return {"posted": count, "seconds": time.perf_counter() - start}


def phase_export(csv_path: Path, out_path: Path) -> dict[str, Any]:
    commune = _setup()
    from comuna.ledger.exporting import export_beancount
    from comuna.ledger.importing import ledger_import

    result = ledger_import(
        commune=commune, content=csv_path.read_bytes(), filename="e.csv", author="b"
    )
    assert result.ok, result.problems[:3]
    start = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as out:
        count = export_beancount(commune, out)
    return {"exported": count, "seconds": time.perf_counter() - start}


def _child(args: list[str], home: Path, database_url: str | None) -> Any:
    env = {**os.environ, "COMUNA_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    done = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{args[:2]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _line(label: str, text: str) -> None:
    print(f"  {label:<52}{text}", flush=True)


def _books(root: Path, count: int, database_url: str | None, name: str) -> None:
    csv_path = root / f"libro-{count}.csv"
    if not csv_path.exists():
        make_csv(csv_path, count)
    books = _child(["--phase", "books", str(csv_path)], root / f"{name}-books", database_url)
    sample = min(BASELINE_SAMPLE, count)
    naive = _child(["--phase", "naive", str(sample)], root / f"{name}-naive", database_url)
    rate = books["posted"] / books["import_seconds"]
    naive_rate = naive["posted"] / naive["seconds"]
    verify_rate = books["posted"] / books["verify_seconds"]
    baseline_rate = books["posted"] / books["verify_baseline_seconds"]
    print(f"{name}: {books['posted']:,} transfers", flush=True)
    _line("import, ledger import (engine batch, multi-row INSERT):",
          f"{books['import_seconds']:8.2f} s {rate:10,.0f} transfers/s")  # fmt: skip
    _line(f"import, baseline (transfer_post x {sample:,}):",
          f"{naive['seconds']:8.2f} s {naive_rate:10,.0f} transfers/s")  # fmt: skip
    _line("import ratio (batch / one by one):", f"{rate / naive_rate:8.1f} x")
    _line("verify, integrity_check (raw rows):",
          f"{books['verify_seconds']:8.2f} s {verify_rate:10,.0f} entries/s")  # fmt: skip
    base_seconds = books["verify_baseline_seconds"]
    _line("verify, baseline (Entry per row + engine verify):",
          f"{base_seconds:8.2f} s {baseline_rate:10,.0f} entries/s")  # fmt: skip
    _line("verify ratio:", f"{verify_rate / baseline_rate:8.1f} x")


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the ledger's import, verify, export.")
    parser.add_argument("--transfers", type=int, default=1_000_000)
    parser.add_argument("--export", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--phase", choices=["books", "naive", "export"], help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "books":
        print(json.dumps(phase_books(Path(args.paths[0]))))
        return
    if args.phase == "naive":
        print(json.dumps(phase_naive(int(args.paths[0]))))
        return
    if args.phase == "export":
        print(json.dumps(phase_export(Path(args.paths[0]), Path(args.paths[1]))))
        return
    database_url = os.environ.get("DATABASE_URL") or (
        "postgres://postgres@127.0.0.1:5432/test" if args.postgres else None
    )
    with tempfile.TemporaryDirectory(prefix="comuna-ledger-bench-") as folder:
        root = Path(folder)
        _books(root, args.transfers, None, "SQLite")
        if database_url:
            _books(root, max(args.transfers // 10, 1000), database_url, "PostgreSQL")
        csv_path = root / f"libro-{args.export}.csv"
        make_csv(csv_path, args.export)
        out = root / "libro.beancount"
        exported = _child(["--phase", "export", str(csv_path), str(out)], root / "export", None)
        bean_check = shutil.which("bean-check") or str(Path(sys.executable).parent / "bean-check")
        print(f"Beancount: {exported['exported']:,} transfers", flush=True)
        _line("export to Beancount:",
              f"{exported['seconds']:8.2f} s {exported['exported'] / exported['seconds']:10,.0f}"
              " transfers/s")  # fmt: skip
        if not Path(bean_check).exists():
            print("  bean-check not installed (pip install beancount): skipped")
            return
        start = time.perf_counter()
        checked = subprocess.run([bean_check, str(out)], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if checked.returncode != 0:
            raise SystemExit(f"bean-check refused the export:\n{checked.stdout[:2000]}")
        rate = exported["exported"] / seconds
        _line("bean-check on the export (accepted):", f"{seconds:8.2f} s {rate:10,.0f} transfers/s")
        _line("ratio (export / bean-check):",
              f"{exported['exported'] / exported['seconds'] / rate:8.1f} x")  # fmt: skip


if __name__ == "__main__":
    main()
