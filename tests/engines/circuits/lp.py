"""An independent lexicographic linear programme (scipy's linprog) to check the engine against:
its own arcs, its own distances (straight line × detour), its own stages."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

from comuna.engines.circuits import Problem, straight_km


def reference(problem: Problem) -> tuple[dict[int, float], float]:
    """(grams met per priority, least cost) of the lexicographic optimum."""
    prod = {p.id: p for p in problem.producers}
    outl = {o.id: o for o in problem.outlets}
    t = problem.transport
    arcs = []
    for i, o in enumerate(problem.offers):
        for j, n in enumerate(problem.needs):
            if o.product != n.product or o.quantity_g <= 0 or n.quantity_g <= 0:
                continue
            p, q = prod[o.producer], outl[n.outlet]
            km = t.distances_km.get((o.producer, n.outlet))
            if km is None:
                km = straight_km(p.lat, p.lon, q.lat, q.lon) * t.detour_factor
            if t.reach_km is not None and km > t.reach_km:
                continue
            arcs.append((i, j, km))
    priorities = sorted({n.priority for n in problem.needs})
    if not arcs:
        return {p: 0.0 for p in priorities}, 0.0
    rows, b = [], []
    for i, o in enumerate(problem.offers):
        rows.append([1.0 if a[0] == i else 0.0 for a in arcs])
        b.append(o.quantity_g)
    for j, n in enumerate(problem.needs):
        rows.append([1.0 if a[1] == j else 0.0 for a in arcs])
        b.append(n.quantity_g)
    if problem.vehicles:
        rows.append([1.0] * len(arcs))
        b.append(sum(v.capacity_g for v in problem.vehicles))
    met: dict[int, float] = {}
    for p in priorities:
        mask = np.array([1.0 if problem.needs[a[1]].priority == p else 0.0 for a in arcs])
        r = linprog(-mask, A_ub=np.array(rows), b_ub=np.array(b, dtype=float), method="highs")
        assert r.status == 0
        met[p] = float(-r.fun)
        rows.append(list(-mask))
        b.append(-met[p] + 1e-6)
    cost = np.array([a[2] * t.cost_per_kg_km / 1000.0 for a in arcs])
    r = linprog(cost, A_ub=np.array(rows), b_ub=np.array(b, dtype=float), method="highs")
    assert r.status == 0
    return met, float(r.fun)
