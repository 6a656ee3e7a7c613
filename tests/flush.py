"""Emptying the database after a test that committed (a browser test's live server, a race),
fast on PostgreSQL.

Django empties it with one ``TRUNCATE`` of every table. PostgreSQL's TRUNCATE gives each table
and index new files: some four seconds for our hundred-odd tables however few rows they hold,
after every such test. Deleting the rows instead takes milliseconds for what a test leaves.
Django's foreign keys are deferred, so the order of the deletes does not matter; nothing in the
schema has a trigger of its own. Sequences are left alone, as Django's flush leaves them unless
a test asks (``reset_sequences``), which is then done the way Django does it.
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
        sql = [f"DELETE FROM {style.SQL_FIELD(self.quote_name(t))}" for t in tables]  # noqa: S608
        if reset_sequences:
            sequences = self.connection.introspection.sequence_list()
            sql.extend(self.sequence_reset_by_name_sql(style, sequences))
        return sql

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
