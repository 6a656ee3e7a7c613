"""Rows as they travel: a table's rows serialised with every foreign key as its target's
stable key, and applied back by those keys on the other machine.

A foreign key travels as:

- a communal or published row (or any row with a ``uuid``): the target's uuid;
- a commune: the commune's uuid;
- a login: the laptop's username (the server maps it, ``comuna.sync.logins``);
- a ledger entry: its sequence number in the same commune's chain.

Rows are written with one ``INSERT … ON CONFLICT (uuid) DO UPDATE`` per chunk, on SQLite and
PostgreSQL alike: applying the same row twice leaves it as once.
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from django.apps import apps
from django.db import connection, models

from comuna.core.models import CommunalModel, Commune
from comuna.core.partitioning import PARTITION_KEY
from comuna.core.published import published_models
from comuna.core.refusals import Refusal

_PLAIN = frozenset(
    {
        "CharField",
        "TextField",
        "SlugField",
        "EmailField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
        "BooleanField",
        "FloatField",
    }
)

# Kinds of foreign keys, by their target.
COMMUNAL, COMMUNE, LOGIN, ENTRY, BY_UUID = "communal", "commune", "login", "entry", "uuid"


def _user_model() -> type[models.Model]:
    return apps.get_model("users", "User")


def entry_model() -> type[models.Model]:
    return apps.get_model("ledger", "Entry")


@dataclass
class Column:
    name: str  # the field's name, as it travels
    attname: str  # the column's attribute (``council_id``)
    db_column: str
    field: models.Field[Any, Any]
    fk: str | None = None
    target: type[models.Model] | None = None


@dataclass
class Spec:
    model: type[models.Model]
    table: str
    columns: list[Column]
    m2m: list[models.ManyToManyField[Any, Any]] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns] + [f"m2m:{m.name}" for m in self.m2m]


def through_of(field: Any) -> type[models.Model]:
    """The table of a many-to-many field."""
    through = field.remote_field.through
    if not isinstance(through, type):
        raise TypeError(f"{field} has no table yet")
    return through


def _fk_kind(target: type[models.Model]) -> str:
    if issubclass(target, CommunalModel):
        return COMMUNAL
    if target is Commune:
        return COMMUNE
    if target is _user_model():
        return LOGIN
    if target is entry_model():
        return ENTRY
    if any(f.name == "uuid" for f in target._meta.concrete_fields):
        return BY_UUID
    raise TypeError(f"{target.__name__} has no stable key to travel by")


@cache
def spec_of(model: type[models.Model]) -> Spec:
    columns: list[Column] = []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        column = Column(f.name, f.attname, f.column, f)
        if f.is_relation:
            target = f.related_model
            if not isinstance(target, type):
                raise TypeError(f"{model.__name__}.{f.name} points at no model")
            column.fk = _fk_kind(target)
            column.target = target
        columns.append(column)
    m2m = [m for m in model._meta.local_many_to_many if through_of(m)._meta.auto_created]
    return Spec(model, model._meta.db_table, columns, m2m)


def _depends(model: type[models.Model]) -> set[type[models.Model]]:
    return {
        f.related_model  # type: ignore[misc]
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is not model
    }


def ordered(models_: Iterable[type[models.Model]]) -> list[type[models.Model]]:
    """Parents before children (a cycle, if any, is broken by the second pass of apply)."""
    pending = sorted(models_, key=lambda m: m._meta.label)
    wanted = set(pending)
    done: list[type[models.Model]] = []
    placed: set[type[models.Model]] = set()
    while pending:
        progress = False
        for model in list(pending):
            if (_depends(model) & wanted) <= placed:
                done.append(model)
                placed.add(model)
                pending.remove(model)
                progress = True
        if not progress:
            model = pending.pop(0)
            done.append(model)
            placed.add(model)
    return done


@cache
def communal_specs() -> tuple[Spec, ...]:
    from comuna.sync.capture import communal_models

    return tuple(spec_of(m) for m in ordered(communal_models()))


def published_specs() -> tuple[Spec, ...]:
    return tuple(spec_of(m) for m in ordered(published_models()))


# --- values -----------------------------------------------------------------------------


def _encoder(f: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    kind = f.get_internal_type()
    if kind in ("DateTimeField", "DateField", "TimeField"):
        return lambda v: None if v is None else v.isoformat()
    if kind in ("DecimalField", "UUIDField"):
        return lambda v: None if v is None else str(v)
    if kind == "DurationField":
        return lambda v: None if v is None else v.total_seconds()
    if kind == "BinaryField":
        return lambda v: None if v is None else base64.b64encode(bytes(v)).decode()
    if kind in ("FileField", "ImageField"):
        return lambda v: None if v is None else str(v)
    return None


def _decoder(f: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    kind = f.get_internal_type()
    if kind == "DateTimeField":
        return lambda v: None if v is None else dt.datetime.fromisoformat(v)
    if kind == "DateField":
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    if kind == "TimeField":
        return lambda v: None if v is None else dt.time.fromisoformat(v)
    if kind == "DecimalField":
        return lambda v: None if v is None else Decimal(v)
    if kind == "UUIDField":
        return lambda v: None if v is None else uuid.UUID(v)
    if kind == "DurationField":
        return lambda v: None if v is None else dt.timedelta(seconds=v)
    if kind == "BinaryField":
        return lambda v: None if v is None else base64.b64decode(v)
    return None


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# --- reading ----------------------------------------------------------------------------


def _target_keys(column: Column, ids: set[int]) -> dict[int, Any]:
    """id → stable key of the targets of one foreign key."""
    if not ids:
        return {}
    target = column.target
    if target is None:
        raise TypeError(column.name)
    manager = target._base_manager
    result: dict[int, Any] = {}
    for chunk in _chunks(sorted(ids), 5000):
        if column.fk == LOGIN:
            pairs = manager.filter(pk__in=chunk).values_list("pk", "username")
        elif column.fk == ENTRY:
            pairs = manager.filter(pk__in=chunk).values_list("pk", "sequence")
        else:
            pairs = manager.filter(pk__in=chunk).values_list("pk", "uuid")
        for pk, key in pairs:
            result[pk] = str(key) if isinstance(key, uuid.UUID) else key
    return result


def rows_read(
    spec: Spec, commune: Commune | None, keys: Sequence[uuid.UUID], logins: set[int]
) -> tuple[list[list[Any]], list[str]]:
    """The current rows of ``spec`` with these uuids, and the uuids no longer there
    (tombstones). ``logins`` collects the ids of the users the rows name."""
    manager = spec.model._base_manager
    attnames = [c.attname for c in spec.columns]
    raw: list[dict[str, Any]] = []
    for chunk in _chunks(list(keys), 5000):
        query = manager.filter(uuid__in=chunk)
        if commune is not None:
            query = query.filter(commune=commune)
        raw.extend(query.values("pk", *attnames))
    keymaps = {
        c.attname: _target_keys(c, {r[c.attname] for r in raw if r[c.attname] is not None})
        for c in spec.columns
        if c.fk is not None
    }
    for c in spec.columns:
        if c.fk == LOGIN:
            logins.update(r[c.attname] for r in raw if r[c.attname] is not None)
    encoders = [_encoder(c.field) for c in spec.columns]
    m2m_values: list[dict[int, list[str]]] = []
    pks = [r["pk"] for r in raw]
    for m in spec.m2m:
        through = through_of(m)
        source, target = m.m2m_field_name(), m.m2m_reverse_field_name()
        found: dict[int, list[str]] = {}
        for chunk in _chunks(pks, 5000):
            for owner, key in through._base_manager.filter(**{f"{source}__in": chunk}).values_list(
                f"{source}_id", f"{target}__uuid"
            ):
                found.setdefault(owner, []).append(str(key))
        m2m_values.append(found)
    rows: list[list[Any]] = []
    for r in raw:
        row: list[Any] = []
        for c, encode in zip(spec.columns, encoders, strict=True):
            value = r[c.attname]
            if c.fk is not None:
                value = None if value is None else keymaps[c.attname][value]
            elif encode is not None:
                value = encode(value)
            row.append(value)
        for found in m2m_values:
            row.append(sorted(found.get(r["pk"], [])))
        rows.append(row)
    present = {_uuid(r["uuid"]) for r in raw}
    tombstones = sorted(str(k) for k in keys if k not in present)
    return rows, tombstones


def logins_read(ids: set[int]) -> dict[str, dict[str, Any]]:
    users: Any = _user_model()._base_manager.filter(pk__in=sorted(ids))
    return {
        u.username: {
            "first_name": u.first_name,
            "last_name": u.last_name,
            "email": u.email,
            "password": u.password,
            "is_active": u.is_active,
        }
        for u in users
    }


# --- writing ----------------------------------------------------------------------------


class Resolver:
    """Stable keys → this machine's ids, for one commune's bundle."""

    def __init__(self, commune: Commune | None, logins: dict[str, int]) -> None:
        self.commune = commune
        self.logins = logins
        self.cache: dict[type[models.Model], dict[Any, int]] = {}
        # A laptop made from the server's copy leaves out the rows that name what it does not
        # hold (another commune, a unit of account of the server's).
        self.skip_unknown = False

    def remember(self, model: type[models.Model], pairs: Iterable[tuple[Any, int]]) -> None:
        self.cache.setdefault(model, {}).update((_uuid(k), pk) for k, pk in pairs)

    def resolve(self, column: Column, keys: set[Any]) -> dict[Any, int]:
        target = column.target
        if target is None:
            raise TypeError(column.name)
        if column.fk == LOGIN:
            return {k: self.logins[k] for k in keys if k in self.logins}
        manager = target._base_manager
        if column.fk == ENTRY:
            found = manager.filter(commune=self.commune, sequence__in=sorted(keys)).values_list(
                "sequence", "pk"
            )
            return dict(found)
        known = self.cache.setdefault(target, {})
        wanted = {_uuid(k) for k in keys} - known.keys()
        for chunk in _chunks(sorted(wanted), 5000):
            query = manager.filter(uuid__in=chunk)
            if column.fk == COMMUNAL:
                query = query.filter(commune=self.commune)
            known.update((_uuid(k), pk) for k, pk in query.values_list("uuid", "pk"))
        return {k: known[_uuid(k)] for k in keys if _uuid(k) in known}


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _partitioned(table: str) -> bool:
    """Whether ``table`` is partitioned (PostgreSQL's ``relkind`` 'p')."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [table])
        row = cursor.fetchone()
    return row is not None and row[0] == "p"


def _parents_first(
    spec: Spec, position: dict[str, int], rows: list[list[Any]]
) -> list[list[list[Any]]]:
    """``rows`` in layers, each row after the row of the same table it points at when that row
    travels in the same batch (a state after its nation): a row may not wait for its parent
    when a check constraint needs the parent there (a level but the nation has one)."""
    own = [position[c.name] for c in spec.columns if c.fk is not None and c.target is spec.model]
    if not own or len(rows) < 2:
        return [rows]
    at = position["uuid"]
    waiting = {_uuid(row[at]) for row in rows}
    pending, layers = rows, []
    while pending:
        ready = [
            row
            for row in pending
            if all(row[i] is None or _uuid(row[i]) not in waiting for i in own)
        ]
        if not ready:  # a cycle: the fixups put the links back after the rows are written
            layers.append(pending)
            break
        layers.append(ready)
        waiting -= {_uuid(row[at]) for row in ready}
        pending = [row for row in pending if _uuid(row[at]) in waiting]
    return layers


def rows_write(
    spec: Spec,
    names: list[str],
    rows: list[list[Any]],
    resolver: Resolver,
    fixups: list[tuple[Spec, Column, Any, Any]],
) -> dict[uuid.UUID, int]:
    """Upsert ``rows`` (in ``names`` order) by uuid; return uuid → id. A foreign key whose
    target is not there yet (a cycle, a row pointing at one later in the bundle) is written
    empty and left in ``fixups`` for ``fixups_write``."""
    if not rows:
        return {}
    position = {n: i for i, n in enumerate(names)}
    missing = [c.name for c in spec.columns if c.name not in position]
    if missing:
        raise Refusal(f"{spec.table}: missing columns {missing}", code="malformed")
    layers = _parents_first(spec, position, rows)
    if len(layers) > 1:
        written: dict[uuid.UUID, int] = {}
        for layer in layers:
            written.update(rows_write(spec, names, layer, resolver, fixups))
        return written
    commune_id = resolver.commune.pk if resolver.commune is not None else None
    columns = spec.columns
    values: list[list[Any]] = [[None] * len(columns) for _ in rows]
    prepared = []
    dropped: set[int] = set()
    for j, c in enumerate(columns):
        i = position[c.name]
        if c.fk is not None:
            keys = {row[i] for row in rows if row[i] is not None}
            found = resolver.resolve(c, keys)
            for index, (v, row) in enumerate(zip(values, rows, strict=True)):
                key = row[i]
                if key is None:
                    continue
                pk = found.get(key)
                if pk is None:
                    if c.fk == COMMUNAL and c.field.null:
                        fixups.append((spec, c, row[position["uuid"]], key))
                        continue
                    if resolver.skip_unknown:
                        if not c.field.null:
                            dropped.add(index)
                        continue
                    raise Refusal(
                        f"{spec.table}.{c.name}: refers to {key}, which is not on this machine"
                        " (or not of this commune)",
                        code="unknown_reference",
                    )
                v[j] = pk
            if c.name == "commune" and commune_id is not None:
                for index, v in enumerate(values):
                    if index in dropped:
                        continue
                    if v[j] != commune_id:
                        raise Refusal(
                            f"{spec.table}: a row of another commune", code="other_commune"
                        )
        else:
            decode = _decoder(c.field)
            for v, row in zip(values, rows, strict=True):
                value = row[i]
                v[j] = decode(value) if decode is not None and value is not None else value
        prepared.append(c)
    if dropped:
        rows = [r for k, r in enumerate(rows) if k not in dropped]
        values = [v for k, v in enumerate(values) if k not in dropped]
        if not rows:
            return {}
    if commune_id is not None:
        manager = spec.model._base_manager
        uuids = [_uuid(row[position["uuid"]]) for row in rows]
        if connection.vendor == "postgresql":
            import psycopg

            connection.ensure_connection()
            with psycopg.Cursor(connection.connection) as cursor:
                cursor.execute(
                    f'SELECT 1 FROM {_q(spec.table)} WHERE "uuid" = ANY(%s) '  # noqa: S608
                    'AND "commune_id" <> %s LIMIT 1',
                    [uuids, commune_id],
                )
                other = cursor.fetchone() is not None
        else:
            other = any(
                manager.filter(uuid__in=chunk).exclude(commune_id=commune_id).exists()
                for chunk in _chunks(uuids, 5000)
            )
        if other:
            raise Refusal(f"{spec.table}: a row of another commune", code="other_commune")
    # Database values (plain text, numbers and booleans go as they are).
    for j, c in enumerate(columns):
        if c.fk is None and c.field.get_internal_type() not in _PLAIN:
            for v in values:
                v[j] = c.field.get_db_prep_save(v[j], connection)
    column_sql = ", ".join(_q(c.db_column) for c in columns)
    update_sql = ", ".join(
        f"{_q(c.db_column)} = excluded.{_q(c.db_column)}" for c in columns if c.name != "uuid"
    )
    placeholders = ", ".join(["%s"] * len(columns))
    table = _q(spec.table)
    sql = (
        f"INSERT INTO {table} ({column_sql}) VALUES ({placeholders}) "  # noqa: S608
        f'ON CONFLICT ("uuid") DO UPDATE SET {update_sql}'
    )
    result: dict[uuid.UUID, int] = {}
    if connection.vendor == "postgresql":
        # One statement per 5,000 rows, each column sent as one array: PostgreSQL plans it
        # once and the driver has a short statement to read.
        arrays = ", ".join(f"%s::{c.field.db_type(connection)}[]" for c in columns)
        # A table partitioned by commune (``comuna.core.partitioning``) keeps its uuid unique
        # together with the partition key: the conflict is named by both, and the commune,
        # the same on both sides, is not set again.
        conflict, update = '"uuid"', update_sql
        if _partitioned(spec.table):
            conflict = f'"uuid", "{PARTITION_KEY}"'
            update = ", ".join(
                f"{_q(c.db_column)} = excluded.{_q(c.db_column)}"
                for c in columns
                if c.name != "uuid" and c.db_column != PARTITION_KEY
            )
        sql = (
            f"INSERT INTO {table} ({column_sql}) SELECT * FROM unnest({arrays}) "  # noqa: S608
            f'ON CONFLICT ({conflict}) DO UPDATE SET {update} RETURNING "uuid", "id"'
        )
        import psycopg

        connection.ensure_connection()
        # A cursor that binds its parameters on the server: the arrays travel as they are,
        # not quoted into the statement's text one element at a time.
        with psycopg.Cursor(connection.connection) as cursor:
            for chunk in _chunks(values, 5000):
                cursor.execute(sql, [[v[j] for v in chunk] for j in range(len(columns))])
                result.update((_uuid(k), pk) for k, pk in cursor.fetchall())
    else:
        with connection.cursor() as cursor:
            cursor.executemany(sql, values)
        manager = spec.model._base_manager
        for chunk in _chunks([_uuid(row[position["uuid"]]) for row in rows], 5000):
            result.update(
                (_uuid(k), pk) for k, pk in manager.filter(uuid__in=chunk).values_list("uuid", "pk")
            )
    resolver.remember(spec.model, result.items())
    # Many-to-many: each owner's list replaces what was there.
    for m in spec.m2m:
        at = position.get(f"m2m:{m.name}")
        if at is None:
            continue
        i = at
        through = through_of(m)
        source, target = m.m2m_column_name(), m.m2m_reverse_name()
        owner_ids = [result[_uuid(row[position["uuid"]])] for row in rows]
        target_column = Column(m.name, "", "", m, COMMUNAL, m.related_model)  # type: ignore[arg-type]
        keys = {k for row in rows for k in row[i]}
        found = resolver.resolve(target_column, keys)
        links = []
        for owner, row in zip(owner_ids, rows, strict=True):
            for key in row[i]:
                if key not in found:
                    if resolver.skip_unknown:
                        continue
                    raise Refusal(f"{spec.table}.{m.name}: unknown {key}", code="unknown_reference")
                links.append((owner, found[key]))
        with connection.cursor() as cursor:
            for chunk in _chunks(owner_ids, 5000):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"DELETE FROM {_q(through._meta.db_table)} WHERE {_q(source)} IN ({marks})",  # noqa: S608
                    list(chunk),
                )
            for chunk in _chunks(links, 5000):
                marks = ", ".join(["(%s, %s)"] * len(chunk))
                cursor.execute(
                    f"INSERT INTO {_q(through._meta.db_table)} ({_q(source)}, {_q(target)}) "  # noqa: S608
                    f"VALUES {marks}",
                    [x for link in chunk for x in link],
                )
    return result


