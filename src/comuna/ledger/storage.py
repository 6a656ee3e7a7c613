"""The engine's ``Storage`` port over the ledger tables of one commune.

Locking precondition: every writing call of the engine runs inside ``posting_lock`` (see
``comuna.ledger.services``); ``append`` then relies on the unique (commune, sequence)
constraint as the last line of defence against a fork.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from sqlite3 import SQLITE_LIMIT_VARIABLE_NUMBER
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
_INSERT_ROWS = 5000


def _insert_raw(raw: Any, vendor: str, values: list[tuple[Any, ...]]) -> None:
    """Insert journal rows the fastest way each database offers, on the driver's own
    connection: COPY on PostgreSQL, INSERTs of thousands of rows each on SQLite (several
    times faster than one per row). Django's cursor is not used so that a writer thread
    (see ``DatabaseStorage.writing_behind``) can run it; the driver releases the interpreter
    while the database works."""
    table = models.Entry._meta.db_table
    columns = f"commune_id, {_COLUMNS}"
    if vendor == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        return
    width = len(values[0])
    row_marks = "(" + ",".join(["?"] * width) + ")"
    # As many rows per statement as SQLite takes: a writer thread waits for the interpreter
    # after each statement, so fewer statements mean fewer waits.
    limit = raw.getlimit(SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, min(_INSERT_ROWS, limit // width))
    cursor = raw.cursor()
    try:
        for start in range(0, len(values), per_statement):
            batch = values[start : start + per_statement]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
                + ",".join([row_marks] * len(batch)),
                [value for row in batch for value in row],
            )
    finally:
        cursor.close()


@dataclass
class _WriteBehind:
    """The state of ``DatabaseStorage.writing_behind``."""

    raw: Any
    vendor: str
    executor: ThreadPoolExecutor
    pending: Future[None] | None = None
    last: Entry | None = None
    changed: set[str] = field(default_factory=set)


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
        self._behind: _WriteBehind | None = None

    @contextmanager
    def writing_behind(self) -> Iterator[None]:
        """Insert appended entries on a background thread while the caller prepares the
        next batch (a bulk import), inside the caller's transaction.

        Meanwhile every read that needs the database first waits for the insert; the chain's
        last entry and the running totals are answered from memory. The totals and the head
        are saved when the block ends. An insert that fails raises StorageConflict at the
        next append or at the end of the block.
        """
        if self._behind is not None:
            yield
            return
        connection.ensure_connection()
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ledger-insert")
        self._behind = _WriteBehind(
            raw=connection.connection, vendor=connection.vendor, executor=executor
        )
        try:
            yield
            self._wait()
            behind = self._behind
            self._behind = None
            if behind.last is not None:
                rows = self._account_rows()
                self._save_totals([rows[code] for code in behind.changed], behind.last)
        finally:
            # Never leave the thread on the connection: the transaction may be rolling back.
            executor.shutdown(wait=True)
            self._behind = None

    def _wait(self) -> None:
        """Let the background insert finish (and raise its error) before using the database."""
        behind = self._behind
        if behind is None or behind.pending is None:
            return
        pending, behind.pending = behind.pending, None
        try:
            with connection.wrap_database_errors:
                pending.result()
        except IntegrityError as error:
            self._accounts = None
            self._plain = {}
            raise StorageConflict(f"the database refused the entries: {error}") from None

    def _account_rows(self) -> dict[str, models.Account]:
        if self._accounts is None:
            self._wait()
            self._accounts = {a.code: a for a in models.Account.objects.of(self.commune)}
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
        self._wait()
        return models.Entry.objects.of(self.commune)

    def last_entry(self) -> Entry | None:
        if self._behind is not None and self._behind.last is not None:
            return self._behind.last
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
        self._wait()
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
        self._wait()
        table = models.Entry._meta.db_table
        columns = _COLUMNS
        if connection.vendor == "sqlite":
            # The date as the stored text: Django's converter would parse it into a date
            # only for verification to write it back as text.
            columns = columns.replace(" date,", " CAST(date AS TEXT),")
        sql = (
            f"SELECT {columns} FROM {table} "  # noqa: S608
            # Along the unique (commune, sequence) index, which needs no sort. A row whose
            # sequence was changed still shows: a number goes missing, or its hash (which
            # covers the number and the entry before) no longer matches.
            "WHERE commune_id = %s ORDER BY sequence"
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
        behind = self._behind
        if behind is not None and behind.last is not None:
            count = behind.last.sequence
        else:
            self._wait()
            count = models.LedgerHead.objects.get(commune=self.commune).count
        if entries[0].sequence != count + 1:
            raise StorageConflict(f"entry {entries[0].sequence} does not follow entry {count}")
        values = self._rows_of(entries)
        if behind is not None:
            self._remember_totals(balances)
            behind.changed.update(balances)
            self._wait()
            behind.pending = behind.executor.submit(_insert_raw, behind.raw, behind.vendor, values)
            behind.last = entries[-1]
            return
        try:
            with transaction.atomic():
                with connection.wrap_database_errors:
                    _insert_raw(connection.connection, connection.vendor, values)
                self._save_totals(self._remember_totals(balances), entries[-1])
        except IntegrityError as error:
            # Our cached totals may now be ahead of the database: forget them.
            self._accounts = None
            self._plain = {}
            raise StorageConflict(f"the database refused the entries: {error}") from None

    def _rows_of(self, entries: Sequence[Entry]) -> list[tuple[Any, ...]]:
        commune_id = self.commune.pk
        return [
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

    def _remember_totals(self, balances: Mapping[str, Balance]) -> list[models.Account]:
        rows = self._account_rows()
        changed = []
        for code, b in balances.items():
            row = rows[code]
            row.debits_posted = b.debits_posted
            row.credits_posted = b.credits_posted
            row.debits_pending = b.debits_pending
            row.credits_pending = b.credits_pending
            changed.append(row)
        return changed

    def _save_totals(self, changed: list[models.Account], last: Entry) -> None:
        models.Account.objects.bulk_update(
            changed, ["debits_posted", "credits_posted", "debits_pending", "credits_pending"]
        )
        models.LedgerHead.objects.filter(commune=self.commune).update(
            count=last.sequence, head=last.hash
        )
