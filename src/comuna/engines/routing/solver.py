"""``plan_day``: the day's plan as a prize-collecting VRP with reloads, solved by PyVRP.

See the package docstring and docs/routing.md for the model and its guarantees.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyvrp
from pyvrp import stop as pyvrp_stop

from comuna.engines.routing.errors import InvalidProblemError
from comuna.engines.routing.model import Plan, Problem, Route, Stop, prize, validate

Matrix = npt.NDArray[np.int64]

NO_LIMIT = np.iinfo(np.int64).max

PARAMS = pyvrp.SolveParams(penalty=pyvrp.PenaltyParams(max_penalty=1e9))
"""The prize dominates the distance cost, so an excess metre may need a dear penalty."""


@dataclass(frozen=True)
class _Instance:
    """The problem's fixed parts in PyVRP's terms (locations, durations, the way home)."""

    problem: Problem
    dist: Matrix  # (n+1) x (n+1): [depot, *sites, *points, home-via-a-site]
    durations: tuple[Matrix, ...]  # one per profile (distinct speeds)
    profile_of: tuple[int, ...]  # vehicle index -> profile
    last_site: tuple[int, ...]  # location -> the site of the final unloading from there
    prizes: tuple[int, ...]

    @property
    def n_sites(self) -> int:
        return len(self.problem.sites)

    @property
    def home(self) -> int:
        """The location index of the virtual end depot: back home through a site."""
        return len(self.dist) - 1


def _instance(problem: Problem, dist: Matrix) -> _Instance:
    n = len(dist)
    s = len(problem.sites)
    sites = np.arange(1, 1 + s)
    # Going home from i: unload at the site s* minimising d(i, s) + d(s, depot), then home.
    via = dist[:, sites] + dist[sites, 0][None, :]
    best = np.argmin(via, axis=1)
    last_site = tuple(int(sites[b]) for b in best)
    to_home = via[np.arange(n), best].astype(np.int64)
    to_home[sites] = dist[sites, 0]  # already at a site: unload there and go home
    full = np.zeros((n + 1, n + 1), dtype=np.int64)
    full[:n, :n] = dist
    full[:n, n] = to_home
    full[n, :n] = dist[0, :]  # never travelled: the end depot ends the route
    speeds = sorted({v.speed_kmh for v in problem.vehicles})
    durations = []
    for speed in speeds:
        metres_per_s = speed / 3.6
        dur = np.ceil(dist / metres_per_s).astype(np.int64)
        home_dur = np.empty(n, dtype=np.int64)
        for i in range(n):
            site = last_site[i]
            if 1 <= i <= s:
                home_dur[i] = dur[i, 0]
            else:
                home_dur[i] = dur[i, site] + problem.unload_s + dur[site, 0]
        d = np.zeros((n + 1, n + 1), dtype=np.int64)
        d[:n, :n] = dur
        d[:n, n] = home_dur
        d[n, :n] = dur[0, :]
        durations.append(d)
    profile_of = tuple(speeds.index(v.speed_kmh) for v in problem.vehicles)
    return _Instance(
        problem=problem,
        dist=full,
        durations=tuple(durations),
        profile_of=profile_of,
        last_site=last_site,
        prizes=tuple(prize(p) for p in problem.points),
    )


def _cost_per_metre(litres_per_100km: float) -> int:
    """Solver cost of a metre: litres per 100 km (so 1 unit = 1e-5 litre)."""
    return max(1, round(litres_per_100km))


def _prize_scale(inst: _Instance) -> int:
    """Solver prize per unit of ``prize``: a point's prize outweighs the diesel of reaching it.

    A unit of prize is worth the cost of driving 200 m in the dearest truck (a 60 kg
    container is worth 120 km), so the solver serves whatever the caps allow and uses the
    distance cost to choose among plans of about equal prize. (Measured: 200 m finds more
    prize within the caps than 2 km or 20 m at the same iterations.)
    """
    dearest = max(_cost_per_metre(v.litres_per_100km) for v in inst.problem.vehicles)
    return 200 * dearest


def _data(
    inst: _Instance,
    caps_m: tuple[int, ...] | None,
    *,
    all_required: bool,
    only_required: bool = False,
    shift: bool = True,
) -> pyvrp.ProblemData:
    p = inst.problem
    s = inst.n_sites
    scale = _prize_scale(inst)
    optional_total = sum(
        pz * scale for pz, pt in zip(inst.prizes, p.points, strict=True) if not pt.required
    )
    locations = [pyvrp.Location(0, 0) for _ in range(len(inst.dist))]
    depots = [pyvrp.Depot(0, name=p.depot_key)]
    depots += [
        pyvrp.Depot(
            1 + i, tw_early=site.opens_s, tw_late=site.closes_s, service_duration=p.unload_s
        )
        for i, site in enumerate(p.sites)
    ]
    depots.append(pyvrp.Depot(inst.home))
    clients = []
    for j, (pt, pz) in enumerate(zip(p.points, inst.prizes, strict=True)):
        solver_prize = pz * scale
        if pt.required:
            solver_prize += optional_total + scale  # dominates every optional point together
        skipped = only_required and not pt.required
        clients.append(
            pyvrp.Client(
                location=1 + s + j,
                pickup=[pt.waste_kg],
                service_duration=pt.service_s,
                prize=0 if skipped else solver_prize,
                required=all_required,
            )
        )
    vehicle_types = []
    for k, v in enumerate(p.vehicles):
        vehicle_types.append(
            pyvrp.VehicleType(
                num_available=1,
                capacity=[v.capacity_kg],
                start_depot=0,
                end_depot=s + 1,
                shift_duration=v.shift_s if shift else NO_LIMIT,
                max_distance=caps_m[k] if caps_m is not None else NO_LIMIT,
                unit_distance_cost=_cost_per_metre(v.litres_per_100km),
                profile=inst.profile_of[k],
                reload_depots=list(range(1, s + 1)),
                name=v.key,
            )
        )
    # PyVRP's stubs spell matrices ``np.ndarray[int]``; ours are int64 arrays.
    distances: list[Any] = [inst.dist for _ in inst.durations]
    durations: list[Any] = list(inst.durations)
    return pyvrp.ProblemData(
        locations=locations,
        clients=clients,
        depots=depots,
        vehicle_types=vehicle_types,
        distance_matrices=distances,
        duration_matrices=durations,
    )


Tour = tuple[int, tuple[int, ...]]
"""One truck's visits: (vehicle index, locations in order without the start and the way home)."""