def fixups_write(fixups: list[tuple[Spec, Column, Any, Any]], resolver: Resolver) -> None:
    for spec, column, row_key, target_key in fixups:
        found = resolver.resolve(column, {target_key})
        if target_key not in found and resolver.skip_unknown:
            continue
        if target_key not in found:
            raise Refusal(
                f"{spec.table}.{column.name}: refers to {target_key}, which is not on this "
                "machine (or not of this commune)",
                code="unknown_reference",
            )
        spec.model._base_manager.filter(uuid=_uuid(row_key)).update(
            **{column.attname: found[target_key]}
        )


def rows_delete(spec: Spec, commune: Commune | None, keys: Sequence[str]) -> int:
    """Delete this commune's rows with these uuids (and their many-to-many links)."""
    if not keys:
        return 0
    manager = spec.model._base_manager
    uuids = [_uuid(k) for k in keys]
    query = manager.filter(uuid__in=uuids)
    if commune is not None:
        query = query.filter(commune=commune)
    ids = list(query.values_list("pk", flat=True))
    for m in spec.m2m:
        through = through_of(m)
        through._base_manager.filter(**{f"{m.m2m_field_name()}__in": ids}).delete()
    # Links of other rows' many-to-many fields that point here.
    for other in communal_specs():
        for m in other.m2m:
            if m.related_model is spec.model:
                through = through_of(m)
                through._base_manager.filter(**{f"{m.m2m_reverse_field_name()}__in": ids}).delete()
    deleted: int = manager.filter(pk__in=ids)._raw_delete(connection.alias)
    return deleted
