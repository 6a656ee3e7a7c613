"""The change capture: database triggers that record, in the same transaction as the change,
which row of which commune was inserted, updated or deleted.

Triggers rather than Django's signals because ``bulk_create``, ``QuerySet.update()`` and raw
SQL send no signal. Installed after every ``migrate`` (``install``), idempotently:
``CREATE TRIGGER IF NOT EXISTS`` on SQLite, ``CREATE OR REPLACE`` on PostgreSQL, where one
trigger per statement reads the statement's rows from its transition table (a bulk insert of
ten thousand rows costs one ``INSERT … SELECT``).

What is captured (``tracked()``):

- every concrete ``CommunalModel``, by its ``uuid``;
- the ledger's ``Entry``, by its sequence number (its identity with its commune's; see
  ``docs/tenancy.md``); ``LedgerHead`` is not captured: the server recomputes it from the
  entries it applies;
- the many-to-many tables of communal models, as a change of the row that owns them;
- every published model (``comuna.core.published``), with no commune.

While the applying transaction says so, nothing is captured (``quiet``): on PostgreSQL a
transaction-local setting, on SQLite a row of ``sync_quiet`` that no other transaction can see.
The same switch lets a whole-database flush (the test suite's) empty the append-only
``sync_receipt``; nothing else can update or delete a receipt.
"""

# The statements below are built from the models' own table and column names, never from
# input: S608 does not apply.
# ruff: noqa: S608
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection, models

from comuna.core.models import CommunalModel
from comuna.core.published import published_models

QUIET_SETTING = "comuna.quiet"
# Set, with ``quiet``, only by a flush of the whole database (the test suite's).
FLUSH_SETTING = "comuna.flush"
# The row of ``sync_quiet`` (SQLite) that also lets a receipt be deleted: the test suite's
# flush of the whole database, never the application.
FLUSH_ROW = -1
# PostgreSQL: the advisory lock a write of published rows holds until it commits, and that a
# laptop's pull waits for before it reads how far the published changes go. Without it a
# change numbered 10 and committed after change 11 would be read as past by a pull that saw
# 11, and never sent. Published rows are the federation's few writes: they can wait in turn.
PUBLISHED_LOCK = 0x636F6D756E61  # "comuna"


@dataclass(frozen=True, slots=True)
class Tracked:
    """A captured table: the table name written in each change (the owner's, for a
    many-to-many table) and the SQL expressions that give the row's key and commune, where
    ``{r}`` stands for the changed row and ``{o}`` for the owner's joined row."""

    table: str
    changed_table: str
    key: str
    commune: str | None
    owner_table: str | None = None
    owner_column: str | None = None


def through_of(field: Any) -> type[models.Model]:
    through = field.remote_field.through
    if not isinstance(through, type):
        raise TypeError(f"{field} has no table yet")
    return through


def communal_models() -> list[type[CommunalModel]]:
    return [
        m
        for m in apps.get_models()
        if issubclass(m, CommunalModel) and not m._meta.abstract and not m._meta.proxy
    ]


def _entry_model() -> type[models.Model]:
    return apps.get_model("ledger", "Entry")


def tracked() -> list[Tracked]:
    result: list[Tracked] = []
    for model in communal_models():
        table = model._meta.db_table
        result.append(Tracked(table, table, '{r}."uuid"', '{r}."commune_id"'))
        for field in model._meta.local_many_to_many:
            through = through_of(field)
            if not through._meta.auto_created:
                continue
            column = field.m2m_column_name()
            result.append(
                Tracked(
                    through._meta.db_table,
                    table,
                    '{o}."uuid"',
                    '{o}."commune_id"',
                    owner_table=table,
                    owner_column=column,
                )
            )
    entry = _entry_model()
    result.append(
        Tracked(entry._meta.db_table, entry._meta.db_table, '{r}."sequence"', '{r}."commune_id"')
    )
    for published in published_models():
        table = published._meta.db_table
        result.append(Tracked(table, table, '{r}."uuid"', None))
    return result


def _name(table: str, suffix: str) -> str:
    return f"sync_{hashlib.sha256(table.encode()).hexdigest()[:12]}_{suffix}"


def _sqlite_sql(t: Tracked) -> list[str]:
    statements = []
    for event, op, row in (("INSERT", "i", "NEW"), ("UPDATE", "u", "NEW"), ("DELETE", "d", "OLD")):
        if t.owner_table is None:
            key = t.key.format(r=row)
            commune = t.commune.format(r=row) if t.commune else "NULL"
            condition = "NOT EXISTS (SELECT 1 FROM sync_quiet)"
            values = f"'{t.changed_table}', {key}, {commune}, '{op}'"
            body = f"INSERT INTO sync_change (table_name, key, commune_id, op) VALUES ({values});"
        else:
            owner = f'"{t.owner_table}"'
            link = f'{row}."{t.owner_column}"'
            condition = (
                f"NOT EXISTS (SELECT 1 FROM sync_quiet) AND EXISTS "
                f"(SELECT 1 FROM {owner} WHERE id = {link})"
            )
            body = (
                "INSERT INTO sync_change (table_name, key, commune_id, op) "
                f"SELECT '{t.changed_table}', {t.key.format(o='o')}, {t.commune.format(o='o') if t.commune else 'NULL'}, 'u' "  # noqa: E501
                f"FROM {owner} o WHERE o.id = {link};"
            )
        statements.append(
            f'CREATE TRIGGER IF NOT EXISTS "{_name(t.table, op)}" AFTER {event} ON "{t.table}" '
            f"WHEN {condition} BEGIN {body} END"
        )
    return statements