def _solve(
    inst: _Instance,
    data: pyvrp.ProblemData,
    *,
    seed: int,
    iterations: int,
    time_cap_s: float,
) -> tuple[Tour, ...] | None:
    """PyVRP's best feasible solution as tours, or ``None`` when it found none.

    Stops after ``iterations`` (deterministic); ``time_cap_s`` is only a safety net.
    """
    stop = pyvrp_stop.MultipleCriteria(
        [pyvrp_stop.MaxIterations(iterations), pyvrp_stop.MaxRuntime(time_cap_s)]
    )
    result = pyvrp.solve(
        data,
        stop=stop,
        seed=seed,
        collect_stats=False,
        params=PARAMS,
    )
    if not result.is_feasible():
        return None
    return _tours(inst, result.best)


def _tours(inst: _Instance, solution: pyvrp.Solution) -> tuple[Tour, ...]:
    s = inst.n_sites
    tours = []
    for route in solution.routes():
        visits: list[int] = []
        for activity in route.schedule():
            if activity.type == pyvrp.ActivityType.CLIENT:
                visits.append(1 + s + activity.idx)
            elif activity.type == pyvrp.ActivityType.DEPOT and 1 <= activity.idx <= s:
                visits.append(activity.idx)
        tours.append((route.vehicle_type(), tuple(visits)))
    return tuple(sorted(tours))


@dataclass(frozen=True)
class _Evaluated:
    tours: tuple[Tour, ...]
    routes: tuple[Route, ...]
    litres: float
    prize: int
    kg: int
    served: frozenset[int]  # point indices
    required_served: int
    within_shift: bool

    def key(self) -> tuple[int, int, float]:
        """Better plans have a larger key: required points first, then prize, then fewer litres."""
        return (self.required_served, self.prize, -self.litres)


