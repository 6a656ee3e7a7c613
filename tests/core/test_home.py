"""The data folder and everything in it belong to the account that runs Comuna alone."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from comuna.core.home import home_make_private
from tests.processes import COMUNA, comuna_env, migrated_home


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _everything(home: Path) -> list[Path]:
    return [home, *home.rglob("*")]


def test_an_open_folder_is_closed_to_other_accounts_and_what_was_open_is_named(
    tmp_path: Path,
) -> None:
    home = tmp_path / "comuna"
    (home / "static").mkdir(parents=True)
    for name in ("comuna.sqlite3", "comuna.sqlite3-wal", "comuna.sqlite3-shm", "secret_key"):
        (home / name).write_text("x")
        (home / name).chmod(0o644)
    (home / "notas.txt").write_text("not Comuna's")
    (home / "notas.txt").chmod(0o644)
    home.chmod(0o755)
    (home / "static").chmod(0o775)
    (home / "secret_key").chmod(0o640)

    closed = home_make_private(home)

    assert home in closed and home / "secret_key" in closed and home / "notas.txt" not in closed
    assert _mode(home) == _mode(home / "static") == 0o700
    assert _mode(home / "notas.txt") == 0o644  # someone else's file in the folder: left alone
    for name in ("comuna.sqlite3", "comuna.sqlite3-wal", "comuna.sqlite3-shm", "secret_key"):
        assert _mode(home / name) == 0o600
    assert home_make_private(home) == []


@pytest.mark.embedded
def test_a_new_data_folder_and_its_database_are_for_their_owner_alone(tmp_path: Path) -> None:
    home = tmp_path / "nueva"
    # Any command that opens the database makes the folder, the key and the database file;
    # this one reads the migrations without the minute that applying them takes.
    done = subprocess.run(
        [*COMUNA, "showmigrations", "core"],
        env=comuna_env(home),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "could be read" not in done.stderr
    assert (home / "comuna.sqlite3").exists() and (home / "secret_key").exists()
    for path in _everything(home):
        assert _mode(path) & 0o077 == 0, path


@pytest.mark.embedded
def test_an_existing_world_readable_folder_is_closed_at_start_with_a_message(
    tmp_path: Path,
) -> None:
    home = migrated_home(tmp_path / "vieja")
    for path in _everything(home):
        path.chmod(0o755 if path.is_dir() else 0o644)

    done = subprocess.run(
        [*COMUNA, "commune", "list"],
        env=comuna_env(home, language="es"),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )

    assert f"La carpeta de datos {home.resolve()}" in done.stderr
    assert "ahora es solo tuya" in done.stderr
    for path in _everything(home):
        assert _mode(path) & 0o077 == 0, path
