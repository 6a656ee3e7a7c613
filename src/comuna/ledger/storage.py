"""The engine's ``Storage`` port over the ledger tables of one commune.

Locking precondition: every writing call of the engine runs inside ``posting_lock`` (see
``comuna.ledger.services``); ``append`` then relies on the unique (commune, sequence)
constraint as the last line of defence against a fork.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet

from comuna.core.models import Commune
from comuna.engines.ledger import (
    Account,
    AccountExists,
    AccountKind,
    Balance,
    Entry,
    EntryKind,
    StorageConflict,
)
from comuna.ledger import models

_COLUMNS = (
    "sequence, kind, debit, credit, amount, unit, date, description, reference, "
    "idempotency_key, author, pending_id, previous_hash, hash"
)
_FETCH = 20_000
_INSERT_ROWS = 500
_ROW_PLACEHOLDER = "(" + ",".join(["%s"] * 15) + ")"


def _to_entry(row: models.Entry) -> Entry:
    return Entry(
        sequence=row.sequence,
        kind=EntryKind(row.kind),
        debit=row.debit,
        credit=row.credit,
        amount=row.amount,
        unit=row.unit,
        date=row.date,
        description=row.description,
        reference=row.reference,
        idempotency_key=row.idempotency_key,
        author=row.author,
        pending_id=row.pending_id,
        previous_hash=row.previous_hash,
        hash=row.hash,
    )


def _to_account(row: models.Account) -> Account:
    return Account(
        code=row.code, name=row.name, kind=AccountKind(row.kind), unit=row.unit, floor=row.floor
    )


def _date(value: object) -> dt.date:
    # SQLite hands raw cursors ISO text; PostgreSQL hands dates.
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


class DatabaseStorage:
    """Accounts, entries and running totals of one commune in the database."""

    def __init__(self, commune: Commune) -> None:
        self.commune = commune
        self._accounts: dict[str, models.Account] | None = None
        self._plain: dict[str, Account] = {}

    def _account_rows(self) -> dict[str, models.Account]:
        if self._accounts is None:
            self._accounts = {
                a.code: a for a in models.Account.objects.filter(commune=self.commune)
            }
        return self._accounts

    def get_account(self, code: str) -> Account | None:
        found = self._plain.get(code)
        if found is None:
            row = self._account_rows().get(code)
            if row is None:
                return None
            found = self._plain[code] = _to_account(row)
        return found

    def list_accounts(self) -> Sequence[Account]:
        rows = self._account_rows()
        return [_to_account(rows[c]) for c in sorted(rows)]

    def add_account(self, account: Account) -> None:
        rows = self._account_rows()
        if account.code in rows:
            raise AccountExists(account.code)
        try:
            with transaction.atomic():
                row = models.Account.objects.create(
                    commune=self.commune,
                    code=account.code,
                    name=account.name,
                    kind=str(account.kind),
                    unit=account.unit,
                    floor=account.floor,
                )
        except IntegrityError:
            raise AccountExists(account.code) from None
        rows[account.code] = row

    def _entries(self) -> QuerySet[models.Entry]:
        return models.Entry.objects.filter(commune=self.commune)

    def last_entry(self) -> Entry | None:
        row = self._entries().order_by("-sequence").first()
        return None if row is None else _to_entry(row)

    def get_entry(self, sequence: int) -> Entry | None:
        row = self._entries().filter(sequence=sequence).first()
        return None if row is None else _to_entry(row)

    def find_by_idempotency_key(self, key: str) -> Entry | None:
        row = self._entries().filter(idempotency_key=key).first()
        return None if row is None else _to_entry(row)

    def find_resolution(self, pending_id: int) -> Entry | None:
        row = (
            self._entries()
            .filter(pending_id=pending_id, kind__in=["approval", "void"])
            .order_by("sequence")
            .first()
        )
        return None if row is None else _to_entry(row)

    def open_proposals(self) -> Sequence[Entry]:
        resolved = self._entries().filter(pending_id__isnull=False).values("pending_id")
        rows = (
            self._entries()
            .filter(kind="proposal")
            .exclude(sequence__in=resolved)
            .order_by("sequence")
        )
        return [_to_entry(r) for r in rows]

    def iter_entries(self, first_sequence: int = 1) -> Iterator[Entry]:
        """Stream the journal in sequence order with a raw cursor (a million rows fit)."""
        table = models.Entry._meta.db_table
        # The table name comes from the model, the values are parameters.
        sql = (
            f"SELECT {_COLUMNS} FROM {table} "  # noqa: S608
            "WHERE commune_id = %s AND sequence >= %s ORDER BY sequence"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.commune.pk, first_sequence])
            kinds = {k.value: k for k in EntryKind}
            while True:
                rows = cursor.fetchmany(_FETCH)
                if not rows:
                    return
                for r in rows:
                    yield Entry(
                        r[0],
                        kinds.get(r[1], r[1]),
                        r[2],
                        r[3],
                        r[4],
                        r[5],
                        _date(r[6]),
                        r[7],
                        r[8],
                        r[9],
                        r[10],
                        r[11],
                        r[12],
                        r[13],
                    )

    def iter_rows(self) -> Iterator[tuple[Any, ...]]:
        """The journal as raw tuples in ``verify_rows`` order (no Entry built per row)."""
        table = models.Entry._meta.db_table
        sql = (
            f"SELECT {_COLUMNS} FROM {table} "  # noqa: S608
            # In insertion order (a sequential scan, not an index walk); a row whose sequence
            # was changed, or rows swapped, still show: verify checks every sequence number.
            "WHERE commune_id = %s ORDER BY id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.commune.pk])
            while True:
                rows = cursor.fetchmany(_FETCH)
                if not rows:
                    return
                yield from rows

    def get_balance(self, code: str) -> Balance:
        row = self._account_rows().get(code)
        if row is None:
            return Balance()
        return Balance(
            debits_posted=row.debits_posted,
            credits_posted=row.credits_posted,
            debits_pending=row.debits_pending,
            credits_pending=row.credits_pending,
        )

    def append(self, entries: Sequence[Entry], balances: Mapping[str, Balance]) -> None:
        if not entries:
            return
        head = models.LedgerHead.objects.get(commune=self.commune)
        if entries[0].sequence != head.count + 1:
            raise StorageConflict(f"entry {entries[0].sequence} does not follow entry {head.count}")
        table = models.Entry._meta.db_table
        commune_id = self.commune.pk
        values = [
            (
                commune_id,
                e.sequence,
                str(e.kind),
                e.debit,
                e.credit,
                e.amount,
                e.unit,
                e.date,
                e.description,
                e.reference,
                e.idempotency_key,
                e.author,
                e.pending_id,
                e.previous_hash,
                e.hash,
            )
            for e in entries
        ]
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                # Multi-row INSERTs: one statement per few hundred entries is several times
                # faster than one per entry, on SQLite and (one round trip each) PostgreSQL.
                for start in range(0, len(values), _INSERT_ROWS):
                    batch = values[start : start + _INSERT_ROWS]
                    placeholders = ",".join([_ROW_PLACEHOLDER] * len(batch))
                    cursor.execute(
                        f"INSERT INTO {table} (commune_id, {_COLUMNS}) "  # noqa: S608
                        f"VALUES {placeholders}",
                        [value for row in batch for value in row],
                    )
                rows = self._account_rows()
                changed = []
                for code, b in balances.items():
                    row = rows[code]
                    row.debits_posted = b.debits_posted
                    row.credits_posted = b.credits_posted
                    row.debits_pending = b.debits_pending
                    row.credits_pending = b.credits_pending
                    changed.append(row)
                models.Account.objects.bulk_update(
                    changed,
                    ["debits_posted", "credits_posted", "debits_pending", "credits_pending"],
                )
                last = entries[-1]
                models.LedgerHead.objects.filter(commune=self.commune).update(
                    count=last.sequence, head=last.hash
                )
        except IntegrityError as error:
            # Our cached totals may now be ahead of the database: forget them.
            self._accounts = None
            self._plain = {}
            raise StorageConflict(f"the database refused the entries: {error}") from None
