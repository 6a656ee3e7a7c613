"""The day's collection plan against OR-Tools and a fixed weekly schedule, in the same run.

    PYTHONPATH=src .venv/bin/python benchmarks/routing.py [--quick] [--sizes 100,200,400]

``--quick`` runs the 100-point town only.

Instances: a synthetic town a few km across (points on a jittered grid, distances the
straight line times 1.3 in metres), a depot, a landfill and a recycling yard, two trucks of
6,000-8,000 kg at about 30 L/100 km, and waste per point drawn from kinds (street containers,
markets, schools, clinics). The ration is 50%, 75% and 100% of need (the planner's
``litres_to_serve_all``).

In the same run, on each instance:

1. the planner (``plan_day``, seed 1), timed;
2. OR-Tools' routing solver with the same time limit as the planner took: optional points as
   disjunctions with the prize as penalty, capacity as a load dimension, unloading modelled
   the standard way (each site duplicated into optional reload nodes whose slack empties the
   load dimension), the last load unloaded at the nearest site on the way home (an end node,
   as in the planner), the shift as a time dimension, and a distance cap per truck from an
   even split of the litres; guided local search;
3. the practice of a fixed weekly schedule: each point has a weekday by sector (five slices of
   the town around the depot); today the trucks take today's sector, then the next days' in
   order, nearest point first, unload at the nearest site when the next point does not fit,
   and go home (via a site) when the next point would leave too little diesel or time.

Every plan is reckoned by the same code here (prize, kg, litres over the same distances), not
by the solver that made it. Targets: the planner's prize at least OR-Tools' on every instance;
at least 25% more priority-weighted waste (the prize) than the fixed schedule for the same
litres; at most 10 s for 400 points.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import random
import time
from collections.abc import Sequence

from ortools.constraint_solver import pywrapcp, routing_enums_pb2  # type: ignore[import-untyped]

from comuna.engines.routing import Plan, Point, Problem, Site, Vehicle, plan_day, prize

KINDS = (
    # name, share of points, kg mean, kind weight, service seconds
    ("container", 0.80, 60, 1.0, 60),
    ("market", 0.08, 300, 2.0, 300),
    ("school", 0.07, 40, 2.5, 90),
    ("clinic", 0.05, 25, 3.0, 90),
)


Coords = list[tuple[float, float]]


def make_town(points: int, seed: int, allowance_litres: float = 0.0) -> tuple[Problem, Coords]:
    """A seeded synthetic town and its coordinates ([depot, *sites, *points], in metres)."""
    rng = random.Random(seed)
    side = math.ceil(math.sqrt(points))
    step = 5000 / side  # a town about 5 km across
    coords = [(2500.0 + rng.uniform(-200, 200), -300.0), (5600.0, 2600.0), (-500.0, 1500.0)]

    chosen: list[Point] = []
    for i in range(points):
        gx, gy = i % side, i // side
        coords.append(
            (
                gx * step + rng.uniform(-step / 3, step / 3),
                gy * step + rng.uniform(-step / 3, step / 3),
            )
        )
        name, _, mean, weight, service = rng.choices(KINDS, weights=[k[1] for k in KINDS])[0]
        kg = max(5, round(rng.gauss(mean, mean / 3)))
        overflowing = name == "market" and rng.random() < 0.3
        chosen.append(
            Point(
                key=f"P{i:03}-{name}",
                waste_kg=kg,
                weight=weight * (1.5 if overflowing else 1.0),
                required=False,
                service_s=service,
            )
        )
    n = len(coords)
    dist = [[round(1.3 * math.dist(coords[a], coords[b])) for b in range(n)] for a in range(n)]
    problem = Problem(
        depot_key="depot",
        sites=(Site("landfill"), Site("yard", opens_s=0, closes_s=7 * 3600)),
        points=tuple(chosen),
        vehicles=(
            Vehicle("truck-1", capacity_kg=8000, litres_per_100km=32.0, shift_s=8 * 3600),
            Vehicle("truck-2", capacity_kg=6000, litres_per_100km=28.0, shift_s=8 * 3600),
        ),
        distances_m=dist,
        allowance_litres=allowance_litres,
    )
    return problem, coords


Tour = tuple[int, list[int]]
"""A truck's visits: (vehicle index, locations in order: sites for unloadings, then points)."""


