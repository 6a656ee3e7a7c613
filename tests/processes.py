"""Running the ``comuna`` command in a process of its own, as a user would."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

COMUNA = [sys.executable, "-m", "comuna"]
DATABASE = "comuna.sqlite3"


def comuna_env(home: Path, language: str = "en") -> dict[str, str]:
    """The environment for a ``comuna`` process with its own data folder and SQLite database."""
    env = {**os.environ, "COMUNA_HOME": str(home), "COMUNA_LANGUAGE": language}
    env["PYTHONUNBUFFERED"] = "1"
    # Never the database of the test run (PostgreSQL in CI), never debug mode.
    for name in ("DATABASE_URL", "COMUNA_DEBUG", "COMUNA_SECRET_KEY"):
        env.pop(name, None)
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


_MIGRATED: list[Path] = []  # the session's migrated data folder, once made


def migrated_home(home: Path) -> Path:
    """``home`` as a data folder whose SQLite database is already migrated.

    Migrating a new database takes a long while, and many tests start ``comuna`` in a folder
    of their own: the first call migrates one folder for the session, every call copies its
    database (a file the migrating process closed: no write-ahead log is left behind).
    """
    if not _MIGRATED:
        template = Path(tempfile.mkdtemp(prefix="comuna-migrated-"))
        done = subprocess.run(
            [*COMUNA, "migrate", "-v0"],
            env=comuna_env(template),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        _MIGRATED.append(template)
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copy2(_MIGRATED[0] / DATABASE, home / DATABASE)
    return home


_DEMO: list[tuple[Path, str]] = []  # the session's demo data folder and what building it said


def demo_home_built() -> tuple[Path, str]:
    """A data folder where ``comuna demo --no-serve`` built the demo, once per session, and
    what the command printed. Read it, or copy it (``demo_home_copy``) to change it."""
    if not _DEMO:
        home = Path(tempfile.mkdtemp(prefix="comuna-demo-"))
        done = subprocess.run(
            [*COMUNA, "demo", "--no-serve"],
            env=comuna_env(home),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        _DEMO.append((home, done.stdout))
    return _DEMO[0]


def demo_home_copy(home: Path) -> Path:
    """``home`` as a copy of the session's demo data folder."""
    shutil.copytree(demo_home_built()[0], home, dirs_exist_ok=True)
    home.chmod(0o700)
    return home
