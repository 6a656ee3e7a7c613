"""Multilateral set-off as a minimum-cost flow (OR-Tools ``SimpleMinCostFlow``).

The obligations of each (debtor, creditor) pair are added into one arc debtor → creditor whose
capacity is the pair's total. Each party's supply is what it owes less what it is owed, so any
feasible flow is a set of remaining debts that leaves every net position as it was; with a cost
of 1 per unit on every arc the cheapest flow is the smallest remaining debt, hence the most
cleared. Only debts that exist can remain: nobody ends up owing a party it did not owe.

The cleared part of a pair (its total less its flow) is then spread over that pair's
obligations in a fixed order (``rank``, then id), each cleared in full before the next, so none
is cleared beyond its amount. The solver sees the pairs sorted, so the same obligations in any
order give the same result.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from ortools.graph.python import min_cost_flow

from comuna.engines.clearing.errors import ClearingError, InvalidObligationError
from comuna.engines.clearing.model import Clearing, Obligation, Position


def _id_key(identifier: str) -> tuple[int, int, str]:
    """Numeric ids in numeric order ("2" before "10"), then the others as text."""
    if identifier.isdigit():
        return (0, int(identifier), "")
    return (1, 0, identifier)


# The solver counts in signed 64-bit integers: the whole debt must fit with room to spare.
MAX_TOTAL = 2**62


def obligations_check(obligations: Iterable[Obligation]) -> list[Obligation]:
    """The obligations as a list, or the first malformed one refused (and all of them, when
    together they owe more than ``MAX_TOTAL``)."""
    checked: list[Obligation] = []
    seen: set[str] = set()
    total = 0
    for item in obligations:
        if not item.debtor or not item.creditor:
            raise InvalidObligationError(item.id, "party")
        if item.debtor == item.creditor:
            raise InvalidObligationError(item.id, "self")
        if isinstance(item.amount, bool) or not isinstance(item.amount, int) or item.amount <= 0:
            raise InvalidObligationError(item.id, "amount")
        if item.id in seen:
            raise InvalidObligationError(item.id, "duplicate")
        seen.add(item.id)
        total += item.amount
        if total > MAX_TOTAL:
            raise InvalidObligationError(item.id, "total")
        checked.append(item)
    return checked


def clear(obligations: Iterable[Obligation]) -> Clearing:
    """The most debt that can be cancelled among ``obligations`` without changing any party's
    net position; see the module's docstring."""
    items = obligations_check(obligations)
    totals: dict[tuple[str, str], int] = {}
    members: dict[tuple[str, str], list[Obligation]] = {}
    for item in items:
        pair = (item.debtor, item.creditor)
        if pair in totals:
            totals[pair] += item.amount
            members[pair].append(item)
        else:
            totals[pair] = item.amount
            members[pair] = [item]
    parties = sorted({p for pair in totals for p in pair})
    index = {party: k for k, party in enumerate(parties)}
    pairs = sorted(totals, key=lambda pair: (index[pair[0]], index[pair[1]]))
    count = len(pairs)
    tails = np.fromiter((index[d] for d, _ in pairs), dtype=np.int32, count=count)
    heads = np.fromiter((index[c] for _, c in pairs), dtype=np.int32, count=count)
    capacities = np.fromiter((totals[pair] for pair in pairs), dtype=np.int64, count=count)
    supplies = np.zeros(len(parties), dtype=np.int64)
    np.add.at(supplies, tails, capacities)
    np.subtract.at(supplies, heads, capacities)
    remaining = capacities
    if count:
        solver = min_cost_flow.SimpleMinCostFlow()
        solver.add_arcs_with_capacity_and_unit_cost(
            tails, heads, capacities, np.ones(count, dtype=np.int64)
        )
        solver.set_nodes_supplies(np.arange(len(parties), dtype=np.int32), supplies)
        status = solver.solve()
        if status != solver.OPTIMAL:  # pragma: no cover - the full debts are always feasible
            raise ClearingError(f"The min-cost flow stopped with status {status}.")
        remaining = np.asarray(solver.flows(np.arange(count, dtype=np.int32)), dtype=np.int64)
    cleared_by_pair = capacities - remaining

    cleared: dict[str, int] = {}
    payable_before = np.zeros(len(parties), dtype=np.int64)
    payable_after = np.zeros(len(parties), dtype=np.int64)
    receivable_before = np.zeros(len(parties), dtype=np.int64)
    receivable_after = np.zeros(len(parties), dtype=np.int64)
    np.add.at(payable_before, tails, capacities)
    np.add.at(receivable_before, heads, capacities)
    np.add.at(payable_after, tails, remaining)
    np.add.at(receivable_after, heads, remaining)
    for k, pair in enumerate(pairs):
        left = int(cleared_by_pair[k])
        group = members[pair]
        if left == 0:
            for item in group:
                cleared[item.id] = 0
            continue
        if len(group) > 1:
            group = sorted(group, key=lambda o: (o.rank, _id_key(o.id)))
        for item in group:
            part = item.amount if item.amount < left else left
            cleared[item.id] = part
            left -= part
    positions = tuple(
        Position(
            party=party,
            payable_before=int(payable_before[k]),
            receivable_before=int(receivable_before[k]),
            payable_after=int(payable_after[k]),
            receivable_after=int(receivable_after[k]),
        )
        for k, party in enumerate(parties)
    )
    total = int(capacities.sum()) if count else 0
    return Clearing(
        cleared={item.id: cleared[item.id] for item in items},
        positions=positions,
        total_debt=total,
        total_cleared=int(cleared_by_pair.sum()) if count else 0,
        pairs=count,
    )
