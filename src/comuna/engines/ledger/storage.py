"""Where the ledger keeps its accounts, entries and running balances.

``Storage`` is the port a storage adapter (the Django app's tables) implements;
``MemoryStorage`` is the reference implementation, used by the tests.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

from .errors import AccountExists, StorageConflict
from .model import Account, Balance, Entry, EntryKind


class Storage(Protocol):
    """What the ledger needs from a store.

    The ledger reads, decides, then calls ``append`` once per operation. The caller holds the
    posting lock around the whole operation (see ``Ledger``); ``append`` must still be atomic
    (all entries and balances written, or none) and must refuse, with StorageConflict, entries
    that do not start right after the last stored one; a unique constraint on the sequence
    number gives that for free.
    """

    def get_account(self, code: str) -> Account | None: ...

    def list_accounts(self) -> Sequence[Account]:
        """Every account, ordered by code."""
        ...

    def add_account(self, account: Account) -> None:
        """Store a new account; raise AccountExists if the code is taken."""
        ...

    def last_entry(self) -> Entry | None: ...

    def get_entry(self, sequence: int) -> Entry | None: ...

    def find_by_idempotency_key(self, key: str) -> Entry | None:
        """The entry posted with this (non-empty) idempotency key, if any."""
        ...

    def find_resolution(self, pending_id: int) -> Entry | None:
        """The approval or void of the proposal ``pending_id``, if any."""
        ...

    def open_proposals(self) -> Sequence[Entry]:
        """Proposals not yet approved or voided, in sequence order."""
        ...

    def iter_entries(self, first_sequence: int = 1) -> Iterator[Entry]:
        """Entries from ``first_sequence`` on, in sequence order."""
        ...

    def get_balance(self, code: str) -> Balance:
        """The running totals of an account (all zero if it has no entries yet)."""
        ...

    def append(self, entries: Sequence[Entry], balances: Mapping[str, Balance]) -> None:
        """Atomically add ``entries`` and replace the balances of the accounts they touch."""
        ...


class MemoryStorage:
    """Storage in Python dicts and lists: for tests and for one-off computations."""

    def __init__(self) -> None:
        self._accounts: dict[str, Account] = {}
        self._entries: list[Entry] = []
        self._by_key: dict[str, Entry] = {}
        self._resolutions: dict[int, Entry] = {}
        self._open: dict[int, Entry] = {}
        self._balances: dict[str, Balance] = {}

    def get_account(self, code: str) -> Account | None:
        return self._accounts.get(code)

    def list_accounts(self) -> Sequence[Account]:
        return [self._accounts[c] for c in sorted(self._accounts)]

    def add_account(self, account: Account) -> None:
        if account.code in self._accounts:
            raise AccountExists(account.code)
        self._accounts[account.code] = account

    def last_entry(self) -> Entry | None:
        return self._entries[-1] if self._entries else None

    def get_entry(self, sequence: int) -> Entry | None:
        if 1 <= sequence <= len(self._entries):
            return self._entries[sequence - 1]
        return None

    def find_by_idempotency_key(self, key: str) -> Entry | None:
        return self._by_key.get(key)

    def find_resolution(self, pending_id: int) -> Entry | None:
        return self._resolutions.get(pending_id)

    def open_proposals(self) -> Sequence[Entry]:
        return list(self._open.values())

    def iter_entries(self, first_sequence: int = 1) -> Iterator[Entry]:
        return iter(self._entries[max(first_sequence, 1) - 1 :])

    def get_balance(self, code: str) -> Balance:
        return self._balances.get(code, Balance())

    def append(self, entries: Sequence[Entry], balances: Mapping[str, Balance]) -> None:
        # Check everything before changing anything, so a refusal leaves no trace.
        expected = len(self._entries) + 1
        keys: set[str] = set()
        for offset, entry in enumerate(entries):
            if entry.sequence != expected + offset:
                raise StorageConflict(
                    f"entry {entry.sequence} does not follow entry {expected + offset - 1}"
                )
            key = entry.idempotency_key
            if key and (key in self._by_key or key in keys):
                raise StorageConflict(f"idempotency key {key!r} is already stored")
            keys.add(key)
        for entry in entries:
            self._entries.append(entry)
            if entry.idempotency_key:
                self._by_key[entry.idempotency_key] = entry
            if entry.kind is EntryKind.PROPOSAL:
                self._open[entry.sequence] = entry
            elif entry.pending_id is not None:
                self._resolutions[entry.pending_id] = entry
                self._open.pop(entry.pending_id, None)
        self._balances.update(balances)

    def entries(self) -> list[Entry]:
        """A copy of the journal (tests tamper with copies, never with the store)."""
        return list(self._entries)
