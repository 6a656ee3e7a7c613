"""Communal circuits: the engine (HiGHS in stages, warm-started) beside scipy's linprog.

    PYTHONPATH=src .venv/bin/python benchmarks/circuits.py [--repeat 5] [--skip-large]

Two seeded cycles in the plains around a commune (0.6° × 0.6°), 12 products, shortage of
about 20%, priorities 1–3, a fleet that does not bind:

1. 30 producers × 80 outlets (the demo's size). Target: optimal, at most 50 ms.
2. 300 producers × 2,000 outlets.

Each figure beside, in the same run, ``scipy.optimize.linprog(method="highs")`` given the same
arcs and the same stages (maximise priority 1, fix, …, minimise cost) from sparse matrices
built by hand: the grams met per priority and the cost must agree.
"""

from __future__ import annotations

import argparse
import random
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix, vstack

from comuna.engines.circuits import (
    Need,
    Offer,
    Outlet,
    Problem,
    Producer,
    Transport,
    Vehicle,
    plan_cycle,
    road_km,
)

PRODUCTS = [f"product-{i:02d}" for i in range(12)]


def cycle(n_producers: int, n_outlets: int, seed: int = 13) -> Problem:
    rng = random.Random(seed)
    producers = tuple(
        Producer(f"p{i:04d}", 9.7 + rng.random() * 0.6, -67.6 + rng.random() * 0.6)
        for i in range(n_producers)
    )
    outlets = tuple(
        Outlet(f"o{i:05d}", 9.7 + rng.random() * 0.6, -67.6 + rng.random() * 0.6)
        for i in range(n_outlets)
    )
    needs = tuple(
        Need(o.id, product, rng.randint(20, 400) * 1000, rng.choice((1, 1, 2, 2, 3)))
        for o in outlets
        for product in rng.sample(PRODUCTS, 3)
    )
    demand = dict.fromkeys(PRODUCTS, 0)
    for n in needs:
        demand[n.product] += n.quantity_g
    chosen = [rng.sample(PRODUCTS, 2) for _ in producers]
    sellers = dict.fromkeys(PRODUCTS, 0)
    for pair in chosen:
        for product in pair:
            sellers[product] += 1
    offers = tuple(
        Offer(p.id, product, int(0.8 * demand[product] / sellers[product] * rng.uniform(0.5, 1.5)))
        for p, pair in zip(producers, chosen, strict=True)
        for product in pair
    )
    total = sum(n.quantity_g for n in needs)
    vehicles = tuple(Vehicle(f"v{i}", total // 5) for i in range(6))
    return Problem(producers, outlets, offers, needs, Transport(0.08, 1.3), vehicles)


def by_linprog(problem: Problem) -> tuple[dict[int, float], float]:
    km = road_km(problem)
    offers = [o for o in problem.offers if o.quantity_g > 0]
    needs = [n for n in problem.needs if n.quantity_g > 0]
    rows, cols, cost, prio = [], [], [], []
    by_product: dict[str, list[int]] = {}
    for j, n in enumerate(needs):
        by_product.setdefault(n.product, []).append(j)
    a = 0
    for i, o in enumerate(offers):
        for j in by_product.get(o.product, []):
            rows += [i, len(offers) + j, len(offers) + len(needs)]
            cols += [a, a, a]
            cost.append(km[(o.producer, needs[j].outlet)] * problem.transport.cost_per_kg_km / 1000)
            prio.append(needs[j].priority)
            a += 1
    m = len(offers) + len(needs) + 1
    A = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(m, a))
    b = [o.quantity_g for o in offers] + [n.quantity_g for n in needs]
    b.append(sum(v.capacity_g for v in problem.vehicles))
    bv = np.asarray(b, dtype=float)
    p_arr = np.asarray(prio)
    met: dict[int, float] = {}
    for p in sorted(set(prio)):
        mask = (p_arr == p).astype(float)
        r = linprog(-mask, A_ub=A, b_ub=bv, method="highs")
        met[p] = -r.fun
        A = vstack([A, csr_matrix(-mask)]).tocsr()
        bv = np.append(bv, -round(met[p]))
    r = linprog(np.asarray(cost), A_ub=A, b_ub=bv, method="highs")
    return met, float(r.fun)


def timed(fn, repeat: int):  # type: ignore[no-untyped-def]
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-large", action="store_true")
    args = ap.parse_args()
    sizes = [(30, 80)] if args.skip_large else [(30, 80), (300, 2000)]
    plan_cycle(cycle(3, 3))  # the solver's first start (library load) is not the plan's time
    for n_p, n_o in sizes:
        problem = cycle(n_p, n_o)
        repeat = args.repeat if n_p < 100 else 1
        t_engine, plan = timed(lambda p=problem: plan_cycle(p), repeat)
        t_lp, (met, cost) = timed(lambda p=problem: by_linprog(p), repeat)
        ours = plan.met_by_priority()
        needed = sum(n.quantity_g for n in problem.needs)
        print(
            f"{n_p} producers × {n_o} outlets: {len(problem.offers)} offers, "
            f"{len(problem.needs)} needs, {needed / 1e6:,.1f} t needed"
        )
        for p, (g, want) in ours.items():
            print(
                f"  priority {p}: engine {g / 1e6:,.3f} t of {want / 1e6:,.3f} t   "
                f"linprog {met[p] / 1e6:,.3f} t"
            )
        gap = abs(plan.cost - cost) / max(cost, 1e-9)
        print(f"  cost: engine {plan.cost:,.2f}   linprog {cost:,.2f}   gap {gap:.2e}")
        print(
            f"  time: engine {t_engine * 1000:,.1f} ms   linprog {t_lp * 1000:,.1f} ms"
            f"   (best of {repeat})"
        )


if __name__ == "__main__":
    main()
