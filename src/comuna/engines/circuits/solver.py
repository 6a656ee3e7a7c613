"""The circuits plan as a lexicographic linear programme solved by HiGHS.

One variable per arc (an offer of product X to a need of product X within reach), grams moved.
Rows: each offer gives at most what it offers; each need takes at most what it needs; all arcs
together carry at most the fleet's capacity in the cycle. Stages: for priority 1, 2, … maximise
the grams that reach needs of that priority, then fix that total as a floor before the next
stage; the last stage minimises the transport cost with every floor in place. So no gram of a
higher priority's need is left unmet to serve a lower one, and among the plans that meet the
most, the plan is the cheapest.

The matrix is the projection of a network-flow matrix (source → fleet → offers → needs → sink),
so every vertex is whole; each stage's floor is the face on which the previous optimum lies, so
the dual simplex (with warm start between stages) returns whole grams. The engine still rounds
and checks every row before it answers.
"""

from __future__ import annotations

import math
from collections import defaultdict

import highspy
import numpy as np

from comuna.engines.circuits.errors import CircuitError, InvalidProblemError
from comuna.engines.circuits.model import (
    Flow,
    Load,
    Need,
    NeedResult,
    Offer,
    Outlet,
    Plan,
    Problem,
    Producer,
    Reason,
    straight_km,
)

INF = highspy.kHighsInf


def validate(problem: Problem) -> None:
    """Raise ``InvalidProblemError`` for anything the plan cannot be made from."""
    producers = {p.id for p in problem.producers}
    outlets = {o.id for o in problem.outlets}
    if len(producers) != len(problem.producers):
        raise InvalidProblemError("two producers share an id")
    if len(outlets) != len(problem.outlets):
        raise InvalidProblemError("two outlets share an id")
    places: list[Producer | Outlet] = [*problem.producers, *problem.outlets]
    for place in places:
        if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
            raise InvalidProblemError(f"{place.id} is not at a place on Earth")
    seen: set[tuple[str, str]] = set()
    for offer in problem.offers:
        if offer.producer not in producers:
            raise InvalidProblemError(f"an offer of {offer.product} has no producer")
        if offer.quantity_g < 0:
            raise InvalidProblemError(f"{offer.producer} offers a negative quantity")
        if (offer.producer, offer.product) in seen:
            raise InvalidProblemError(f"{offer.producer} offers {offer.product} twice")
        seen.add((offer.producer, offer.product))
    seen = set()
    for need in problem.needs:
        if need.outlet not in outlets:
            raise InvalidProblemError(f"a need of {need.product} has no outlet")
        if need.quantity_g < 0:
            raise InvalidProblemError(f"{need.outlet} needs a negative quantity")
        if need.priority < 1:
            raise InvalidProblemError(f"{need.outlet}: priority must be 1 or more")
        if (need.outlet, need.product) in seen:
            raise InvalidProblemError(f"{need.outlet} needs {need.product} twice")
        seen.add((need.outlet, need.product))
    t = problem.transport
    if not (t.cost_per_kg_km >= 0 and math.isfinite(t.cost_per_kg_km)):
        raise InvalidProblemError("the cost per kg·km must be a number of 0 or more")
    if not t.detour_factor >= 1:
        raise InvalidProblemError("the detour factor must be 1 or more")
    if t.reach_km is not None and not t.reach_km >= 0:
        raise InvalidProblemError("the reach must be 0 km or more")
    for km in t.distances_km.values():
        if not (km >= 0 and math.isfinite(km)):
            raise InvalidProblemError("a road distance must be a number of 0 km or more")
    if len({v.id for v in problem.vehicles}) != len(problem.vehicles):
        raise InvalidProblemError("two vehicles share an id")
    if any(v.capacity_g < 0 for v in problem.vehicles):
        raise InvalidProblemError("a vehicle's capacity cannot be negative")


def road_km(problem: Problem) -> dict[tuple[str, str], float]:
    """Road km for every (producer, outlet) pair that some offer and need join."""
    t = problem.transport
    prod = {p.id: p for p in problem.producers}
    outl = {o.id: o for o in problem.outlets}
    pairs: set[tuple[str, str]] = set()
    by_product: dict[str, set[str]] = defaultdict(set)
    for offer in problem.offers:
        by_product[offer.product].add(offer.producer)
    for need in problem.needs:
        for producer in by_product.get(need.product, ()):
            pairs.add((producer, need.outlet))
    out: dict[tuple[str, str], float] = {}
    for p_id, o_id in pairs:
        given = t.distances_km.get((p_id, o_id))
        if given is not None:
            out[(p_id, o_id)] = float(given)
        else:
            p, o = prod[p_id], outl[o_id]
            out[(p_id, o_id)] = straight_km(p.lat, p.lon, o.lat, o.lon) * t.detour_factor
    return out


