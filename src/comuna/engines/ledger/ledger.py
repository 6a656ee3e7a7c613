"""The ledger: validates requests, applies the rules, and appends chained entries."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .chain import GENESIS_HASH, Verification, compute_hash, verify
from .errors import (
    ApprovalRequired,
    BatchItemError,
    BatchRejected,
    BoundExceeded,
    FourEyesViolation,
    IdempotencyConflict,
    InvalidAccount,
    InvalidTransfer,
    LedgerError,
    NotReversible,
    PendingAlreadyResolved,
    Unbalanced,
    UnitMismatch,
    UnknownAccount,
    UnknownPending,
)
from .model import Account, AccountKind, Balance, Checkpoint, Entry, EntryKind, Transfer
from .storage import Storage
from .units import MAX_AMOUNT, get_unit

MAX_CODE = 32
MAX_NAME = 200
MAX_DESCRIPTION = 500
MAX_REFERENCE = 100
MAX_KEY = 100
MAX_AUTHOR = 150
_CODE = re.compile(r"[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*")


@dataclass(frozen=True, slots=True)
class ApprovalPolicy:
    """Which transfers need four eyes: a *spend* (a transfer that credits an asset account,
    i.e. money or goods leave what the commune holds) above the threshold of its unit.

    ``thresholds`` maps a unit code to an amount in minor units; a unit that is not in it
    never needs approval.
    """

    thresholds: Mapping[str, int] = field(default_factory=dict)

    def requires_approval(self, transfer: Transfer, debit: Account, credit: Account) -> bool:
        threshold = self.thresholds.get(transfer.unit)
        return (
            threshold is not None
            and credit.kind is AccountKind.ASSET
            and transfer.amount > threshold
        )


class Ledger:
    """A double-entry ledger over a ``Storage``.

    Locking contract: the ledger takes no lock. Each writing call (``open_account``,
    ``post``, ``post_many``, ``propose``, ``approve``, ``void``) reads the chain head,
    balances and keys, then appends; the caller must serialise these calls by holding one
    exclusive posting lock for the whole call (for example a database transaction that
    first locks the ledger's row, ``SELECT ... FOR UPDATE`` on PostgreSQL or
    ``BEGIN IMMEDIATE`` on SQLite) and commit only after it returns. Without the lock, two
    writers would compute the same next sequence number; the storage refuses the second
    append (StorageConflict) rather than fork the chain.

    Every refusal is a ``LedgerError`` raised before anything is appended.
    """

    def __init__(self, storage: Storage, *, policy: ApprovalPolicy | None = None) -> None:
        self._storage = storage
        self._policy = policy or ApprovalPolicy()

    @property
    def storage(self) -> Storage:
        return self._storage

    @property
    def policy(self) -> ApprovalPolicy:
        return self._policy

    # Accounts

    def open_account(self, account: Account) -> Account:
        """Validate and store a new account; return it as stored."""
        clean = _clean_account(account)
        self._storage.add_account(clean)
        return clean

    def account(self, code: str) -> Account:
        found = self._storage.get_account(code)
        if found is None:
            raise UnknownAccount(code)
        return found

    def accounts(self) -> Sequence[Account]:
        return self._storage.list_accounts()

    # Writing

    def needs_approval(self, transfer: Transfer) -> bool:
        """Whether ``transfer`` must be proposed rather than posted (validates it first)."""
        clean, debit, credit = self._check(transfer)
        return self._policy.requires_approval(clean, debit, credit)

    def post(self, transfer: Transfer) -> Entry:
        """Post a transfer at once and return its entry.

        If its idempotency key was already used by the same request, return that entry and
        post nothing. Refused when the spend needs approval (ApprovalRequired), when it
        would take a bounded account past its floor (BoundExceeded), and on any bad field.
        """
        draft = _Draft(self._storage)
        entry = self._add_transfer(draft, transfer, EntryKind.TRANSFER)
        draft.commit()
        return entry

    def post_many(self, transfers: Sequence[Transfer]) -> list[Entry]:
        """Post a batch (an import) all together or not at all.

        Every item is checked, in order, as if the items before it had been posted; if any is
        refused, BatchRejected lists every refused item with its index and reason, and
        nothing is appended. Returns one entry per item (an already posted one for a
        repeated idempotency key).
        """
        draft = _Draft(self._storage)
        results: list[Entry] = []
        errors: list[BatchItemError] = []
        for index, transfer in enumerate(transfers):
            try:
                results.append(self._add_transfer(draft, transfer, EntryKind.TRANSFER))
            except LedgerError as exc:
                errors.append(BatchItemError(index, exc))
        if errors:
            raise BatchRejected(errors)
        draft.commit()
        return results

    def propose(self, transfer: Transfer) -> Entry:
        """Record a pending transfer: its amount is reserved (bounds count it), not moved.

        Another person then ``approve``s or ``void``s it, using the proposal's sequence
        number as ``pending_id``.
        """
        draft = _Draft(self._storage)
        entry = self._add_transfer(draft, transfer, EntryKind.PROPOSAL)
        draft.commit()
        return entry

    def approve(
        self, pending_id: int, *, author: str, date: dt.date, idempotency_key: str = ""
    ) -> Entry:
        """Post the reserved amount of proposal ``pending_id``; ``author`` must not be its
        proposer. A proposal is approved or voided once only."""
        return self._resolve(
            pending_id,
            EntryKind.APPROVAL,
            author=author,
            date=date,
            reason=None,
            idempotency_key=idempotency_key,
        )

    def void(
        self,
        pending_id: int,
        *,
        author: str,
        date: dt.date,
        reason: str,
        idempotency_key: str = "",
    ) -> Entry:
        """Cancel proposal ``pending_id`` and release its reservation; ``author`` must not be
        its proposer, and ``reason`` is recorded as the entry's description."""
        return self._resolve(
            pending_id,
            EntryKind.VOID,
            author=author,
            date=date,
            reason=reason,
            idempotency_key=idempotency_key,
        )

    # Reading

    def open_proposals(self) -> Sequence[Entry]:
        return self._storage.open_proposals()

    def balance(self, code: str) -> Balance:
        self.account(code)
        return self._storage.get_balance(code)

    def balances(self) -> dict[str, Balance]:
        return {a.code: self._storage.get_balance(a.code) for a in self.accounts()}

    def totals_by_unit(self) -> dict[str, tuple[int, int]]:
        """Per unit, the sum of all accounts' posted nets and of their pending nets.

        Both are zero in a sound ledger (double entry); see ``check_double_entry``.
        """
        totals: dict[str, tuple[int, int]] = {}
        for account in self.accounts():
            b = self._storage.get_balance(account.code)
            posted, pending = totals.get(account.unit, (0, 0))
            totals[account.unit] = (posted + b.net, pending + b.net_pending)
        return totals

    def check_double_entry(self) -> None:
        """Raise Unbalanced naming every unit whose balances do not sum to zero."""
        wrong = {u: t for u, t in self.totals_by_unit().items() if t != (0, 0)}
        if wrong:
            raise Unbalanced(wrong)

    def checkpoint(self) -> Checkpoint:
        """The entry count and chain head to print in the minutes (as stored; ``verify``
        first to know they are sound)."""
        last = self._storage.last_entry()
        if last is None:
            return Checkpoint(0, GENESIS_HASH)
        return Checkpoint(last.sequence, last.hash)

    def verify(self, *, checkpoint: Checkpoint | None = None) -> Verification:
        """Verify the stored chain (see ``chain.verify``)."""
        return verify(self._storage.iter_entries(), checkpoint=checkpoint)

    # Internals

    def _check(
        self, transfer: Transfer, draft: _Draft | None = None
    ) -> tuple[Transfer, Account, Account]:
        if not isinstance(transfer, Transfer):
            raise InvalidTransfer("transfer", "is not a Transfer")
        t = transfer
        debit = _code(t.debit, "debit")
        credit = _code(t.credit, "credit")
        if debit == credit:
            raise InvalidTransfer("credit", "debit and credit must be different accounts")
        amount = _amount(t.amount)
        date = _date(t.date)
        description = _text(t.description, "description", MAX_DESCRIPTION, required=True)
        author = _text(t.author, "author", MAX_AUTHOR, required=True)
        reference = (
            t.reference
            if t.reference == ""
            else _text(t.reference, "reference", MAX_REFERENCE, required=False)
        )
        key = (
            t.idempotency_key
            if t.idempotency_key == ""
            else _text(t.idempotency_key, "idempotency_key", MAX_KEY, required=False)
        )
        # A batch repeats a few account pairs many times: check each pair once per batch.
        routes = draft.routes if draft is not None and isinstance(t.unit, str) else {}
        route = routes.get((debit, credit, t.unit))
        if route is None:
            route = routes[(debit, credit, t.unit)] = self._route(debit, credit, t.unit)
        unit, debit_account, credit_account = route
        if (
            debit is t.debit
            and credit is t.credit
            and unit == t.unit
            and description is t.description
            and author is t.author
            and reference is t.reference
            and key is t.idempotency_key
        ):
            # Already clean (stripping returned the very same strings): the common case of
            # an import, spared a copy.
            return t, debit_account, credit_account
        clean = Transfer(
            debit=debit,
            credit=credit,
            amount=amount,
            unit=unit,
            date=date,
            description=description,
            author=author,
            reference=reference,
            idempotency_key=key,
        )
        return clean, debit_account, credit_account

    def _route(self, debit: str, credit: str, unit_code: str) -> tuple[str, Account, Account]:
        """The unit and the two accounts of a transfer, which must all be of that unit."""
        unit = get_unit(unit_code).code
        debit_account = self.account(debit)
        credit_account = self.account(credit)
        if not debit_account.unit == credit_account.unit == unit:
            raise UnitMismatch(
                debit=debit,
                debit_unit=debit_account.unit,
                credit=credit,
                credit_unit=credit_account.unit,
                unit=unit,
            )
        return unit, debit_account, credit_account

    def _add_transfer(self, draft: _Draft, transfer: Transfer, kind: EntryKind) -> Entry:
        key = transfer.idempotency_key if isinstance(transfer, Transfer) else ""
        if isinstance(key, str) and key.strip():
            existing = draft.by_key(_text(key, "idempotency_key", MAX_KEY, required=False))
            if existing is not None:
                clean, _, _ = self._check(transfer, draft)
                _same_transfer(existing, clean, kind)
                return existing
        clean, debit, credit = self._check(transfer, draft)
        if kind is EntryKind.TRANSFER and self._policy.requires_approval(clean, debit, credit):
            raise ApprovalRequired(
                amount=clean.amount,
                unit=clean.unit,
                threshold=self._policy.thresholds.get(clean.unit, 0),
            )
        return draft.add(
            kind,
            debit,
            credit,
            amount=clean.amount,
            date=clean.date,
            description=clean.description,
            reference=clean.reference,
            idempotency_key=clean.idempotency_key,
            author=clean.author,
            pending_id=None,
        )

    def _resolve(
        self,
        pending_id: int,
        kind: EntryKind,
        *,
        author: str,
        date: dt.date,
        reason: str | None,
        idempotency_key: str,
    ) -> Entry:
        draft = _Draft(self._storage)
        who = _text(author, "author", MAX_AUTHOR, required=True)
        when = _date(date)
        why = "" if reason is None else _text(reason, "reason", MAX_DESCRIPTION, required=True)
        key = _text(idempotency_key, "idempotency_key", MAX_KEY, required=False)
        if key:
            existing = draft.by_key(key)
            if existing is not None:
                _same_resolution(existing, kind, pending_id, who, why)
                return existing
        proposal = None
        if isinstance(pending_id, int) and not isinstance(pending_id, bool):
            proposal = self._storage.get_entry(pending_id)
        if proposal is None or proposal.kind is not EntryKind.PROPOSAL:
            raise UnknownPending(pending_id)
        done = self._storage.find_resolution(pending_id)
        if done is not None:
            raise PendingAlreadyResolved(
                pending_id=pending_id, resolution=done.sequence, kind=done.kind
            )
        if who == proposal.author:
            raise FourEyesViolation(pending_id=pending_id, author=who)
        entry = draft.add(
            kind,
            self.account(proposal.debit),
            self.account(proposal.credit),
            amount=proposal.amount,
            date=when,
            description=why or proposal.description,
            reference=proposal.reference,
            idempotency_key=key,
            author=who,
            pending_id=pending_id,
        )
        draft.commit()
        return entry


