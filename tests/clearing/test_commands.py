"""``comuna clearing run``: a CSV of obligations in, ``id,cleared`` out, with no database."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.processes import COMUNA, comuna_env

CYCLE = "id,debtor,creditor,amount\n1,A,B,100\n2,B,C,80\n3,C,A,50\n4,A,B,30\n"


def _run(tmp_path: Path, text: str, *, language: str = "es") -> tuple[str, str, Path]:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COMUNA_LANGUAGE", language)
        call_command("clearing", "run", str(source), "--out", str(target), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), target


def test_run_writes_what_each_obligation_cleared_and_prints_the_totals(tmp_path: Path) -> None:
    # No django_db mark: any query would fail the test.
    out, _err, target = _run(tmp_path, CYCLE)
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert rows == [["id", "cleared"], ["1", "50"], ["2", "50"], ["3", "50"], ["4", "0"]]
    assert "Deuda total: 260" in out
    assert "Total compensado: 150" in out
    assert "Tiempo:" in out


def test_run_speaks_english_when_asked(tmp_path: Path) -> None:
    out, _err, _target = _run(tmp_path, CYCLE, language="en")
    assert "Total debt: 260" in out and "Total cleared: 150" in out


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("id,debtor,creditor,amount\n1,A,A,10\n2,A,B,-5\n3,A,B,x\n1,B,C,4\n", ["2", "3", "4", "5"]),
        ("id,debtor,creditor,amount\n1,A,B\n2,A,B,0\n", ["2", "3"]),
        ("a,b\n1,A,B,5\n", ["1"]),
    ],
)
def test_bad_lines_are_named_and_nothing_is_written(
    tmp_path: Path, text: str, lines: list[str]
) -> None:
    with pytest.raises(CommandError) as refused:
        _run(tmp_path, text)
    assert refused.value.returncode == 1
    assert "no se escribió nada" in str(refused.value)
    assert not (tmp_path / "out.csv").exists()


def test_bad_lines_are_printed_one_by_one(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,debtor,creditor,amount\n1,A,A,10\n2,A,B,-5\n3,A,B,2\n", "utf-8")
    done = subprocess.run(  # noqa: S603 - our own command
        [*COMUNA, "clearing", "run", str(source), "--out", str(tmp_path / "out.csv")],
        env=comuna_env(tmp_path / "home", "es"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Línea 2: A no puede deberse a sí misma." in done.stderr
    assert "Línea 3: el monto debe ser mayor que cero." in done.stderr
    assert "Línea 4" not in done.stderr
    assert not (tmp_path / "out.csv").exists()


def test_run_needs_no_database(tmp_path: Path) -> None:
    """An empty data folder, no migrations: the command clears and creates no database."""
    home = tmp_path / "home"
    home.mkdir()
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(CYCLE, encoding="utf-8")
    done = subprocess.run(  # noqa: S603 - our own command
        [*COMUNA, "clearing", "run", str(source), "--out", str(target)],
        env=comuna_env(home, "es"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "Total compensado: 150" in done.stdout
    assert target.read_text(encoding="utf-8").startswith("id,cleared\n1,50\n")
    assert not list(home.glob("*.sqlite3"))


def test_a_missing_file_is_a_file_problem(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("clearing", "run", str(tmp_path / "none.csv"), "--out", str(tmp_path / "o"))
    assert refused.value.returncode == 2
