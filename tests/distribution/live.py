"""A real ``comuna serve`` (gunicorn, several workers) on its own database, for races and timing.

On SQLite it gets a fresh ``COMUNA_HOME``; when ``DATABASE_URL`` names a PostgreSQL server,
it gets a scratch database of its own on that server, dropped afterwards.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.processes import COMUNA, comuna_env, free_port

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Live:
    port: int
    token: str
    round_id: int
    households: list[int]

    def deliver(
        self,
        household_id: int,
        *,
        table: int = 1,
        connection: http.client.HTTPConnection | None = None,
    ) -> int:
        """POST one delivery; the HTTP status."""
        own = connection is None
        conn = connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(
            "POST",
            f"/api/distribution/rounds/{self.round_id}/deliveries",
            body=json.dumps({"household_id": household_id, "table": table}),
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json",
                "Accept-Language": "en",
            },
        )
        response = conn.getresponse()
        response.read()
        if own:
            conn.close()
        return response.status


@contextmanager
def _database(home: Path, database_url: str | None) -> Iterator[dict[str, str]]:
    env = comuna_env(home)
    if not database_url:
        yield env
        return
    import psycopg

    name = f"comuna_live_{uuid.uuid4().hex[:10]}"
    parts = urlsplit(database_url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    try:
        yield env
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def live_comuna(
    home: Path,
    *,
    households: int = 200,
    demo: bool = False,
    workers: int = 4,
    database_url: str | None = None,
) -> Iterator[Live]:
    with _database(home, database_url) as env:
        setup = [sys.executable, "-m", "tests.distribution.live_setup"]
        setup += ["--demo"] if demo else ["--households", str(households)]
        done = subprocess.run(setup, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"setup failed: {done.stderr[-3000:]}")
        facts = json.loads(done.stdout.strip().splitlines()[-1])
        port = free_port()
        process = subprocess.Popen(
            [*COMUNA, "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"comuna serve stopped: {process.communicate()[0]}")
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    connection.request("GET", "/api/openapi.json")
                    connection.getresponse().read()
                    connection.close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("comuna serve did not answer within a minute") from None
                    time.sleep(0.2)
            yield Live(port, facts["token"], facts["round_id"], facts["households"])
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