@dataclasses.dataclass
class Outcome:
    prize: int
    kg: int
    litres: float
    served: int


def home_via_site(problem: Problem, dist: Sequence[Sequence[int]], loc: int) -> int:
    """The site where a truck at ``loc`` unloads its last load on the way home."""
    sites = range(1, 1 + len(problem.sites))
    return min(sites, key=lambda s: (dist[loc][s] + dist[s][0], s))


def reckon(problem: Problem, tours: Sequence[Tour]) -> Outcome:
    """Prize, kg and litres of routes, the same way for every method; checks capacity."""
    dist = problem.distances_m
    first_point = 1 + len(problem.sites)
    total_prize = kg = served = 0
    litres = 0.0
    seen: set[int] = set()
    for vehicle, visits in tours:
        if not visits:
            continue
        v = problem.vehicles[vehicle]
        metres = 0
        load = 0
        prev = 0
        for loc in visits:
            metres += dist[prev][loc]
            if loc < first_point:
                load = 0
            else:
                point = problem.points[loc - first_point]
                assert loc not in seen, "a point served twice"
                seen.add(loc)
                load += point.waste_kg
                assert load <= v.capacity_kg, "over capacity"
                total_prize += prize(point)
                kg += point.waste_kg
                served += 1
            prev = loc
        if prev >= first_point:
            site = home_via_site(problem, dist, prev)
            metres += dist[prev][site]
            prev = site
        metres += dist[prev][0]
        litres += metres / 1000 * v.litres_per_100km / 100
    return Outcome(total_prize, kg, litres, served)


def planner_tours(problem: Problem, plan: Plan) -> list[Tour]:
    index = {problem.depot_key: 0}
    index.update({s.key: 1 + i for i, s in enumerate(problem.sites)})
    index.update({p.key: 1 + len(problem.sites) + j for j, p in enumerate(problem.points)})
    vehicles = {v.key: k for k, v in enumerate(problem.vehicles)}
    tours = []
    for route in plan.routes:
        visits = [index[s.key] for s in route.stops[1:-1]]
        if visits and visits[-1] <= len(problem.sites):
            visits.pop()  # the last unloading is the way home, as ``reckon`` adds it
        tours.append((vehicles[route.vehicle], visits))
    return tours