def _evaluate(inst: _Instance, tours: tuple[Tour, ...]) -> _Evaluated:
    """Our own reckoning of a plan (not PyVRP's): stops, times, kg, km, litres, capacity."""
    p = inst.problem
    s = inst.n_sites
    dist = inst.dist
    routes = []
    total_litres = 0.0
    served: set[int] = set()
    within_shift = True
    for vehicle, visits in tours:
        if not visits:
            continue
        v = p.vehicles[vehicle]
        dur = inst.durations[inst.profile_of[vehicle]]
        stops = [Stop(p.depot_key, "depot", 0, 0)]
        t = 0
        metres = 0
        load = 0
        kg = 0
        trips = 0
        route_prize = 0
        prev = 0

        for loc in visits:
            metres += int(dist[prev, loc])
            t += int(dur[prev, loc])
            if loc <= s:
                site = p.sites[loc - 1]
                stops.append(Stop(site.key, "unload", load, t))
                t = max(t, site.opens_s) + p.unload_s
                load = 0
                trips += 1
            else:
                j = loc - 1 - s
                pt = p.points[j]
                stops.append(Stop(pt.key, "point", pt.waste_kg, t))
                t += pt.service_s
                load += pt.waste_kg
                kg += pt.waste_kg
                route_prize += inst.prizes[j]
                served.add(j)
                if load > v.capacity_kg:
                    raise AssertionError(f"{v.key} over capacity: solver returned {load} kg")
            prev = loc
        if prev > s:  # the last trip is unloaded at a site before going home
            last = inst.last_site[prev]
            metres += int(dist[prev, last])
            t += int(dur[prev, last])
            site = p.sites[last - 1]
            stops.append(Stop(site.key, "unload", load, t))
            t = max(t, site.opens_s) + p.unload_s
            load = 0
            trips += 1
            prev = last
        metres += int(dist[prev, 0])
        t += int(dur[prev, 0])
        stops.append(Stop(p.depot_key, "depot", 0, t))
        within_shift = within_shift and t <= v.shift_s
        km = metres / 1000
        litres = km * v.litres_per_100km / 100
        total_litres += litres
        routes.append(
            Route(
                vehicle=v.key,
                stops=tuple(stops),
                kg=kg,
                km=km,
                litres=litres,
                trips=trips,
                prize=route_prize,
            )
        )
    return _Evaluated(
        tours=tours,
        routes=tuple(routes),
        litres=total_litres,
        prize=sum(inst.prizes[j] for j in served),
        kg=sum(p.points[j].waste_kg for j in served),
        served=frozenset(served),
        required_served=sum(1 for j in served if p.points[j].required),
        within_shift=within_shift,
    )


LADDER = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0)
"""The allowance ladder, as shares of the need: the plan is the best of the plans made for
these litres (and the fixed plans) that fit the allowance. Diesel between two rungs is not
spent: the price of a plan that never gets worse with more diesel."""

LOW_RUNG = 0.3
"""Rungs up to this share are solved more briefly, with each truck alone (two trucks) or also
evenly split (more): a small ration is often best spent on one truck, as the way to a site and
home is paid per truck."""

MID_RUNG = 0.5
"""Rungs above ``LOW_RUNG`` up to this share get twice the iterations: where a short ration
binds hardest, choosing which points to leave matters most."""

HIGH_RUNG = 0.75
"""Rungs above this share get two thirds of the iterations: near the need few points are left
(and often the shift binds, not the diesel), and 400 points must plan in 10 s."""


@dataclass(frozen=True)
class _Budget:
    """Iterations per solve, fixed by the problem's size (never by the clock)."""

    need: int
    required: int
    level: int
    low: int


def _budget(inst: _Instance) -> _Budget:
    """Iterations per solve, from the number of points.

    An iteration costs about linear time in the points, so these budgets keep a plan near
    constant time (calibrated: 400 points in about 6-8 s on a shared 2-core machine), while
    small problems get enough iterations to be solved well.
    """
    n = max(1, len(inst.problem.points))

    def clamp(value: float, low: int, high: int) -> int:
        return min(high, max(low, round(value)))

    return _Budget(
        need=clamp(320_000 / n, 300, 2000),
        required=clamp(120_000 / n, 100, 1000),
        level=clamp(100_000 / n, 150, 300),
        low=clamp(25_000 / n, 50, 100),
    )


def _caps(inst: _Instance, litres: tuple[float, ...]) -> tuple[int, ...]:
    """Per-truck distance caps (whole metres, rounded down) from per-truck litres."""
    return tuple(
        max(0, math.floor(share * 100_000 / v.litres_per_100km) - 1)
        for v, share in zip(inst.problem.vehicles, litres, strict=True)
    )