class _Draft:
    """Entries being prepared by one operation, with the balances and keys they change."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        last = storage.last_entry()
        self._sequence = last.sequence + 1 if last is not None else 1
        self._previous_hash = last.hash if last is not None else GENESIS_HASH
        self._entries: list[Entry] = []
        # Running totals of the accounts this operation touches, as mutable
        # [debits_posted, credits_posted, debits_pending, credits_pending].
        self._totals: dict[str, list[int]] = {}
        self._keys: dict[str, Entry] = {}
        self.routes: dict[tuple[str, str, str], tuple[str, Account, Account]] = {}

    def _totals_of(self, code: str) -> list[int]:
        found = self._totals.get(code)
        if found is None:
            b = self._storage.get_balance(code)
            found = self._totals[code] = [
                b.debits_posted,
                b.credits_posted,
                b.debits_pending,
                b.credits_pending,
            ]
        return found

    def by_key(self, key: str) -> Entry | None:
        found = self._keys.get(key)
        return found if found is not None else self._storage.find_by_idempotency_key(key)

    def add(
        self,
        kind: EntryKind,
        debit: Account,
        credit: Account,
        *,
        amount: int,
        date: dt.date,
        description: str,
        reference: str,
        idempotency_key: str,
        author: str,
        pending_id: int | None,
    ) -> Entry:
        posted, pending = _moves(kind, amount)
        debit_totals = self._totals_of(debit.code)
        credit_totals = self._totals_of(credit.code)
        # An entry can only take an account below its floor on the side that takes from it
        # (the credit side of an asset, the debit side of a fund); the other side only adds.
        if debit.floor is not None and not debit.kind.debit_normal:
            before = Balance(*debit_totals)
            _check_floor(debit, before, apply_to_balance(before, kind, amount, debit_side=True))
        if credit.floor is not None and credit.kind.debit_normal:
            before = Balance(*credit_totals)
            _check_floor(credit, before, apply_to_balance(before, kind, amount, debit_side=False))
        sequence = self._sequence
        previous_hash = self._previous_hash
        entry = Entry(
            sequence,
            kind,
            debit.code,
            credit.code,
            amount,
            debit.unit,
            date,
            description,
            reference,
            idempotency_key,
            author,
            pending_id,
            previous_hash,
            "",
        )
        entry.hash = compute_hash(entry)  # sealed here, before anyone else sees it
        debit_totals[0] += posted
        debit_totals[2] += pending
        credit_totals[1] += posted
        credit_totals[3] += pending
        if idempotency_key:
            self._keys[idempotency_key] = entry
        self._entries.append(entry)
        self._sequence = sequence + 1
        self._previous_hash = entry.hash
        return entry

    def commit(self) -> None:
        if self._entries:
            balances = {code: Balance(*totals) for code, totals in self._totals.items()}
            self._storage.append(self._entries, balances)


def _moves(kind: EntryKind, amount: int) -> tuple[int, int]:
    """What an entry adds to the posted and to the pending totals of both its sides."""
    if kind is EntryKind.TRANSFER:
        return amount, 0
    if kind is EntryKind.PROPOSAL:
        return 0, amount
    if kind is EntryKind.APPROVAL:
        return amount, -amount
    return 0, -amount


def apply_to_balance(
    balance: Balance, kind: EntryKind, amount: int, *, debit_side: bool
) -> Balance:
    """The balance of the debit (or credit) account of an entry after that entry."""
    posted, pending = _moves(kind, amount)
    # Built directly rather than with dataclasses.replace, which is several times slower.
    if debit_side:
        return Balance(
            balance.debits_posted + posted,
            balance.credits_posted,
            balance.debits_pending + pending,
            balance.credits_pending,
        )
    return Balance(
        balance.debits_posted,
        balance.credits_posted + posted,
        balance.debits_pending,
        balance.credits_pending + pending,
    )


def replay(entries: Iterable[Entry]) -> dict[str, Balance]:
    """Every account's balance recomputed from the journal alone (for audits and tests)."""
    balances: dict[str, Balance] = {}
    for e in entries:
        zero = Balance()
        balances[e.debit] = apply_to_balance(
            balances.get(e.debit, zero), e.kind, e.amount, debit_side=True
        )
        balances[e.credit] = apply_to_balance(
            balances.get(e.credit, zero), e.kind, e.amount, debit_side=False
        )
    return balances


