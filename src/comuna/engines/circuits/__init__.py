"""Communal circuits: which producer sends how much of what to which outlet in a cycle (a
harvest, a month), meeting every need it can, higher priorities first, at the least transport.

Entry point: ``plan_cycle(problem) -> Plan``. Pure Python, no Django.

Why HiGHS as a linear programme and not a min-cost flow: the rule is lexicographic (no gram of
a priority-1 need left unmet to serve priority 2, then the least transport). A single min-cost
flow can only say that with weights that grow as (total grams × cost)^priorities and overflow
OR-Tools' 64-bit integer costs at national scale; HiGHS solves it exactly in stages (maximise
priority 1, fix it as a floor, maximise priority 2, …, minimise the cost), warm-starting each
stage from the last, and the fleet's capacity is one more row instead of a network gadget.

Input (``Problem``): producers and outlets at places (lat/lon), offers (producer, product,
grams), needs (outlet, product, grams, priority 1 = highest), transport (money per kg·km; road
km = straight line × detour factor unless a distance matrix gives it; an optional reach beyond
which a producer does not serve an outlet), vehicles with the grams each can carry in the cycle.

Output (``Plan``): flows producer → outlet, loads per vehicle (flows split where a vehicle
fills, in producer order), and for every need what it got and why (``Reason``: met; nobody
offers the product; no producer within reach; supply ran out after priorities 1..k; vehicles
full).

Vehicle capacity is kept simple: each vehicle has a total for the cycle (capacity per trip ×
trips it makes), the plan never moves more than the fleet's total, and loads fill vehicles in
order. Routing the trips is the routing engine's business, not this one's.

Promises (tested in tests/engines/circuits/): no offer gives more than it offers and no need
receives more than it needs; no higher-priority need is left short while a lower one is served
from a producer that could have served it; the cost equals an independent linear programme's
optimum; the same problem gives the same plan. Bad input raises ``InvalidProblemError``.
"""

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
    Transport,
    Vehicle,
    straight_km,
)
from comuna.engines.circuits.solver import plan_cycle, road_km

__all__ = [
    "CircuitError",
    "Flow",
    "InvalidProblemError",
    "Load",
    "Need",
    "NeedResult",
    "Offer",
    "Outlet",
    "Plan",
    "Problem",
    "Producer",
    "Reason",
    "Transport",
    "Vehicle",
    "plan_cycle",
    "road_km",
    "straight_km",
]
