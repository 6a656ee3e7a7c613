from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from openpyxl import Workbook

from comuna.core.models import Commune
from comuna.ledger import chart
from comuna.ledger.models import Entry
from comuna.ledger.services import statement_approve, statement_close
from tests.processes import COMUNA, comuna_env, migrated_home

HEADER = "fecha;descripcion;debe;haber;monto;moneda;referencia"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")


def ledger(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ledger", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refusal(*args: str) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("ledger", *args, stdout=io.StringIO(), stderr=err)
    return raised.value, err.getvalue()


def write(tmp_path: Path, *lines: str, name: str = "libro.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


GOOD = (
    "2025-01-02;Aporte inicial;1.1.01;3.1.01;1.500,00;VES;A-1",
    "02/01/2025;Venta de cartón;1.2.02;4.1.02;1200,50;Bs;F-12",
    "2025-01-03;Gasoil;5.1.02;1.2.02;100;VES;",
)


def test_accounts_lists_the_chart_code_first(commune: Commune) -> None:
    out, _err = ledger("accounts")
    lines = out.splitlines()
    assert len(lines) == len(chart.standard_chart())
    assert lines[0].startswith(f"{chart.BANK_VES}\t")


def test_import_posts_a_file_and_verify_prints_count_and_head(
    commune: Commune, tmp_path: Path
) -> None:
    out, _err = ledger("import", str(write(tmp_path, *GOOD)))
    assert "Posted 3 transfers" in out
    out, _err = ledger("verify")
    head = Entry.objects.get(sequence=3).hash
    assert f"3 entries, head {head}" in out


def test_the_same_file_is_not_imported_twice(commune: Commune, tmp_path: Path) -> None:
    path = write(tmp_path, *GOOD)
    ledger("import", str(path))
    error, err = refusal("import", str(path))
    assert error.returncode == 1
    assert "already been imported" in err
    assert Entry.objects.count() == 3


def test_a_file_with_bad_rows_is_rejected_whole_naming_each_row(
    commune: Commune, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "2025-13-02;Bad date;1.1.01;3.1.01;10;VES;",
        "2025-01-02;Unknown;9.9.9;3.1.01;10;VES;",
        "2025-01-02;Negative;1.1.01;3.1.01;-10;VES;",
        "2025-01-02;Currency;1.1.01;3.1.01;10;XYZ;",
        "2025-01-02;Mismatch;1.1.01;3.1.02;10;VES;",
        "2025-01-02;Good;1.1.01;3.1.01;10;VES;",
        "2025-01-02;Too much;5.1.01;1.3.02;10;VES;",
    )
    error, err = refusal("import", str(path))
    assert error.returncode == 1
    for row, words in (
        (2, "not a date"),
        (3, "no account 9.9.9"),
        (4, "negative"),
        (5, "XYZ"),
        (6, "same unit"),
        (8, "does not have enough"),
    ):
        assert f"Row {row}: " in err and words in err
    assert "Row 7" not in err
    assert not Entry.objects.exists()


def test_english_columns_and_xlsx_are_read(commune: Commune, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["date", "description", "debit", "credit", "amount", "currency"])
    import datetime as dt

    sheet.append([dt.date(2025, 1, 2), "Opening", "1.1.01", "3.1.01", 1500.5, "VES"])
    path = tmp_path / "books.xlsx"
    book.save(path)
    ledger("import", str(path))
    assert Entry.objects.get().amount == 150050


def test_a_missing_column_is_named(commune: Commune, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("fecha;descripcion;debe;haber;monto\n2025-01-02;x;1.1.01;3.1.01;1\n")
    error, err = refusal("import", str(path))
    assert "moneda" in err


def test_verify_names_the_first_changed_entry(commune: Commune, tmp_path: Path) -> None:
    ledger("import", str(write(tmp_path, *GOOD)))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_entry SET description = 'X' WHERE sequence = 2")
    error = refusal("verify")[0]
    assert error.returncode == 1
    assert "entry 2: its contents do not match its hash" in str(error)


def test_verify_head_passes_before_and_fails_after_a_change(
    commune: Commune, tmp_path: Path
) -> None:
    import datetime as dt

    ledger("import", str(write(tmp_path, *GOOD)))
    statement = statement_close(
        commune=commune, start=dt.date(2025, 1, 1), end=dt.date(2025, 1, 31)
    )
    statement_approve(statement=statement, approved_on=dt.date(2025, 2, 1), meeting_reference="P")
    out, _err = ledger("verify", "--head", statement.head[:16])
    assert "entry 3 of today's chain" in out
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_entry SET amount = 1 WHERE sequence = 1")
    assert refusal("verify", "--head", statement.head)[0].returncode == 1


def test_verify_refuses_a_head_that_is_not_there(commune: Commune, tmp_path: Path) -> None:
    ledger("import", str(write(tmp_path, *GOOD)))
    assert refusal("verify", "--head", "ab" * 8)[0].returncode == 1
    assert refusal("verify", "--head", "nothex")[0].returncode == 1


def test_export_csv_reimports_elsewhere(commune: Commune, tmp_path: Path) -> None:
    ledger("import", str(write(tmp_path, *GOOD)))
    out = tmp_path / "out.csv"
    ledger("export", "--format", "csv", str(out))
    text = out.read_text()
    assert "1200.50" in text and Entry.objects.get(sequence=2).hash in text


def test_a_beancount_export_passes_bean_check(commune: Commune, tmp_path: Path) -> None:
    bean_check = shutil.which("bean-check") or str(Path(sys.executable).parent / "bean-check")
    if not Path(bean_check).exists():
        pytest.skip("bean-check is not installed (pip install beancount)")
    ledger("import", str(write(tmp_path, *GOOD)))
    out = tmp_path / "books.beancount"
    ledger("export", "--format", "beancount", str(out))
    checked = subprocess.run([bean_check, str(out)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Assets:C1-1-01" in out.read_text()


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMUNA, *args], env=comuna_env(home), capture_output=True, text=True, check=False
    )


@pytest.mark.embedded
def test_a_killed_import_leaves_all_or_nothing_and_the_books_verify(tmp_path: Path) -> None:
    home = tmp_path / "home"
    migrated_home(home)
    created = _run(
        home,
        "shell",
        "-c",
        "from comuna.core.services import commune_create; commune_create(code='c', name='C')",
    )
    assert created.returncode == 0, created.stderr
    rows = 120_000
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER + "\n")
        for i in range(rows):
            out.write(f"2025-01-02;Aporte {i};1.1.01;3.1.01;{i % 500 + 1},00;VES;R{i}\n")
    process = subprocess.Popen(
        [*COMUNA, "ledger", "import", str(path)],
        env=comuna_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    wal = home / "comuna.sqlite3-wal"
    deadline = time.monotonic() + 120
    # Wait until the import is writing entries (the write-ahead log grows), then kill it.
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the import ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    verify = _run(home, "ledger", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "verify: 0 entries" in verify.stdout
    # The interrupted file can then be imported whole.
    again = _run(home, "ledger", "import", str(path))
    assert again.returncode == 0, again.stderr
    assert f"verify: {rows} entries" in _run(home, "ledger", "verify").stdout


@pytest.mark.embedded
def test_two_imports_of_one_file_at_the_same_moment_post_it_once(tmp_path: Path) -> None:
    """Two processes confirm the same file at once: one posts it, the other is refused."""
    home = tmp_path / "home"
    migrated_home(home)
    create = "from comuna.core.models import Commune; Commune.objects.create(code='c', name='C')"
    assert _run(home, "shell", "-c", create).returncode == 0
    rows = 5_000
    path = tmp_path / "libro.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER + "\n")
        for i in range(rows):
            out.write(f"2025-01-02;Aporte {i};1.1.01;3.1.01;{i % 500 + 1},00;VES;R{i}\n")
    both = [
        subprocess.Popen(
            [*COMUNA, "ledger", "import", str(path)],
            env=comuna_env(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    done = [process.communicate(timeout=300) for process in both]
    assert sorted(process.returncode for process in both) == [0, 1], done
    refused = next(
        err for process, (_out, err) in zip(both, done, strict=True) if process.returncode
    )
    assert "This file has already been imported." in refused
    assert f"verify: {rows} entries" in _run(home, "ledger", "verify").stdout


def test_export_csv_quotes_a_description_a_spreadsheet_would_run(
    commune: Commune, tmp_path: Path
) -> None:
    ledger(
        "import",
        str(write(tmp_path, "2025-01-02;@SUM(1+1)*cmd|' /C calc'!A0;1.1.01;3.1.01;10;VES;")),
    )
    out = tmp_path / "out.csv"
    ledger("export", "--format", "csv", str(out))
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[1][1] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows[1][4] == "10.00"