def ortools_tours(problem: Problem, seconds: float) -> list[Tour]:
    """OR-Tools' routing solver on the same problem (see the module docstring)."""
    dist = problem.distances_m
    n_sites = len(problem.sites)
    first_point = 1 + n_sites
    vehicles = problem.vehicles
    total_kg = sum(p.waste_kg for p in problem.points)
    copies = -(-total_kg // min(v.capacity_kg for v in vehicles)) + len(vehicles)
    # Nodes: 0 depot, reload copies, points, then the end node (home through a site).
    loc_of = [0]
    for s in range(n_sites):
        loc_of += [1 + s] * copies
    reload_nodes = range(1, 1 + n_sites * copies)
    point_nodes = range(len(loc_of), len(loc_of) + len(problem.points))
    loc_of += [first_point + j for j in range(len(problem.points))]
    end = len(loc_of)
    speed = vehicles[0].speed_kmh / 3.6

    def metres(a: int, b: int) -> int:
        if a == end:
            return 0
        if b == end:
            la = loc_of[a]
            if la < first_point:
                return dist[la][0] if la else 0
            site = home_via_site(problem, dist, la)
            return dist[la][site] + dist[site][0]
        return dist[loc_of[a]][loc_of[b]]

    def seconds_between(a: int, b: int) -> int:
        if a == end:
            return 0
        la = loc_of[a]
        service = 0
        if 1 <= la <= n_sites:
            service = problem.unload_s
        elif la >= first_point:
            service = problem.points[la - first_point].service_s
        travel = math.ceil(metres(a, b) / speed)
        if b == end and la >= first_point:
            travel += problem.unload_s
        return service + travel

    size = end + 1
    dist_m = [[metres(a, b) for b in range(size)] for a in range(size)]
    time_m = [[seconds_between(a, b) for b in range(size)] for a in range(size)]
    manager = pywrapcp.RoutingIndexManager(
        size, len(vehicles), [0] * len(vehicles), [end] * len(vehicles)
    )
    routing = pywrapcp.RoutingModel(manager)
    dearest = max(round(v.litres_per_100km) for v in vehicles)
    for k, v in enumerate(vehicles):
        per_m = round(v.litres_per_100km)
        cost = routing.RegisterTransitMatrix([[d * per_m for d in row] for row in dist_m])
        routing.SetArcCostEvaluatorOfVehicle(cost, k)
    distance = routing.RegisterTransitMatrix(dist_m)
    share = problem.allowance_litres / len(vehicles)
    caps = [max(0, math.floor(share * 100_000 / v.litres_per_100km) - 1) for v in vehicles]
    routing.AddDimensionWithVehicleCapacity(distance, 0, caps, True, "Distance")
    times = routing.RegisterTransitMatrix(time_m)
    routing.AddDimensionWithVehicleCapacity(
        times, 3600, [v.shift_s for v in vehicles], True, "Time"
    )
    time_dim = routing.GetDimensionOrDie("Time")
    biggest = max(v.capacity_kg for v in vehicles)
    demand = [0] * size
    for node in reload_nodes:
        demand[node] = -biggest
    for j, node in enumerate(point_nodes):
        demand[node] = problem.points[j].waste_kg
    load = routing.RegisterUnaryTransitVector(demand)
    routing.AddDimensionWithVehicleCapacity(
        load, biggest, [v.capacity_kg for v in vehicles], True, "Load"
    )
    load_dim = routing.GetDimensionOrDie("Load")
    for node in range(size):
        index = manager.NodeToIndex(node)
        if node in reload_nodes:
            site = problem.sites[loc_of[node] - 1]
            time_dim.CumulVar(index).SetRange(site.opens_s, site.closes_s)
            routing.AddDisjunction([index], 0)
        elif index >= 0 and not routing.IsStart(index) and not routing.IsEnd(index):
            load_dim.SlackVar(index).SetValue(0)
    for j, node in enumerate(point_nodes):
        penalty = prize(problem.points[j]) * 2000 * dearest
        routing.AddDisjunction([manager.NodeToIndex(node)], penalty)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(max(1000, round(seconds * 1000)))
    solution = routing.SolveWithParameters(params)
    tours: list[Tour] = []
    if solution is None:
        return tours
    for k in range(len(vehicles)):
        index = routing.Start(k)
        visits = []
        index = solution.Value(routing.NextVar(index))
        while not routing.IsEnd(index):
            visits.append(loc_of[manager.IndexToNode(index)])
            index = solution.Value(routing.NextVar(index))
        while visits and visits[-1] <= n_sites:
            visits.pop()  # an unloading right before home: the way home unloads anyway
        if visits:
            tours.append((k, visits))
    return tours


def schedule_tours(problem: Problem, coords: Coords, weekday: int = 2) -> list[Tour]:
    """The fixed weekly schedule, nearest neighbour, unload when full, stop when out of diesel."""
    dist = problem.distances_m
    first_point = 1 + len(problem.sites)
    depot = coords[0]
    days = 5

    def day_of(j: int) -> int:
        x, y = coords[first_point + j]
        angle = math.atan2(y - depot[1], x - depot[0]) % math.pi  # the town lies north of it
        return min(days - 1, int(angle / math.pi * days))

    order = [(day_of(j) - weekday) % days for j in range(len(problem.points))]
    left = set(range(len(problem.points)))
    speed = problem.vehicles[0].speed_kmh / 3.6
    share = problem.allowance_litres / len(problem.vehicles)
    tours = []
    for k, v in enumerate(problem.vehicles):
        budget_m = share * 100_000 / v.litres_per_100km
        at, used, clock, load, visits = 0, 0, 0, 0, []

        def home_cost(loc: int) -> tuple[int, int]:
            if loc == 0:
                return 0, 0
            site = home_via_site(problem, dist, loc) if loc >= first_point else loc
            metres = dist[loc][site] + dist[site][0]
            return metres, math.ceil(metres / speed) + problem.unload_s

        while left:
            day = min(order[j] for j in left)
            today = [j for j in left if order[j] == day]
            j = min(today, key=lambda j: (dist[at][first_point + j], j))
            point = problem.points[j]
            loc = first_point + j
            if load + point.waste_kg > v.capacity_kg:  # unload first
                site = home_via_site(problem, dist, at)
                go = dist[at][site]
                at, used = site, used + go
                clock += math.ceil(go / speed) + problem.unload_s
                load = 0
                visits.append(site)
            go = dist[at][loc]
            back_m, back_s = home_cost(loc)
            arrive = clock + math.ceil(go / speed) + point.service_s
            if used + go + back_m > budget_m or arrive + back_s > v.shift_s:
                break
            at, used, clock, load = loc, used + go, arrive, load + point.waste_kg
            visits.append(loc)
            left.discard(j)
        while visits and visits[-1] < first_point:
            visits.pop()
        if visits:
            tours.append((k, visits))
    return tours


def main() -> None:
    parser = argparse.ArgumentParser(description="The day's plan against OR-Tools and a schedule.")
    parser.add_argument("--sizes", default="100,200,400")
    parser.add_argument("--quick", action="store_true", help="the 100-point town only")
    parser.add_argument("--seed", type=int, default=20261202)
    args = parser.parse_args()
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",")]
    header = (
        f"{'points':>6} {'ration':>6} {'allow L':>8} | {'planner prize':>13} {'kg':>6} {'L':>6}"
        f" {'s':>5} {'cpu s':>5} | {'OR-Tools prize':>14} {'kg':>6} {'L':>6}"
        f" | {'schedule prize':>14}"
        f" {'kg':>6} {'L':>6} | {'vs OR':>6} {'vs sched':>8} {'per L':>6}"
    )
    print(header)
    print("-" * len(header))
    met_ortools = met_schedule = met_time = met_cpu = True
    for size in sizes:
        town, coords = make_town(size, args.seed + size, allowance_litres=10_000.0)
        need = plan_day(town).litres_to_serve_all
        for ration in (0.5, 0.75, 1.0):
            problem = dataclasses.replace(town, allowance_litres=need * ration)
            start, cpu = time.perf_counter(), time.process_time()
            plan = plan_day(problem)
            took = time.perf_counter() - start
            took_cpu = time.process_time() - cpu
            ours = reckon(problem, planner_tours(problem, plan))
            assert ours.prize == plan.prize and abs(ours.litres - plan.litres) < 1e-6
            assert ours.litres <= problem.allowance_litres
            theirs = reckon(problem, ortools_tours(problem, took))
            practice = reckon(problem, schedule_tours(problem, coords))
            vs_or = ours.prize / theirs.prize if theirs.prize else math.inf
            vs_sched = ours.prize / practice.prize if practice.prize else math.inf
            per_litre = (
                (ours.prize / ours.litres) / (practice.prize / practice.litres)
                if practice.prize and ours.litres
                else math.inf
            )
            met_ortools &= ours.prize >= theirs.prize
            met_schedule &= vs_sched >= 1.25
            if size >= 400:
                met_time &= took <= 10
                met_cpu &= took_cpu <= 10
            print(
                f"{size:>6} {ration:>6.0%} {problem.allowance_litres:>8.2f} | {ours.prize:>13,}"
                f" {ours.kg:>6} {ours.litres:>6.2f} {took:>5.1f} {took_cpu:>5.1f}"
                f" | {theirs.prize:>14,}"
                f" {theirs.kg:>6} {theirs.litres:>6.2f} | {practice.prize:>14,}"
                f" {practice.kg:>6} {practice.litres:>6.2f} | {vs_or:>6.2f} {vs_sched:>8.2f}"
                f" {per_litre:>6.2f}"
            )
    print()
    print("need = the planner's litres_to_serve_all; prize = kg x kind weight x 10;")
    print("s = wall seconds (OR-Tools is given the same), cpu s = the planner's own CPU time;")
    print("vs OR, vs sched = prize ratios; per L = prize per litre, planner over schedule")
    print(f"at least OR-Tools' prize on every instance: {'met' if met_ortools else 'NOT met'}")
    print(f"at least 25% more prize than the schedule:   {'met' if met_schedule else 'NOT met'}")
    print(f"400 points in at most 10 s (wall):           {'met' if met_time else 'NOT met'}")
    print(f"400 points in at most 10 s (CPU):            {'met' if met_cpu else 'NOT met'}")


if __name__ == "__main__":
    main()
