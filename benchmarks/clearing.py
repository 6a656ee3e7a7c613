"""Multilateral clearing at the national scale, timed beside the linear programme and two
baselines in the same run.

    PYTHONPATH=src python benchmarks/clearing.py [--sizes 10000,100000,1000000] [--seed 13]

Seeded networks: 3,500 communes on a grid, each with three enterprises (14,000 parties); each
party owes parties of its own commune and of communes within two steps of it (trade is
mostly between neighbours), amounts in cents. For each size it prints the time and the debt
cleared by:

- the engine (``comuna.engines.clearing.clear``: min-cost flow, then the spread over
  obligations);
- the optimum of the linear programme (HiGHS, over the same pairs), on the sizes it solves in
  reasonable time (``--lp-limit`` obligations);
- pairwise netting (what two parties can cancel between themselves);
- cancelling simple cycles one at a time (a depth-first search that cancels each cycle it finds
  by its smallest debt; written here only, as the baseline the engine replaces), stopped after
  ``--cycle-seconds``.

Target (issue 13): within 0.01% of the programme, and 1,000,000 obligations in at most 20 s.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from comuna.engines.clearing import Obligation, clear  # noqa: E402

COMMUNES = 3500
ENTERPRISES = 3  # per commune
SIDE = 59  # communes on a 59 × 60 grid


def network(size: int, seed: int) -> list[Obligation]:
    rng = np.random.default_rng(seed)
    per = ENTERPRISES + 1  # the commune itself, then its enterprises
    commune_of_debtor = rng.integers(0, COMMUNES, size)
    dx = rng.integers(-2, 3, size)
    dy = rng.integers(-2, 3, size)
    row, col = commune_of_debtor // SIDE, commune_of_debtor % SIDE
    rows = (COMMUNES + SIDE - 1) // SIDE
    commune_of_creditor = np.clip(row + dy, 0, rows - 1) * SIDE + np.clip(col + dx, 0, SIDE - 1)
    commune_of_creditor = np.minimum(commune_of_creditor, COMMUNES - 1)
    debtor = commune_of_debtor * per + rng.integers(0, per, size)
    creditor = commune_of_creditor * per + rng.integers(0, per, size)
    same = debtor == creditor
    creditor[same] = commune_of_creditor[same] * per + (creditor[same] % per + 1) % per
    amount = np.maximum(1, rng.lognormal(11.0, 1.2, size)).astype(np.int64)
    return [
        Obligation(str(k + 1), f"P{int(d)}", f"P{int(c)}", int(a))
        for k, (d, c, a) in enumerate(zip(debtor, creditor, amount, strict=True))
    ]


def pairs_of(obligations: list[Obligation]) -> dict[tuple[str, str], int]:
    totals: dict[tuple[str, str], int] = {}
    for item in obligations:
        pair = (item.debtor, item.creditor)
        totals[pair] = totals.get(pair, 0) + item.amount
    return totals


def lp_cleared(totals: dict[tuple[str, str], int]) -> float:
    """The most that can be cleared, by HiGHS on the linear programme over the pairs'
    remainders (minimise what remains, each party's net kept)."""
    import scipy.sparse as sparse
    from scipy.optimize import linprog

    parties = sorted({p for pair in totals for p in pair})
    index = {p: k for k, p in enumerate(parties)}
    pairs = list(totals)
    n = len(pairs)
    tails = np.array([index[d] for d, _ in pairs])
    heads = np.array([index[c] for _, c in pairs])
    caps = np.array([totals[p] for p in pairs], dtype=np.float64)
    cols = np.arange(n)
    matrix = sparse.csr_matrix(
        (
            np.concatenate([np.ones(n), -np.ones(n)]),
            (np.concatenate([tails, heads]), np.concatenate([cols, cols])),
        ),
        shape=(len(parties), n),
    )
    supply = np.zeros(len(parties))
    np.add.at(supply, tails, caps)
    np.subtract.at(supply, heads, caps)
    result = linprog(
        np.ones(n),
        A_eq=matrix,
        b_eq=supply,
        bounds=np.column_stack([np.zeros(n), caps]),
        method="highs",
    )
    assert result.status == 0, result.message
    return float(caps.sum() - result.fun)


def pairwise_cleared(totals: dict[tuple[str, str], int]) -> int:
    cleared = 0
    for (debtor, creditor), amount in totals.items():
        if debtor < creditor:
            cleared += 2 * min(amount, totals.get((creditor, debtor), 0))
    return cleared


def cycles_cleared(totals: dict[tuple[str, str], int], seconds: float) -> tuple[int, bool]:
    """Cancel simple cycles one at a time until none is left or time runs out. Returns the
    debt cleared and whether it finished."""
    parties = sorted({p for pair in totals for p in pair})
    index = {p: k for k, p in enumerate(parties)}
    out: list[list[int]] = [[] for _ in parties]
    heads: list[int] = []
    left: list[int] = []
    for (d, c), amount in sorted(totals.items()):
        out[index[d]].append(len(heads))
        heads.append(index[c])
        left.append(amount)
    colour = [0] * len(parties)  # 0 unseen, 1 on the path, 2 done (no cycle reachable)
    cursor = [0] * len(parties)
    cleared = 0
    deadline = time.perf_counter() + seconds
    for root in range(len(parties)):
        if colour[root]:
            continue
        path = [root]
        via: list[int] = []  # the arc taken from path[i] to path[i + 1]
        position = {root: 0}
        colour[root] = 1
        while path:
            if time.perf_counter() > deadline:
                return cleared, False
            node = path[-1]
            arcs = out[node]
            while cursor[node] < len(arcs) and left[arcs[cursor[node]]] == 0:
                cursor[node] += 1
            if cursor[node] == len(arcs):
                colour[node] = 2
                path.pop()
                del position[node]
                if via:
                    via.pop()
                continue
            arc = arcs[cursor[node]]
            head = heads[arc]
            if colour[head] == 2:
                cursor[node] += 1
            elif colour[head] == 0:
                colour[head] = 1
                position[head] = len(path)
                path.append(head)
                via.append(arc)
            else:  # a cycle: path[position[head]:] and back along arc
                cycle = via[position[head] :] + [arc]
                smallest = min(left[a] for a in cycle)
                for a in cycle:
                    left[a] -= smallest
                cleared += smallest * len(cycle)
                # go back to the first node whose arc was emptied
                first = next(k for k, a in enumerate(cycle) if left[a] == 0) + position[head]
                while len(path) > first + 1:
                    gone = path.pop()
                    del position[gone]
                    colour[gone] = 0
                    via.pop()
    return cleared, True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--lp-limit", type=int, default=1_000_000)
    parser.add_argument("--cycle-seconds", type=float, default=60.0)
    options = parser.parse_args()
    print(f"{COMMUNES} communes with {ENTERPRISES} enterprises each; amounts in cents")
    for size in (int(s) for s in options.sizes.split(",")):
        obligations = network(size, options.seed)
        start = time.perf_counter()
        result = clear(obligations)
        engine_time = time.perf_counter() - start
        total = result.total_debt
        print(f"\n{size:,} obligations, {result.pairs:,} pairs, debt {total:,}")
        print(
            f"  engine (min-cost flow)   {engine_time:8.2f} s  cleared {result.total_cleared:>16,}"
            f"  ({100 * result.share_cleared:.2f}%)"
        )
        totals = pairs_of(obligations)
        if size <= options.lp_limit:
            start = time.perf_counter()
            optimum = lp_cleared(totals)
            lp_time = time.perf_counter() - start
            gap = 100 * (optimum - result.total_cleared) / optimum if optimum else 0.0
            print(
                f"  linear programme (HiGHS) {lp_time:8.2f} s  cleared {optimum:>16,.0f}"
                f"  (engine short of it by {gap:.6f}%)"
            )
        start = time.perf_counter()
        pairwise = pairwise_cleared(totals)
        spent = time.perf_counter() - start
        print(
            f"  pairwise netting         {spent:8.2f} s  cleared {pairwise:>16,}"
            f"  ({100 * pairwise / total:.2f}%)"
        )
        start = time.perf_counter()
        cycles, finished = cycles_cleared(totals, options.cycle_seconds)
        spent = time.perf_counter() - start
        note = "" if finished else f", stopped after {options.cycle_seconds:.0f} s"
        print(
            f"  cycles one at a time     {spent:8.2f} s  cleared {cycles:>16,}"
            f"  ({100 * cycles / total:.2f}%{note})"
        )


if __name__ == "__main__":
    main()
