"""The demo commune, built once per test session and put back in seconds wherever a test needs it.

Building the demo takes tens of seconds; a test that crawls every page wants it whole, and a
browser test (whose live server only sees committed rows) gets the database emptied after it.
So the first test that asks builds it and keeps a copy of the whole database beside it; every
later one restores that copy: SQLite through its backup API, PostgreSQL by emptying the tables
that hold rows and copying back those the snapshot holds, from a snapshot schema, in one
transaction (Django's foreign keys are deferred, so the order does not matter). It empties with
DELETE, not TRUNCATE: PostgreSQL's TRUNCATE makes new files for every table and index it names,
seconds for a hundred tables, where deleting a few thousand rows takes milliseconds. A copy of
the database as it was before is kept the same way and put back when the test or the module is
done, so the tests that expect an empty commune never see the demo.
"""

from __future__ import annotations

import sqlite3

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.test import override_settings
from django.utils import translation

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Snapshots:
    """Named copies of the test database (``"empty"``, ``"demo1"``, ``"demo2"``…)."""

    def __init__(self) -> None:
        self._sqlite: dict[str, sqlite3.Connection] = {}
        # On PostgreSQL: each snapshot's tables that hold rows.
        self._postgres: dict[str, list[str]] = {}

    def take(self, name: str) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(copy)
            self._sqlite[name] = copy
            return
        schema = _schema(name)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {schema}")
            held = _tables_with_rows()
            for table in held:
                cursor.execute(f'CREATE TABLE {schema}."{table}" AS TABLE public."{table}"')
        self._postgres[name] = held

    def has(self, name: str) -> bool:
        return name in self._sqlite or name in self._postgres

    def restore(self, name: str) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite[name].backup(connection.connection)
            return
        schema = _schema(name)
        held = self._postgres[name]
        with connection.cursor() as cursor:
            cursor.execute("BEGIN")
            if _is_superuser():
                # The copy is whole and consistent: no need to check each row's foreign keys.
                cursor.execute("SET LOCAL session_replication_role = replica")
            for table in _tables_with_rows():
                cursor.execute(f'DELETE FROM public."{table}"')  # noqa: S608 - names from pg_class
            for table in held:
                copy = f'INSERT INTO public."{table}" SELECT * FROM {schema}."{table}"'  # noqa: S608
                cursor.execute(copy)
            cursor.execute("COMMIT")
            # Ids go on from where the copy left them, as they would have.
            models = apps.get_models(include_auto_created=True)
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)

    def drop(self) -> None:
        for copy in self._sqlite.values():
            copy.close()
        if self._postgres:
            connection.ensure_connection()
            with connection.cursor() as cursor:
                for name in self._postgres:
                    cursor.execute(f"DROP SCHEMA IF EXISTS {_schema(name)} CASCADE")


def _schema(name: str) -> str:
    return f"snapshot_{name}"


def _tables_with_rows() -> list[str]:
    """The public tables that hold at least one row, asked of all of them in one query."""
    with connection.cursor() as cursor:
        # A table split into partitions is copied through its parent, which routes each row
        # to its partition; the partitions themselves are left out, or rows would go twice.
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
            " ORDER BY c.relname"
        )
        tables = [row[0] for row in cursor.fetchall()]
        if not tables:
            return []
        probes = " UNION ALL ".join(
            f"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM public.\"{t}\")"  # noqa: S608
            for t in tables
        )
        cursor.execute(probes)
        return [row[0] for row in cursor.fetchall()]


def _is_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        return bool(row and row[0])


def demo_put_in_place(snapshots: Snapshots, communes: int = 1) -> None:
    """Make the test database hold the demo (``communes`` of them), committed."""
    name = f"demo{communes}"
    if snapshots.has(name):
        snapshots.restore(name)
        return
    from comuna.demo.builder import demo_build

    with override_settings(PASSWORD_HASHERS=FAST_HASHER), translation.override("es"):
        demo_build(communes=communes)
    snapshots.take(name)
