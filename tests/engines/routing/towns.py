"""Small seeded towns for the engine's tests: a few points, distances in whole metres."""

from __future__ import annotations

import math
import random

from comuna.engines.routing import Point, Problem, Site, Vehicle


def town(
    points: int,
    seed: int,
    allowance: float,
    *,
    required: int = 0,
    capacity: int = 400,
    vehicles: int = 2,
    shift_s: int = 8 * 3600,
) -> Problem:
    """A town 3 km across: depot, two sites, ``points`` points (the first ``required`` required)."""
    rng = random.Random(seed)
    coords = [(1500.0, 0.0), (3000.0, 2000.0), (0.0, 1000.0)]
    coords += [(rng.uniform(0, 3000), rng.uniform(0, 3000)) for _ in range(points)]
    dist = [[round(1.3 * math.dist(a, b)) for b in coords] for a in coords]
    return Problem(
        depot_key="depot",
        sites=(Site("landfill"), Site("yard")),
        points=tuple(
            Point(
                f"p{i}",
                waste_kg=rng.randint(10, 150),
                weight=rng.choice((1.0, 1.0, 2.0, 3.0)),
                required=i < required,
                service_s=60,
            )
            for i in range(points)
        ),
        vehicles=tuple(
            Vehicle(f"truck-{k + 1}", capacity, 30.0 + 2 * k, shift_s=shift_s)
            for k in range(vehicles)
        ),
        distances_m=dist,
        allowance_litres=allowance,
    )
