"""Reading spreadsheets within limits, and writing the census export, timed beside baselines.

    .venv/bin/python benchmarks/spreadsheets.py [--people 5000] [--export 20000]

Reading (``comuna.core.spreadsheets.sheet_read``, every row to the end or to the refusal):

- the baseline: a normal census of ``--people`` rows, as XLSX and as CSV, and the same XLSX
  through openpyxl's read-only reader (what the imports used before);
- the bombs built by ``tests/bombs.py``: one cell of 400 MiB (about 400 KB packed), four
  million rows (about 250 KB packed), a sheet whose archive index understates its size, and
  the four million rows again with the ratio check turned off, so that the rows are counted
  as they stream until the row limit stops them.

For each, the seconds and the peak of memory the reading allocated (``tracemalloc``, in a
second run; the
bombs unpacked would take 400 MiB and more). The issue measured 55 s and 4.4 GB for the first
bomb through openpyxl, 115 s for the second; they are not run here.

Writing (item 9 of issue 10): the census export of ``--export`` people as XLSX, through
openpyxl's write-only workbook (before) and through ``comuna.core.xlsx.xlsx_write`` (after),
and as CSV. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("COMUNA_HOME", tempfile.mkdtemp(prefix="comuna-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402
from openpyxl.cell import WriteOnlyCell  # noqa: E402
from tests import bombs  # noqa: E402

from comuna.census.importing import SHEET_COLUMNS  # noqa: E402
from comuna.core.refusals import Refusal  # noqa: E402
from comuna.core.spreadsheets import Limits, sheet_read, write_csv, write_xlsx  # noqa: E402

HEADER = [column.name for column in SHEET_COLUMNS]
NAMES = "María José Luis Carlos Ana Rosa Yusmary Yorman Wilmer Ángel Daniela Andrés".split()
SURNAMES = "Pérez Rodríguez González Hernández García Rojas Rivas Briceño Colmenares".split()


def census_rows(people: int, seed: int = 1) -> list[list[Any]]:
    rng = random.Random(seed)  # noqa: S311 - invented data
    rows: list[list[Any]] = []
    for n in range(people):
        household = n // 3 + 1
        rows.append(
            [
                f"CC{household % 24 + 1:02}",
                f"{household:04}",
                f"Calle {rng.randint(1, 40)}, casa {rng.randint(1, 200)}" if n % 3 == 0 else "",
                " ".join(rng.sample(NAMES, 2)),
                " ".join(rng.sample(SURNAMES, 2)),
                f"V-{rng.randint(5_000_000, 35_000_000):,}".replace(",", "."),
                dt.date(1930, 1, 1) + dt.timedelta(days=rng.randint(0, 34_000)),
                rng.choice("FM"),
            ]
        )
    return rows


def measured(work: Callable[[], str]) -> tuple[float, int, str]:
    """Seconds ``work`` takes, the peak of memory it allocates, and what it says it did.

    Timed once as it runs, then run again under ``tracemalloc`` (which slows Python down
    several times) for the memory alone."""
    started = time.perf_counter()
    said = work()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        work()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return seconds, peak, said


def read_all(content: bytes, limits: Limits = Limits()) -> Callable[[], str]:  # noqa: B008
    def work() -> str:
        try:
            rows = sum(1 for _ in sheet_read(content, SHEET_COLUMNS, limits=limits))
        except Refusal as refusal:
            return f"refused ({refusal.code}): {refusal.message}"
        return f"{rows:,} rows read"

    return work


def openpyxl_read_all(content: bytes) -> Callable[[], str]:
    def work() -> str:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        rows = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
        return f"{rows:,} rows read"

    return work


def openpyxl_write(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The census export as it was written before: openpyxl's write-only workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="censo")
    sheet.append(list(header))
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            else:
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def line(what: str, seconds: float, peak: int, said: str) -> None:
    print(f"  {what:<48} {seconds:8.2f} s  {peak / 2**20:8.1f} MiB  {said}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--export", type=int, default=20_000)
    options = parser.parse_args()
    translation.activate("es")

    rows = census_rows(options.people)
    normal_xlsx = write_xlsx(HEADER, rows, title="censo")
    normal_csv = write_csv(HEADER, rows)
    print(f"Reading (seconds, peak memory allocated, outcome); a census of {options.people:,}:")
    line("baseline: census XLSX, openpyxl (before)", *measured(openpyxl_read_all(normal_xlsx)))
    line("baseline: census XLSX, streamed within limits", *measured(read_all(normal_xlsx)))
    line("baseline: census CSV, within limits", *measured(read_all(normal_csv)))
    cell_bomb, rows_bomb, lying_bomb = (
        bombs.single_cell_bomb(),
        bombs.rows_bomb(),
        bombs.lying_bomb(),
    )
    size = f"{len(cell_bomb) / 1000:.0f} KB"
    line(f"bomb: one cell of 400 MiB ({size})", *measured(read_all(cell_bomb)))
    line(
        "bomb: the same, size and ratio checks off",
        *measured(read_all(cell_bomb, Limits(unpacked_bytes=2**31, ratio=10**9))),
    )
    line(f"bomb: 4 million rows ({len(rows_bomb) / 1000:.0f} KB)", *measured(read_all(rows_bomb)))
    line(
        "bomb: the same, ratio check off (rows counted)",
        *measured(read_all(rows_bomb, Limits(ratio=10**9))),
    )
    line("bomb: index declares 1,000 bytes of 400 MiB", *measured(read_all(lying_bomb)))

    people = census_rows(options.export, seed=2)
    print(f"\nWriting the census export of {options.export:,} people:")
    line(
        "XLSX, openpyxl write-only (before)",
        *measured(lambda: f"{len(openpyxl_write(HEADER, people)) / 1000:.0f} KB"),
    )
    line(
        "XLSX, streamed inline text (after)",
        *measured(lambda: f"{len(write_xlsx(HEADER, people, title='censo')) / 1000:.0f} KB"),
    )
    line("CSV", *measured(lambda: f"{len(write_csv(HEADER, people)) / 1000:.0f} KB"))


if __name__ == "__main__":
    main()
