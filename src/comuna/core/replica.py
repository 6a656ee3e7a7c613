"""Reads served from a streaming replica, where one is configured.

A federation server may keep a streaming replica of its PostgreSQL database
(``DATABASE_REPLICA_URL``). The pages that only read wide aggregates (the federation's
levels) are wrapped in :func:`replica_reads`: while such a view runs, the router sends its
reads to the replica and leaves the primary to the communes' writes. Without a replica
configured, or outside such a view, everything goes to ``default``. Writes always go to the
primary: a view that reads from the replica must not write.

A replica that does not answer, or that has fallen further behind the primary than
``REPLICA_MAX_LAG_SECONDS``, is not used: the block reads from the primary instead, which is
slower for everyone but never wrong nor down. The replica's health is checked when a block
begins, at most once every ``REPLICA_CHECK_SECONDS`` per process (one small query), so that a
busy page costs nothing more.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import DatabaseError, connections

REPLICA = "replica"

logger = logging.getLogger(__name__)

_reading_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reading_from_replica", default=False
)

_P = ParamSpec("_P")
_R = TypeVar("_R")

# How far behind the primary the replica is, in seconds: 0 when it has replayed all it has
# received (an idle primary sends nothing, and the last replayed commit may be old), else the
# age of the last commit it replayed. NULL on a database that is not in recovery (the tests'
# mirror of the primary): no lag.
_LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
END
"""


class _Health:
    """The last verdict on the replica, shared by the process's threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checked_at = float("-inf")
        self.usable = False

    def forget(self) -> None:
        with self.lock:
            self.checked_at = float("-inf")


_health = _Health()


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_lag() -> float | None:
    """Seconds the replica is behind the primary, or None when it does not answer."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(_LAG_SQL)
            return float(cursor.fetchone()[0])
    except DatabaseError:
        # A broken connection is not reused: the next check opens a new one.
        connections[REPLICA].close()
        return None


def replica_usable() -> bool:
    """Whether reads may go to the replica now (configured, answering, not too far behind)."""
    if not replica_configured():
        return False
    now = time.monotonic()
    with _health.lock:
        if now - _health.checked_at < settings.REPLICA_CHECK_SECONDS:
            return _health.usable
        lag = replica_lag()
        usable = lag is not None and lag <= settings.REPLICA_MAX_LAG_SECONDS
        if usable != _health.usable:
            logger.warning(
                "Reads %s the replica (lag: %s s)",
                "go to" if usable else "go back to the primary from",
                "no answer" if lag is None else f"{lag:.1f}",
            )
        _health.checked_at = now
        _health.usable = usable
        return usable


def replica_health_forget() -> None:
    """Check the replica again at the next block (after a failover, and in tests)."""
    _health.forget()


@contextmanager
def replica_reading() -> Iterator[None]:
    """Within this block, reads go to the replica (when one is configured and usable)."""
    token = _reading_from_replica.set(replica_usable())
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def replica_reads(view: Callable[_P, _R]) -> Callable[_P, _R]:
    """Serve a read-only view's queries from the replica."""

    @functools.wraps(view)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with replica_reading():
            return view(*args, **kwargs)

    return wrapped


class ReplicaRouter:
    """Django's database router: reads to the replica inside :func:`replica_reading`."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if _reading_from_replica.get():
            return REPLICA
        return "default"

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica is the same database a moment behind: its rows are the primary's.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"
