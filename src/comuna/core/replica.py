"""Reads served from a streaming replica, where one is configured.

A federation server may keep a streaming replica of its PostgreSQL database
(``DATABASE_REPLICA_URL``). The pages that only read wide aggregates (the federation's
levels) are wrapped in :func:`replica_reads`: while such a view runs, the router sends its
reads to the replica and leaves the primary to the communes' writes. Without a replica
configured, or outside such a view, everything goes to ``default``. Writes always go to the
primary: a view that reads from the replica must not write.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from django.conf import settings

REPLICA = "replica"

_reading_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reading_from_replica", default=False
)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reading() -> Iterator[None]:
    """Within this block, reads go to the replica (when one is configured)."""
    token = _reading_from_replica.set(True)
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
        if _reading_from_replica.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica is the same database a moment behind: its rows are the primary's.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"
