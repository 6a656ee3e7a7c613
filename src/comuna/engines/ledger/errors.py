"""Every refusal of the ledger engine, in one place.

Each exception carries a stable ``code`` and the facts behind it as attributes, so that the
Django side can show a message in the user's language; the English ``str()`` is for logs and
for people reading a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar


class LedgerError(Exception):
    """Base class of every refusal by the ledger engine."""

    code: ClassVar[str] = "ledger_error"


class InvalidAmount(LedgerError, ValueError):
    """A decimal text could not be read as an amount of the given unit."""

    code = "invalid_amount"

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot read {text!r} as an amount: {reason}")


class UnknownUnit(LedgerError):
    """The currency or in-kind unit is not in the unit table."""

    code = "unknown_unit"

    def __init__(self, unit: str) -> None:
        self.unit = unit
        super().__init__(f"unknown unit {unit!r}")


class InvalidAccount(LedgerError):
    """An account definition is malformed (bad code, empty name, bad floor...)."""

    code = "invalid_account"

    def __init__(self, account: str, reason: str) -> None:
        self.account = account
        self.reason = reason
        super().__init__(f"account {account!r} is invalid: {reason}")


class AccountExists(LedgerError):
    """An account with this code is already open."""

    code = "account_exists"

    def __init__(self, account: str) -> None:
        self.account = account
        super().__init__(f"account {account!r} already exists")


class UnknownAccount(LedgerError):
    """No account has this code."""

    code = "unknown_account"

    def __init__(self, account: str) -> None:
        self.account = account
        super().__init__(f"no account with code {account!r}")


class InvalidTransfer(LedgerError):
    """A field of a transfer (or approval, or void) is missing or malformed."""

    code = "invalid_transfer"

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class UnitMismatch(LedgerError):
    """The two accounts, or the transfer and an account, count in different units."""

    code = "unit_mismatch"

    def __init__(
        self, *, debit: str, debit_unit: str, credit: str, credit_unit: str, unit: str
    ) -> None:
        self.debit = debit
        self.debit_unit = debit_unit
        self.credit = credit
        self.credit_unit = credit_unit
        self.unit = unit
        super().__init__(
            f"a transfer in {unit} cannot move from account {credit!r} ({credit_unit}) "
            f"to account {debit!r} ({debit_unit}): both sides must count in the same unit"
        )


class BoundExceeded(LedgerError):
    """The transfer would take a bounded account past its floor."""

    code = "bound_exceeded"

    def __init__(self, *, account: str, floor: int, available: int, unit: str) -> None:
        self.account = account
        self.floor = floor
        self.available = available
        self.unit = unit
        super().__init__(
            f"account {account!r} would fall to {available} {unit} (minor units, counting "
            f"reserved amounts), below its floor of {floor}"
        )


class ApprovalRequired(LedgerError):
    """The spend is above the threshold: it must be proposed and approved by someone else."""

    code = "approval_required"

    def __init__(self, *, amount: int, unit: str, threshold: int) -> None:
        self.amount = amount
        self.unit = unit
        self.threshold = threshold
        super().__init__(
            f"a spend of {amount} {unit} (minor units) is above the threshold of {threshold}: "
            "propose it and have another person approve it"
        )


class FourEyesViolation(LedgerError):
    """The author of a proposal tried to approve or void it."""

    code = "four_eyes"

    def __init__(self, *, pending_id: int, author: str) -> None:
        self.pending_id = pending_id
        self.author = author
        super().__init__(
            f"{author!r} proposed entry {pending_id}; another person must approve or void it"
        )


class UnknownPending(LedgerError):
    """No proposal has this sequence number."""

    code = "unknown_pending"

    def __init__(self, pending_id: int) -> None:
        self.pending_id = pending_id
        super().__init__(f"entry {pending_id} is not a pending proposal")


class PendingAlreadyResolved(LedgerError):
    """The proposal was already approved or voided."""

    code = "pending_resolved"

    def __init__(self, *, pending_id: int, resolution: int, kind: str) -> None:
        self.pending_id = pending_id
        self.resolution = resolution
        self.kind = kind
        super().__init__(
            f"proposal {pending_id} was already resolved ({kind}) by entry {resolution}"
        )


class IdempotencyConflict(LedgerError):
    """An idempotency key was reused for a different request."""

    code = "idempotency_conflict"

    def __init__(self, *, key: str, sequence: int, fields: Sequence[str]) -> None:
        self.key = key
        self.sequence = sequence
        self.fields = tuple(fields)
        super().__init__(
            f"idempotency key {key!r} was used by entry {sequence} with a different "
            f"{', '.join(self.fields)}"
        )


class NotReversible(LedgerError):
    """Only posted effects (transfers and approvals) can be reversed."""

    code = "not_reversible"

    def __init__(self, *, sequence: int, kind: str) -> None:
        self.sequence = sequence
        self.kind = kind
        super().__init__(
            f"entry {sequence} is a {kind}: only a transfer or an approval can be reversed "
            "(a pending proposal is voided instead)"
        )


@dataclass(frozen=True, slots=True)
class BatchItemError:
    """One refused item of a batch: its position in the batch and why."""

    index: int
    error: LedgerError


class BatchRejected(LedgerError):
    """At least one item of a batch was refused, so nothing of the batch was appended."""

    code = "batch_rejected"

    def __init__(self, errors: Sequence[BatchItemError]) -> None:
        self.errors = tuple(errors)
        lines = "; ".join(f"item {e.index}: {e.error}" for e in self.errors)
        super().__init__(f"{len(self.errors)} item(s) refused, nothing posted: {lines}")


class StorageConflict(LedgerError):
    """The storage refused an append that does not follow its last entry.

    Seeing this means two writers posted at once: the caller did not hold the posting lock.
    """

    code = "storage_conflict"

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class InvalidHead(LedgerError, ValueError):
    """A printed chain head is not 16 to 64 hexadecimal digits."""

    code = "invalid_head"

    def __init__(self, head: str) -> None:
        self.head = head
        super().__init__(f"{head!r} is not a chain head: expected 16 to 64 hexadecimal digits")


class Unbalanced(LedgerError):
    """The balances of some unit do not sum to zero: the stored balances are corrupt."""

    code = "unbalanced"

    def __init__(self, totals: dict[str, tuple[int, int]]) -> None:
        self.totals = totals
        parts = ", ".join(f"{u}: posted {p}, pending {q}" for u, (p, q) in sorted(totals.items()))
        super().__init__(f"balances do not sum to zero for {parts}")