def reversal_of(
    entry: Entry,
    *,
    author: str,
    date: dt.date,
    description: str | None = None,
    idempotency_key: str | None = None,
) -> Transfer:
    """The transfer that undoes a posted entry (a transfer or an approval): same amount,
    debit and credit swapped. Books are corrected by reversing, never by editing.

    The default idempotency key, ``reversal-of-<sequence>``, makes reversing the same entry
    twice post once.
    """
    if entry.kind not in (EntryKind.TRANSFER, EntryKind.APPROVAL):
        raise NotReversible(sequence=entry.sequence, kind=str(entry.kind))
    text = description
    if text is None:
        text = f"Reversal of entry {entry.sequence}: {entry.description}"[:MAX_DESCRIPTION]
    return Transfer(
        debit=entry.credit,
        credit=entry.debit,
        amount=entry.amount,
        unit=entry.unit,
        date=date,
        description=text,
        author=author,
        reference=entry.reference,
        idempotency_key=(
            f"reversal-of-{entry.sequence}" if idempotency_key is None else idempotency_key
        ),
    )


def _check_floor(account: Account, before: Balance, after: Balance) -> None:
    if account.floor is None:
        return
    available = after.available(account.kind)
    # An account already below its floor may still receive, never give.
    if available < account.floor and available < before.available(account.kind):
        raise BoundExceeded(
            account=account.code, floor=account.floor, available=available, unit=account.unit
        )


