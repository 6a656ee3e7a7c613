"""The ledger's plain data: accounts, balances, transfer requests and journal entries.

Sign convention. Every balance is kept as four non-negative running totals (posted debits,
posted credits, pending debits, pending credits). Its *net* is ``debits - credits``, so that
the nets of all accounts of one unit always sum to zero. Assets and expenses are
*debit-normal*, liabilities, income and funds *credit-normal*; an account's *natural*
balance is its net seen from its normal side (``debits - credits`` for debit-normal,
``credits - debits`` for credit-normal), the number a person expects: cash in hand, money
owed, income earned. An optional ``floor`` bounds the natural balance *available*, that is
the natural balance less any amount reserved by pending proposals that would take from it
(``floor=0`` on cash in hand: "never below zero").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class AccountKind(StrEnum):
    ASSET = "asset"
    LIABILITY = "liability"
    INCOME = "income"
    EXPENSE = "expense"
    FUND = "fund"
    """Funds and equity: what the commune holds in common (surplus, emergency fund...)."""

    @property
    def debit_normal(self) -> bool:
        # Identity, not ``in``: enum equality runs in Python and this is asked per posting.
        return self is AccountKind.ASSET or self is AccountKind.EXPENSE


@dataclass(frozen=True, slots=True)
class Account:
    """An account of the chart: a code such as ``"1.1.01"``, a name, a kind and a unit.

    ``floor``, when set, is the lowest *available natural balance* (see the module docstring)
    in minor units that any transfer or proposal may leave; ``0`` means "never below zero".
    """

    code: str
    name: str
    kind: AccountKind
    unit: str
    floor: int | None = None


@dataclass(frozen=True, slots=True)
class Balance:
    """Running totals of one account, in minor units; all four are never negative."""

    debits_posted: int = 0
    credits_posted: int = 0
    debits_pending: int = 0
    credits_pending: int = 0

    @property
    def net(self) -> int:
        """Posted debits minus posted credits: sums to zero over all accounts of a unit."""
        return self.debits_posted - self.credits_posted

    @property
    def net_pending(self) -> int:
        return self.debits_pending - self.credits_pending

    def natural(self, kind: AccountKind) -> int:
        """The posted balance seen from the account's normal side."""
        return self.net if kind.debit_normal else -self.net

    def available(self, kind: AccountKind) -> int:
        """The natural balance less what pending proposals would take from it."""
        if kind.debit_normal:
            return self.debits_posted - self.credits_posted - self.credits_pending
        return self.credits_posted - self.debits_posted - self.debits_pending


# Transfers and entries are values: nothing changes one after it is built (``replace``
# makes a changed copy). They are not ``frozen`` only because an import builds a million of
# each, and a frozen dataclass of this size takes about seven times as long to build.


@dataclass(slots=True)
class Transfer:
    """A request to move ``amount`` minor units of ``unit`` from ``credit`` to ``debit``.

    ``reference`` (an invoice or receipt number) and ``idempotency_key`` are optional; an
    empty string means none. ``author`` is a stable identifier of the person asking (a user
    id or username), compared exactly for the four-eyes rule.
    """

    debit: str
    credit: str
    amount: int
    unit: str
    date: dt.date
    description: str
    author: str
    reference: str = ""
    idempotency_key: str = ""


class EntryKind(StrEnum):
    TRANSFER = "transfer"
    """A transfer posted at once."""
    PROPOSAL = "proposal"
    """A pending transfer: its amount is reserved, not yet moved."""
    APPROVAL = "approval"
    """Posts the proposal named by ``pending_id``: the reserved amount moves."""
    VOID = "void"
    """Cancels the proposal named by ``pending_id``: the reservation is released."""


@dataclass(slots=True)
class Entry:
    """One link of the append-only journal.

    Approvals and voids repeat the accounts, amount and unit of their proposal, so that every
    entry can be read, replayed and hashed on its own. ``pending_id`` is the sequence number
    of that proposal (``None`` for transfers and proposals). ``hash`` is the lowercase hex
    SHA-256 described in ``chain``; ``previous_hash`` is the hash of entry ``sequence - 1``.
    """

    sequence: int
    kind: EntryKind
    debit: str
    credit: str
    amount: int
    unit: str
    date: dt.date
    description: str
    reference: str
    idempotency_key: str
    author: str
    pending_id: int | None
    previous_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """What the minutes print to commit to the whole history: the entry count and head."""

    count: int
    head: str