class _Arcs:
    """The programme's columns in a fixed, sorted order (so the plan is deterministic)."""

    def __init__(self, problem: Problem) -> None:
        self.offers: list[Offer] = sorted(
            (o for o in problem.offers if o.quantity_g > 0), key=lambda o: (o.producer, o.product)
        )
        self.needs: list[Need] = sorted(
            (n for n in problem.needs if n.quantity_g > 0), key=lambda n: (n.outlet, n.product)
        )
        km = road_km(problem)
        reach = problem.transport.reach_km
        needs_of: dict[str, list[int]] = defaultdict(list)
        for j, need in enumerate(self.needs):
            needs_of[need.product].append(j)
        self.offer_of: list[int] = []
        self.need_of: list[int] = []
        self.km: list[float] = []
        for i, offer in enumerate(self.offers):
            for j in needs_of.get(offer.product, ()):
                d = km[(offer.producer, self.needs[j].outlet)]
                if reach is not None and d > reach:
                    continue
                self.offer_of.append(i)
                self.need_of.append(j)
                self.km.append(d)
        self.n = len(self.km)


def _build(problem: Problem, arcs: _Arcs, fleet_g: int | None) -> highspy.Highs:
    n_offers, n_needs = len(arcs.offers), len(arcs.needs)
    rows_per_col = 3 if fleet_g is not None else 2
    n = arcs.n
    index = np.empty(n * rows_per_col, dtype=np.int32)
    index[0::rows_per_col] = np.asarray(arcs.offer_of, dtype=np.int32)
    index[1::rows_per_col] = n_offers + np.asarray(arcs.need_of, dtype=np.int32)
    if fleet_g is not None:
        index[2::rows_per_col] = n_offers + n_needs
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = n_offers + n_needs + (1 if fleet_g is not None else 0)
    lp.col_cost_ = np.zeros(n)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.full(n, INF)
    upper = [o.quantity_g for o in arcs.offers] + [d.quantity_g for d in arcs.needs]
    if fleet_g is not None:
        upper.append(fleet_g)
    lp.row_lower_ = np.full(lp.num_row_, -INF)
    lp.row_upper_ = np.asarray(upper, dtype=np.float64)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.arange(0, n * rows_per_col + 1, rows_per_col, dtype=np.int32)
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = np.ones(n * rows_per_col)
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("solver", "simplex")
    # No "threads" option: HiGHS keeps one scheduler per process, and a run asking for another
    # thread count than the first solver's fails (the production engine's shares the process).
    h.setOptionValue("random_seed", 0)
    h.passModel(lp)
    return h


def _run(h: highspy.Highs) -> np.ndarray:
    ran = h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise CircuitError(
            f"the solver did not find a plan: {h.modelStatusToString(status)} ({ran})"
        )
    return np.asarray(h.getSolution().col_value)


def solve_flows(problem: Problem) -> tuple[_Arcs, list[int]]:
    """The grams on every arc of the lexicographic optimum."""
    arcs = _Arcs(problem)
    fleet_g = sum(v.capacity_g for v in problem.vehicles) if problem.vehicles else None
    if arcs.n == 0:
        return arcs, []
    h = _build(problem, arcs, fleet_g)
    priority = np.asarray([arcs.needs[j].priority for j in arcs.need_of])
    all_cols = np.arange(arcs.n, dtype=np.int32)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    for p in sorted(set(priority.tolist())):
        cols = np.flatnonzero(priority == p).astype(np.int32)
        h.changeColsCost(arcs.n, all_cols, (priority == p).astype(np.float64))
        x = _run(h)
        floor = round(float(x[cols].sum()))
        if floor > 0:
            h.addRow(float(floor), INF, len(cols), cols, np.ones(len(cols)))
    h.changeObjectiveSense(highspy.ObjSense.kMinimize)
    per_g = np.asarray(arcs.km) * (problem.transport.cost_per_kg_km / 1000.0)
    h.changeColsCost(arcs.n, all_cols, per_g)
    x = _run(h)
    grams = [max(0, round(v)) for v in x.tolist()]
    _repair(arcs, grams, fleet_g)
    return arcs, grams


