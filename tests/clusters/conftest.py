"""The clusters of ``scripts/pg-clusters`` (two cities, a replica, a national server), started
once for the tests marked ``clusters``.

They run in the PostgreSQL run of ``.ci/run`` (``DATABASE_URL`` set) and are skipped in the
SQLite one, and wherever PostgreSQL's server programs are not installed. By default the
clusters live in a temporary folder and are stopped at the end; with ``PG_CLUSTERS_BASE`` set,
the clusters there are reused (started if need be) and left running, which saves the minute a
first start takes (one ``comuna migrate``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "pg-clusters"


def _pg_bin() -> Path | None:
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if found:
        return found[-1]
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not os.environ.get("DATABASE_URL"):
        reason = "needs PostgreSQL's clusters: runs in the PostgreSQL run (DATABASE_URL set)"
    elif (_pg_bin() or Path("/nonexistent")).joinpath("initdb").exists():
        return
    else:
        reason = "PostgreSQL's server programs (initdb, pg_ctl) are not installed"
    for item in items:
        if item.get_closest_marker("clusters") is not None:
            item.add_marker(pytest.mark.skip(reason=reason))


@dataclass
class Clusters:
    base: Path
    ports: dict[str, int]

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.ports[name]}/comuna"

    def query(self, name: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(self.url(name), autocommit=True) as connection:
            return connection.execute(sql, params).fetchall()  # type: ignore[arg-type]

    def probe(self, action: str, argument: str, **env: str) -> dict[str, Any]:
        """Run ``tests/clusters/probe.py`` against the clusters (``DATABASE_URL`` etc.)."""
        done = subprocess.run(
            [sys.executable, "-m", "tests.clusters.probe", action, argument],
            cwd=ROOT,
            env={
                **os.environ,
                "COMUNA_HOME": str(self.base / "home"),
                "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
                **env,
            },
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def wait_for(self, check: Callable[[], bool], seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError("replication did not deliver in time")
            time.sleep(0.1)


@pytest.fixture(scope="session")
def clusters() -> Iterator[Clusters]:
    reuse = os.environ.get("PG_CLUSTERS_BASE")
    # Not under pytest's own temporary folder: the clusters run as the postgres account, which
    # must be able to reach their folder.
    base = Path(reuse) if reuse else Path(tempfile.mkdtemp(prefix="comuna-clusters-"))
    if not reuse:
        base.chmod(0o755)
    ports = {
        "city1": int(os.environ.get("PG_CITY1_PORT", 5433)),
        "replica": int(os.environ.get("PG_REPLICA_PORT", 5434)),
        "national": int(os.environ.get("PG_NATIONAL_PORT", 5435)),
        "city2": int(os.environ.get("PG_CITY2_PORT", 5436)),
    }
    env = {
        **os.environ,
        "COMUNA": f"{sys.executable} -m comuna",
        "PYTHONPATH": str(ROOT / "src"),
        "PG_BIN": str(_pg_bin()),
    }
    started = subprocess.run(
        [str(SCRIPT), "start", str(base)], env=env, capture_output=True, text=True, check=False
    )
    if started.returncode != 0:
        pytest.fail(f"scripts/pg-clusters start failed:\n{started.stdout}\n{started.stderr}")
    yield Clusters(base=base, ports=ports)
    if not reuse:
        subprocess.run([str(SCRIPT), "stop", str(base)], env=env, check=False)
        shutil.rmtree(base, ignore_errors=True)