def _pg_select(t: Tracked, rows: str, op: str) -> str:
    if t.owner_table is None:
        key = t.key.format(r="r") + "::text"
        commune = t.commune.format(r="r") if t.commune else "NULL"
        source = f"{rows} r"
    else:
        key = t.key.format(o="o") + "::text"
        commune = t.commune.format(o="o") if t.commune else "NULL"
        source = f'{rows} r JOIN "{t.owner_table}" o ON o.id = r."{t.owner_column}"'
        op = "u"
    return (
        "INSERT INTO sync_change (table_name, key, commune_id, op) "
        f"SELECT '{t.changed_table}', {key}, {commune}, '{op}' FROM {source};"
    )


def _pg_sql(t: Tracked) -> list[str]:
    function = _name(t.table, "f")
    published = f"  PERFORM pg_advisory_xact_lock({PUBLISHED_LOCK});\n" if t.commune is None else ""
    statements = [
        f'CREATE OR REPLACE FUNCTION "{function}"() RETURNS trigger LANGUAGE plpgsql AS $$\n'
        "BEGIN\n"
        f"  IF current_setting('{QUIET_SETTING}', true) = 'on' THEN RETURN NULL; END IF;\n"
        f"{published}"
        f"  IF TG_OP = 'INSERT' THEN {_pg_select(t, 'new_rows', 'i')}\n"
        f"  ELSIF TG_OP = 'UPDATE' THEN {_pg_select(t, 'new_rows', 'u')}\n"
        f"  ELSE {_pg_select(t, 'old_rows', 'd')}\n"
        "  END IF;\n"
        "  RETURN NULL;\n"
        "END $$"
    ]
    for event, op, transition in (
        ("INSERT", "i", "NEW TABLE AS new_rows"),
        ("UPDATE", "u", "NEW TABLE AS new_rows"),
        ("DELETE", "d", "OLD TABLE AS old_rows"),
    ):
        statements.append(
            f'CREATE OR REPLACE TRIGGER "{_name(t.table, op)}" AFTER {event} ON "{t.table}" '
            f'REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION "{function}"()'
        )
    return statements


def _append_only_sql(table: str, vendor: str) -> list[str]:
    if vendor == "postgresql":
        function = _name(table, "ro")
        statements = [
            f'CREATE OR REPLACE FUNCTION "{function}"() RETURNS trigger LANGUAGE plpgsql AS $$\n'
            "BEGIN\n"
            f"  IF current_setting('{FLUSH_SETTING}', true) = 'on' THEN RETURN OLD; END IF;\n"
            f"  RAISE EXCEPTION '{table} is append-only: a chain head once recorded stays';\n"
            "END $$"
        ]
        for event, suffix in (("UPDATE", "nu"), ("DELETE", "nd")):
            statements.append(
                f'CREATE OR REPLACE TRIGGER "{_name(table, suffix)}" BEFORE {event} ON "{table}" '
                f'FOR EACH ROW EXECUTE FUNCTION "{function}"()'
            )
        return statements
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{_name(table, suffix)}" BEFORE {event} ON "{table}" '
        f"WHEN NOT EXISTS (SELECT 1 FROM sync_quiet WHERE id = {FLUSH_ROW}) "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: a chain head once recorded "
        "stays'); END"
        for event, suffix in (("UPDATE", "nu"), ("DELETE", "nd"))
    ]


APPEND_ONLY = ("sync_receipt",)


def install(using: str = "default", **_: Any) -> None:
    """Install (or refresh) every capture trigger and the receipts' append-only guard."""
    from django.db import connections

    conn = connections[using]
    existing = set(conn.introspection.table_names())
    if "sync_change" not in existing:
        return  # the sync app is not migrated yet
    vendor = conn.vendor
    with conn.cursor() as cursor:
        for t in tracked():
            if t.table not in existing:
                continue
            for sql in _pg_sql(t) if vendor == "postgresql" else _sqlite_sql(t):
                cursor.execute(sql)
        for table in APPEND_ONLY:
            if table in existing:
                for sql in _append_only_sql(table, vendor):
                    cursor.execute(sql)


def flush_sql(vendor: str, tables: list[str]) -> tuple[list[str], list[str]]:
    """What a flush of the whole database says before and after its deletes, so that the
    triggers capture nothing and let the receipts go (the test suite's flush uses it)."""
    if "sync_quiet" not in tables:
        return [], []
    if vendor == "postgresql":
        return [
            f"SELECT set_config('{QUIET_SETTING}', 'on', true)",
            f"SELECT set_config('{FLUSH_SETTING}', 'on', true)",
        ], [
            f"SELECT set_config('{QUIET_SETTING}', 'off', true)",
            f"SELECT set_config('{FLUSH_SETTING}', 'off', true)",
        ]
    return [f"INSERT OR IGNORE INTO sync_quiet (id) VALUES ({FLUSH_ROW})"], [
        "DELETE FROM sync_quiet"
    ]


@contextmanager
def quiet() -> Iterator[None]:
    """Within the current transaction, capture nothing (a bundle being applied)."""
    from comuna.sync.models import Quiet

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [QUIET_SETTING])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', true)", [QUIET_SETTING])
        return
    Quiet.objects.create(id=1)
    try:
        yield
    finally:
        Quiet.objects.filter(id=1).delete()