def plan_day(problem: Problem, *, seed: int = 1, time_limit_s: float = 30.0) -> Plan:
    """Plan the day: the most prize within the allowance, required points first.

    Raises a ``RoutingError`` for a malformed problem. The same problem and seed give the same
    plan: every solve stops after a number of iterations fixed by the problem's size;
    ``time_limit_s`` is only a safety net on a very slow machine (when it cuts a solve short,
    the plan may differ from run to run).
    """
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise InvalidProblemError("the seed must be a whole number, zero or more", seed)
    if (
        not isinstance(time_limit_s, int | float)
        or not math.isfinite(time_limit_s)
        or time_limit_s <= 0
    ):
        raise InvalidProblemError(
            "the time limit must be a positive number of seconds", time_limit_s
        )
    dist = validate(problem)
    inst = _instance(problem, dist)
    allowance = float(problem.allowance_litres)
    budget = _budget(inst)
    clock = time.monotonic()
    deadline = clock + time_limit_s

    def solve(data: pyvrp.ProblemData, iterations: int) -> _Evaluated | None:
        left = max(0.01, deadline - time.monotonic())
        tours = _solve(inst, data, seed=seed, iterations=iterations, time_cap_s=left)
        return _evaluate(inst, tours) if tours is not None else None

    empty = _evaluate(inst, ())
    if not problem.points:
        return _plan(inst, empty, empty, 0.0, seed)

    # The need: every point served, no litres cap, no shift (the diesel to serve them all,
    # in as many hours as it takes). A fixed plan: a candidate whenever it fits.
    need = solve(_data(inst, None, all_required=True, shift=False), budget.need)
    fixed: list[_Evaluated] = [empty]
    if need is not None and need.within_shift:
        fixed.append(need)
    # The required points alone, with no cap: the least diesel they take.
    only_required = None
    if any(p.required for p in problem.points):
        only_required = solve(
            _data(inst, None, all_required=False, only_required=True), budget.required
        )
        if only_required is not None and only_required.within_shift:
            fixed.append(only_required)

    def fits(plan: _Evaluated, litres: float) -> bool:
        return plan.litres <= litres

    # The ladder: a plan for each rung's litres (a share of the need), each solved afresh.
    # No solve depends on the allowance, only how far up the ladder the plan may climb, and
    # the plan is the best of every rung (and fixed plan) that fits: so more diesel can only
    # add candidates, never take the best one away.
    best = max((c for c in fixed if fits(c, allowance)), key=lambda c: c.key())
    if need is not None and need.litres > 0:
        shares = tuple(1 / len(problem.vehicles) for _ in problem.vehicles)
        rungs: list[_Evaluated] = []
        vehicles = len(problem.vehicles)
        for share in LADDER:
            level = need.litres * share
            if level > allowance * (1 + 1e-9):
                break
            if need.within_shift and share >= 1:
                continue  # the serve-all plan itself is this rung
            top = level  # not the allowance: a rung's solve must not depend on it
            even = tuple(top * s for s in shares)
            splits = [even]
            if share <= LOW_RUNG and vehicles > 1:
                alone = [
                    tuple(top if i == k else 0.0 for i in range(vehicles)) for k in range(vehicles)
                ]
                splits = alone if vehicles == 2 else [even, *alone]
            iterations = budget.level
            if share <= LOW_RUNG:
                iterations = budget.low
            elif share <= MID_RUNG:
                iterations = 2 * budget.level
            elif share > HIGH_RUNG:
                iterations = 2 * budget.level // 3
            for litres in splits:
                found = solve(_data(inst, _caps(inst, litres), all_required=False), iterations)
                if found is not None:
                    rungs.append(found)
        best = max((c for c in rungs + fixed if fits(c, allowance)), key=lambda c: c.key())

    required = sum(1 for p in problem.points if p.required)
    shortfall = 0.0
    if best.required_served < required and only_required is not None:
        shortfall = max(0.0, only_required.litres - allowance)
    return _plan(inst, best, need, shortfall, seed)


def _plan(
    inst: _Instance, best: _Evaluated, need: _Evaluated | None, shortfall: float, seed: int
) -> Plan:
    points = inst.problem.points
    return Plan(
        routes=best.routes,
        allowance_litres=float(inst.problem.allowance_litres),
        litres=best.litres,
        prize=best.prize,
        kg=best.kg,
        points_served=tuple(p.key for j, p in enumerate(points) if j in best.served),
        points_left=tuple(p.key for j, p in enumerate(points) if j not in best.served),
        litres_to_serve_all=need.litres if need is not None else 0.0,
        required_shortfall_litres=shortfall,
        seed=seed,
    )