def _same_transfer(existing: Entry, t: Transfer, kind: EntryKind) -> None:
    pairs = {
        "kind": (existing.kind, kind),
        "debit": (existing.debit, t.debit),
        "credit": (existing.credit, t.credit),
        "amount": (existing.amount, t.amount),
        "unit": (existing.unit, t.unit),
        "date": (existing.date, t.date),
        "description": (existing.description, t.description),
        "reference": (existing.reference, t.reference),
        "author": (existing.author, t.author),
    }
    _same(existing, pairs)


def _same_resolution(
    existing: Entry, kind: EntryKind, pending_id: int, author: str, reason: str
) -> None:
    pairs: dict[str, tuple[object, object]] = {
        "kind": (existing.kind, kind),
        "pending_id": (existing.pending_id, pending_id),
        "author": (existing.author, author),
    }
    if kind is EntryKind.VOID:
        pairs["reason"] = (existing.description, reason)
    _same(existing, pairs)


def _same(existing: Entry, pairs: Mapping[str, tuple[object, object]]) -> None:
    different = [name for name, (old, new) in pairs.items() if old != new]
    if different:
        raise IdempotencyConflict(
            key=existing.idempotency_key, sequence=existing.sequence, fields=different
        )


def _clean_account(account: Account) -> Account:
    if not isinstance(account, Account):
        raise InvalidAccount(repr(account), "is not an Account")
    code = account.code
    if not isinstance(code, str) or len(code) > MAX_CODE or not _CODE.fullmatch(code):
        raise InvalidAccount(
            str(code), "the code must be letters or digits in groups separated by dots"
        )
    try:
        name = _text(account.name, "name", MAX_NAME, required=True)
        kind = AccountKind(account.kind)
    except (InvalidTransfer, ValueError) as exc:
        raise InvalidAccount(code, str(exc)) from None
    unit = get_unit(account.unit).code
    floor = account.floor
    if floor is not None and (
        not isinstance(floor, int) or isinstance(floor, bool) or abs(floor) > MAX_AMOUNT
    ):
        raise InvalidAccount(code, "the floor must be a whole number of minor units")
    return Account(code=code, name=name, kind=kind, unit=unit, floor=floor)


def _code(value: object, field_name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidTransfer(field_name, "an account code is required")
    return value.strip()


def _amount(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidTransfer("amount", "must be a whole number of minor units")
    if value <= 0:
        raise InvalidTransfer("amount", "must be greater than zero")
    if value > MAX_AMOUNT:
        raise InvalidTransfer("amount", "is too large")
    return value


def _date(value: object) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidTransfer("date", "must be a calendar date")
    return value


def _text(value: object, field_name: str, limit: int, *, required: bool) -> str:
    if not isinstance(value, str):
        raise InvalidTransfer(field_name, "must be text")
    if value.isascii() and value.isprintable():
        # Printable ASCII is already NFC and holds no control character: the common case,
        # checked cheaply because imports post a million of these.
        text = value.strip()
        if required and not text:
            raise InvalidTransfer(field_name, "is required")
        if len(text) > limit:
            raise InvalidTransfer(field_name, f"is longer than {limit} characters")
        return text
    text = unicodedata.normalize("NFC", value.strip())
    if required and not text:
        raise InvalidTransfer(field_name, "is required")
    if len(text) > limit:
        raise InvalidTransfer(field_name, f"is longer than {limit} characters")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in text):
        raise InvalidTransfer(field_name, "contains a control character")
    return text
