"""The day's waste-collection plan on a diesel ration: a prize-collecting VRP solved by PyVRP.

Entry point: ``plan_day(problem, seed=1, time_limit_s=30.0) -> Plan``. Pure Python, no Django.

Input (``Problem``): the depot (the commune's lot, where every route starts and ends), the
unloading ``Site``s (landfill, recycling yard; with opening hours in seconds from the shift's
start), the collection ``Point``s (waste expected in kg, kind weight, required or not, service
time), the ``Vehicle``s available (capacity kg, litres per 100 km, shift, speed), a square
distance matrix in whole metres over ``[depot, *sites, *points]`` and the day's diesel
allowance in litres.

Output (``Plan``): routes per truck (stops in order: depot, points, unloadings, ..., a last
unloading, depot), kg, km, litres and trips per route; the plan's litres (never above the
allowance), prize, kg, points served and left, ``litres_to_serve_all`` (the diesel that would
serve every point: the commune's campaign figure) and ``required_shortfall_litres`` (0 when the
required points are served; else how many litres more they need). ``Plan.as_dict()`` is the
JSON the waste app prints.

Promises (each tested in tests/engines/routing/): litres <= allowance; no truck carries more
than its capacity between unloadings; every route unloads its last trip at a site before
going home; required points are served whenever the allowance lets the planner serve them;
the same problem and seed give the same plan (iteration budgets, not the clock; the time
limit is only a safety net); more diesel never serves less prize (the allowance ladder: diesel
between two rungs, 5-10% of the need apart, is left unspent). Bad input raises a
``RoutingError`` (a ``ValueError``). See docs/routing.md.
"""

from comuna.engines.routing.errors import InvalidItemError, InvalidProblemError, RoutingError
from comuna.engines.routing.model import (
    Place,
    Plan,
    Point,
    Problem,
    Route,
    Site,
    Stop,
    Vehicle,
    prize,
)
from comuna.engines.routing.solver import plan_day

__all__ = [
    "InvalidItemError",
    "InvalidProblemError",
    "Place",
    "Plan",
    "Point",
    "Problem",
    "Route",
    "RoutingError",
    "Site",
    "Stop",
    "Vehicle",
    "plan_day",
    "prize",
]