def _repair(arcs: _Arcs, grams: list[int], fleet_g: int | None) -> None:
    """Take back any gram that rounding put above a row's limit (a safety net: the vertices
    are whole, so in practice nothing moves)."""
    for limit_of, key in (
        ([o.quantity_g for o in arcs.offers], arcs.offer_of),
        ([d.quantity_g for d in arcs.needs], arcs.need_of),
    ):
        used = [0] * len(limit_of)
        for a, g in enumerate(grams):
            used[key[a]] += g
        for a in reversed(range(len(grams))):
            excess = used[key[a]] - limit_of[key[a]]
            if excess > 0:
                take = min(excess, grams[a])
                grams[a] -= take
                used[key[a]] -= take
    if fleet_g is not None:
        excess = sum(grams) - fleet_g
        for a in reversed(range(len(grams))):
            if excess <= 0:
                break
            take = min(excess, grams[a])
            grams[a] -= take
            excess -= take


def plan_cycle(problem: Problem) -> Plan:
    """The cycle's plan: flows, loads per vehicle, and why every need got what it got."""
    validate(problem)
    arcs, grams = solve_flows(problem)
    cost_per_g = problem.transport.cost_per_kg_km / 1000.0
    flows: list[Flow] = []
    given = [0] * len(arcs.offers)
    received = [0] * len(arcs.needs)
    for a, g in enumerate(grams):
        given[arcs.offer_of[a]] += g
        received[arcs.need_of[a]] += g
        if g > 0:
            offer, need = arcs.offers[arcs.offer_of[a]], arcs.needs[arcs.need_of[a]]
            km = arcs.km[a]
            flows.append(
                Flow(offer.producer, need.outlet, offer.product, g, km, g * km * cost_per_g)
            )
    flows.sort(key=lambda f: (f.producer, f.outlet, f.product))
    fleet_full = bool(problem.vehicles) and sum(grams) >= sum(
        v.capacity_g for v in problem.vehicles
    )
    results = _explain(problem, arcs, grams, given, received, fleet_full)
    return Plan(
        flows=tuple(flows),
        loads=tuple(_load(problem, flows)),
        needs=results,
        cost=sum(f.cost for f in flows),
    )


def _explain(
    problem: Problem,
    arcs: _Arcs,
    grams: list[int],
    given: list[int],
    received: list[int],
    fleet_full: bool,
) -> tuple[NeedResult, ...]:
    offered: dict[str, int] = defaultdict(int)
    for o in arcs.offers:
        offered[o.product] += o.quantity_g
    index = {(n.outlet, n.product): j for j, n in enumerate(arcs.needs)}
    reach: dict[int, list[int]] = defaultdict(list)  # need -> offers within reach
    for a in range(arcs.n):
        reach[arcs.need_of[a]].append(arcs.offer_of[a])
    lowest_served: dict[int, int] = {}  # offer -> lowest priority (largest number) it fed
    for a, g in enumerate(grams):
        if g > 0:
            i, p = arcs.offer_of[a], arcs.needs[arcs.need_of[a]].priority
            lowest_served[i] = max(lowest_served.get(i, 0), p)
    out: list[NeedResult] = []
    for need in sorted(problem.needs, key=lambda n: (n.outlet, n.product)):
        j = index.get((need.outlet, need.product))
        met = received[j] if j is not None else 0
        through: int | None = None
        if met >= need.quantity_g:
            reason = Reason.MET
        elif offered[need.product] == 0:
            reason = Reason.NOBODY_OFFERS
        elif j is None or not reach[j]:
            reason = Reason.OUT_OF_REACH
        elif fleet_full and any(given[i] < arcs.offers[i].quantity_g for i in reach[j]):
            reason = Reason.FLEET_FULL
        else:
            reason = Reason.SUPPLY_RAN_OUT
            fed = [lowest_served[i] for i in reach[j] if i in lowest_served]
            through = max(fed) if fed else None
        out.append(
            NeedResult(
                need.outlet, need.product, need.priority, need.quantity_g, met, reason, through
            )
        )
    return tuple(out)


def _load(problem: Problem, flows: list[Flow]) -> list[Load]:
    """Fill the vehicles in id order with the flows in (producer, outlet, product) order,
    splitting a flow where a vehicle fills: a producer's pickups stay together."""
    vehicles = sorted(problem.vehicles, key=lambda v: v.id)
    loads: list[Load] = []
    k, room = 0, vehicles[0].capacity_g if vehicles else 0
    for f in flows:
        left = f.quantity_g
        while left > 0 and k < len(vehicles):
            if room == 0:
                k += 1
                room = vehicles[k].capacity_g if k < len(vehicles) else 0
                continue
            take = min(left, room)
            loads.append(Load(vehicles[k].id, f.producer, f.outlet, f.product, take))
            left -= take
            room -= take
    return loads
