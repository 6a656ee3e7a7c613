"""Running the ``comuna`` command in a process of its own, as a user would."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

COMUNA = [sys.executable, "-m", "comuna"]


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
