"""Emptying the database after a test that committed (a browser test's live server, a race),
fast on PostgreSQL.

Django empties it with one ``TRUNCATE`` of every table. PostgreSQL's TRUNCATE gives each table
and index new files: some four seconds for our hundred-odd tables however few rows they hold,
after every such test. Deleting the rows instead takes milliseconds for what a test leaves.
Django's foreign keys are deferred, so the order of the deletes does not matter. The sync's
triggers (change capture, append-only receipts) are told to stand aside (``flush_sql``).
Sequences are left alone, as Django's flush leaves them unless a test asks
(``reset_sequences``), which is then done the way Django does it.
"""

from __future__ import annotations

from typing import Any


def flush_by_delete_install() -> None:
    from django.db.backends.postgresql.operations import DatabaseOperations

    def sql_flush(
        self: DatabaseOperations,
        style: Any,
        tables: Any,
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if not tables:
            return []
        # The names are Django's own tables, quoted.
        from comuna.sync.capture import flush_sql

        before, after = flush_sql("postgresql", list(tables))
        sql = before + [
            f"DELETE FROM {style.SQL_FIELD(self.quote_name(t))}"  # noqa: S608
            for t in tables
            if t != "sync_quiet"
        ]
        sql += after
        if reset_sequences:
            sequences = self.connection.introspection.sequence_list()
            sql.extend(self.sequence_reset_by_name_sql(style, sequences))
        return sql

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


def flush_quiet_install_sqlite() -> None:
    """On SQLite, Django's flush between the quiet switch of the sync's triggers, so that
    emptying the database captures nothing and may empty the append-only receipts."""
    from django.db.backends.sqlite3.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush

    def sql_flush(
        self: DatabaseOperations,
        style: Any,
        tables: Any,
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        from comuna.sync.capture import flush_sql

        before, after = flush_sql("sqlite", list(tables))
        rest = [t for t in tables if t != "sync_quiet"] if before else list(tables)
        sql = original(
            self, style, rest, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        return before + list(sql) + after

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
