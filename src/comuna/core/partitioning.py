"""Big tables split by commune with PostgreSQL's declarative partitioning.

On a server that holds many communes (a city's, the nation's), the tables that grow with
every delivery, census change and incident step are split into partitions by ``commune_id``,
so that a commune's query reads one partition and its indexes, whatever the number of
communes. Nothing changes for Django: the model keeps ``id`` as its primary key and every
query of communal data already filters by commune (``Model.objects.of(commune)``).

**HASH, not LIST.** A LIST partition per commune would need DDL each time a commune is
created, on every server (DDL does not travel by logical replication, so a national server
would stop receiving a city's rows until someone created the partition there too), and
thousands of partitions slow planning. A fixed number of HASH partitions needs no DDL as
communes come and go, spreads 3,500 communes evenly, and still lets the planner prune a
commune's query to one partition (``WHERE commune_id = 42``).

**What PostgreSQL requires, and what it costs.** A partitioned table's primary key and unique
constraints must include the partition key: the primary key becomes ``(id, commune_id)``
(``id`` stays unique: one identity sequence feeds every partition) and each unique constraint
gains ``commune_id`` (``uuid`` stays unique in practice; ``(round, household)`` is just as
unique, since a round has one commune). A foreign key *to* a partitioned table needs a unique
index that includes the partition key, which Django's ``ForeignKey`` does not create: only
tables that no foreign key points at are partitioned. A later migration that adds a unique
constraint to one of these tables must include ``commune`` in it.

:func:`partition_by_commune` converts one table, in place, with its rows; it is what the
census's, the incidents' and the distribution's migrations call, and what any app can call
from a migration for a table of its own (the sync's table of changes, for instance)::

    from comuna.core.partitioning import partition_by_commune_operation

    operations = [partition_by_commune_operation("sync_change")]

On SQLite (a commune's laptop) it does nothing.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

PARTITIONS = 16
PARTITION_KEY = "commune_id"


def partition_by_commune(connection: Any, table: str, *, partitions: int = PARTITIONS) -> bool:
    """Turn ``table`` into one partitioned by HASH of ``commune_id`` into ``partitions`` parts.

    Keeps the rows, the column defaults and identity (and the sequence's position), the
    check constraints, the foreign keys and indexes under their names; adds ``commune_id`` to
    the primary key and to every unique constraint or unique index that lacks it. Returns
    False and changes nothing when the database is not PostgreSQL or the table is already
    partitioned. Must run inside a transaction (a migration's): a failure leaves the table
    as it was. Refuses (PostgreSQL raises) when a foreign key points at the table.
    """
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [table])
        row = cursor.fetchone()
        if row is None:
            raise LookupError(f"no table {table}")
        if row[0] == "p":
            return False
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = %s::regclass AND contype IN ('p', 'u', 'f')"
            " ORDER BY contype, conname",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT pg_get_indexdef(i.indexrelid), i.indisunique FROM pg_index i"
            " WHERE i.indrelid = %s::regclass"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid"
            " AND c.conrelid = i.indrelid)",
            [table],
        )
        indexes = cursor.fetchall()
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        old_sequence = cursor.fetchone()[0]

        q = connection.ops.quote_name
        old = f"{table}__unpartitioned"
        statements = [
            f"ALTER TABLE {q(table)} RENAME TO {q(old)}",
            f"CREATE TABLE {q(table)} (LIKE {q(old)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
            " INCLUDING IDENTITY INCLUDING GENERATED INCLUDING STORAGE)"
            f" PARTITION BY HASH ({PARTITION_KEY})",
            *(
                f"CREATE TABLE {q(f'{table}_p{n:02}')} PARTITION OF {q(table)}"
                f" FOR VALUES WITH (MODULUS {partitions}, REMAINDER {n})"
                for n in range(partitions)
            ),
            f"INSERT INTO {q(table)} OVERRIDING SYSTEM VALUE SELECT * FROM {q(old)}",  # noqa: S608
        ]
        for statement in statements:
            cursor.execute(statement)
        if old_sequence:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            new_sequence = cursor.fetchone()[0]
            # The ids already given are never given again.
            cursor.execute(
                f"SELECT setval(%s, last_value, is_called) FROM {old_sequence}",  # noqa: S608
                [new_sequence],
            )
        deferred = [q(name) for name, kind, definition in constraints if "DEFERRED" in definition]
        if deferred:
            # Rows written earlier in this transaction leave their deferred checks pending,
            # and PostgreSQL drops no table with pending checks: run them now, on these
            # constraints only (the new table's, made below, are deferred as before).
            cursor.execute(f"SET CONSTRAINTS {', '.join(deferred)} IMMEDIATE")
        cursor.execute(f"DROP TABLE {q(old)}")
        if old_sequence:
            cursor.execute(f"ALTER SEQUENCE {new_sequence} RENAME TO {q(f'{table}_id_seq')}")
        for name, kind, definition in constraints:
            if kind == "p":
                definition = f"PRIMARY KEY (id, {PARTITION_KEY})"
            elif kind == "u":
                definition = _with_partition_key(definition, "UNIQUE")
            cursor.execute(f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(name)} {definition}")
        for definition, unique in indexes:
            if unique:
                definition = _with_partition_key(definition, "USING")
            cursor.execute(definition)
    return True


def _with_partition_key(definition: str, after: str) -> str:
    """``definition`` with ``commune_id`` added to the column list that follows ``after``."""
    start = definition.index("(", definition.index(after))
    depth = 0
    for end in range(start, len(definition)):
        depth += {"(": 1, ")": -1}.get(definition[end], 0)
        if depth == 0:
            break
    columns = definition[start + 1 : end]
    if re.search(rf"(^|[\s,(]){PARTITION_KEY}($|[\s,)])", columns):
        return definition
    return f"{definition[:end]}, {PARTITION_KEY}{definition[end:]}"


def partition_by_commune_operation(
    table: str, *, partitions: int = PARTITIONS
) -> migrations.RunPython:
    """A migration's operation that partitions ``table`` (nothing on SQLite; not reversed)."""

    def forward(apps: Any, schema_editor: Any) -> None:
        partition_by_commune(schema_editor.connection, table, partitions=partitions)

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=False)
