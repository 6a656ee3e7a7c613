"""Helpers for loading a great many rows at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def garbage_collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector around a bulk load.

    An import allocates millions of small objects (cells, transfers, entries) that no cycle
    holds: reference counting frees them. The cyclic collector would still walk the growing
    heap again and again, which costs about as much as the import itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_ahead_log_fold() -> None:
    """After a bulk write on SQLite, fold the write-ahead log back into the database file.

    A million imported entries leave a log of hundreds of megabytes on the laptop's disk,
    and every read consults it until the next checkpoint. Outside a transaction only; if
    someone is reading at that moment SQLite folds what it can, which is harmless.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
