"""The plain data of a clearing: the obligations that go in and the result that comes out.

Amounts are whole numbers in minor units of one unit of account (cents of a currency, or
thousandths of a reference basket); the app converts its rows at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Obligation:
    """``debtor`` owes ``creditor`` ``amount`` (its open amount). ``rank`` orders obligations of
    the same pair when the cleared amount is spread over them: the lowest rank (the oldest due
    date, say) is cleared first, then the smallest id."""

    id: str
    debtor: str
    creditor: str
    amount: int
    rank: int = 0


@dataclass(frozen=True, slots=True)
class Position:
    """A party's books before and after: what it owes (``payable``), what it is owed
    (``receivable``) and the difference (``net``: receivable less payable)."""

    party: str
    payable_before: int
    receivable_before: int
    payable_after: int
    receivable_after: int

    @property
    def net_before(self) -> int:
        return self.receivable_before - self.payable_before

    @property
    def net_after(self) -> int:
        return self.receivable_after - self.payable_after

    @property
    def gross_before(self) -> int:
        return self.payable_before + self.receivable_before

    @property
    def gross_after(self) -> int:
        return self.payable_after + self.receivable_after

    @property
    def cleared(self) -> int:
        """The debt this party no longer owes (equal to the credit it no longer holds, less
        nothing: set-off never changes the net)."""
        return self.payable_before - self.payable_after


@dataclass(frozen=True, slots=True)
class Clearing:
    """The result: ``cleared`` by obligation id (every obligation, 0 when nothing of it was
    cleared), each party's ``positions`` sorted by party, and the totals."""

    cleared: dict[str, int]
    positions: tuple[Position, ...]
    total_debt: int
    total_cleared: int
    pairs: int = field(default=0)

    @property
    def remaining(self) -> int:
        return self.total_debt - self.total_cleared

    @property
    def share_cleared(self) -> float:
        return self.total_cleared / self.total_debt if self.total_debt else 0.0
