"""A day's collection plan: what goes in (a ``Problem``) and what comes out (a ``Plan``).

Units: kilograms (int), metres (int), seconds from the shift's start (int), litres (float).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from comuna.engines.routing.errors import InvalidItemError, InvalidProblemError


@dataclass(frozen=True)
class Place:
    """Where a location is; the solver does not need it (it reads the distance matrix)."""

    key: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Point:
    """A collection point with the waste expected there today.

    ``weight`` is the kind's weight: 1.0 for a street container, more for a clinic, a school
    or an overflowing market. ``required`` points are always served when the diesel allows.
    ``service_s`` is the time to empty it.
    """

    key: str
    waste_kg: int
    weight: float = 1.0
    required: bool = False
    service_s: int = 120


@dataclass(frozen=True)
class Site:
    """An unloading site (landfill, recycling yard); open ``opens_s``..``closes_s`` (shift time)."""

    key: str
    opens_s: int = 0
    closes_s: int = 86400


@dataclass(frozen=True)
class Vehicle:
    key: str
    capacity_kg: int
    litres_per_100km: float
    shift_s: int = 8 * 3600
    speed_kmh: float = 25


@dataclass(frozen=True)
class Problem:
    """One day: the depot, the sites, the points, the trucks available and the diesel allowed.

    ``distances_m`` is square over the locations ``[depot, *sites, *points]`` in that order
    (row = from, column = to). ``unload_s`` is the time an unloading takes at a site.
    """

    depot_key: str
    sites: tuple[Site, ...]
    points: tuple[Point, ...]
    vehicles: tuple[Vehicle, ...]
    distances_m: Sequence[Sequence[int]]
    allowance_litres: float
    unload_s: int = 900


def prize(point: Point) -> int:
    """What serving ``point`` today is worth: waste in kg times the kind weight, in tenths.

    It grows with the waste waiting there and with the kind's weight; a point with no waste
    still counts 1, so that an empty clinic is not worth nothing. An integer, so that plans
    compare exactly.
    """
    return max(1, round(point.waste_kg * point.weight * 10))


MAX_WEIGHT = 100
"""A kind weight above this is refused (it would only overflow the solver's integers)."""

StopKind = Literal["point", "unload", "depot"]


@dataclass(frozen=True)
class Stop:
    """One stop of a route: a point emptied, an unloading at a site, or the depot.

    ``kg`` is collected at a point, or unloaded at a site (negative never); 0 at the depot.
    ``arrive_s`` is when the truck gets there, in seconds from the shift's start.
    """

    key: str
    kind: StopKind
    kg: int
    arrive_s: int

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "kind": self.kind, "kg": self.kg, "arrive_s": self.arrive_s}


@dataclass(frozen=True)
class Route:
    """One truck's day: depot, points, unloadings (``trips`` of them), back to the depot."""

    vehicle: str
    stops: tuple[Stop, ...]
    kg: int
    km: float
    litres: float
    trips: int
    prize: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "vehicle": self.vehicle,
            "stops": [s.as_dict() for s in self.stops],
            "kg": self.kg,
            "km": round(self.km, 3),
            "litres": _floor3(self.litres),
            "trips": self.trips,
            "prize": self.prize,
        }


@dataclass(frozen=True)
class Plan:
    """The day's plan and what it says about the ration.

    ``litres`` never exceeds ``allowance_litres``. ``litres_to_serve_all`` is what a plan
    serving every point would burn with the same trucks (the campaign's figure).
    ``required_shortfall_litres`` is 0 when the required points are all served; otherwise
    how many litres more than the allowance serving them would take.
    """

    routes: tuple[Route, ...]
    allowance_litres: float
    litres: float
    prize: int
    kg: int
    points_served: tuple[str, ...]
    points_left: tuple[str, ...]
    litres_to_serve_all: float
    required_shortfall_litres: float
    seed: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the keys the waste app's ``--json`` output carries, and a few more."""
        return {
            "allowance_litres": self.allowance_litres,
            "litres": _floor3(self.litres),
            "prize": self.prize,
            "kg": self.kg,
            "points_served": list(self.points_served),
            "points_left": list(self.points_left),
            "litres_to_serve_all": round(self.litres_to_serve_all, 3),
            "required_shortfall_litres": round(self.required_shortfall_litres, 3),
            "seed": self.seed,
            "routes": [r.as_dict() for r in self.routes],
        }


def _floor3(litres: float) -> float:
    """Rounded down to the millilitre, so a shown figure never exceeds the true one."""
    return math.floor(litres * 1000) / 1000


def _check_int(kind: str, key: str, name: str, value: object, minimum: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidItemError(kind, key, f"{name} must be a whole number, not {value!r}")
    if value < minimum:
        raise InvalidItemError(kind, key, f"{name} must be at least {minimum}, not {value}")


def _check_positive(kind: str, key: str, name: str, value: object) -> None:
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise InvalidItemError(kind, key, f"{name} must be a positive number, not {value!r}")


def validate(problem: Problem) -> npt.NDArray[np.int64]:
    """Refuse a malformed problem with a ``RoutingError``; return the distances as an array."""
    if not isinstance(problem.depot_key, str) or not problem.depot_key:
        raise InvalidProblemError("the depot needs a key", problem.depot_key)
    allowance = problem.allowance_litres
    if (
        not isinstance(allowance, int | float)
        or isinstance(allowance, bool)
        or not math.isfinite(allowance)
    ):
        raise InvalidProblemError("the allowance must be a number of litres", allowance)
    if allowance < 0:
        raise InvalidProblemError("the allowance cannot be negative litres", allowance)
    unload = problem.unload_s
    if not isinstance(unload, int) or isinstance(unload, bool) or unload < 0:
        raise InvalidProblemError("the unloading time must be whole seconds, zero or more", unload)
    if not problem.vehicles:
        raise InvalidProblemError("there is no vehicle to plan for")
    if not problem.sites:
        raise InvalidProblemError("there is no unloading site")
    seen = {problem.depot_key}
    for kind, items in (
        ("site", problem.sites),
        ("point", problem.points),
        ("vehicle", problem.vehicles),
    ):
        for item in items:
            key = item.key
            if not isinstance(key, str) or not key:
                raise InvalidProblemError(f"a {kind} needs a non-empty key", key)
            if key in seen:
                raise InvalidItemError(kind, key, "the key is used more than once")
            seen.add(key)
    for v in problem.vehicles:
        _check_int("vehicle", v.key, "the capacity in kg", v.capacity_kg, 1)
        _check_positive("vehicle", v.key, "litres per 100 km", v.litres_per_100km)
        _check_int("vehicle", v.key, "the shift in seconds", v.shift_s, 1)
        _check_positive("vehicle", v.key, "the speed in km/h", v.speed_kmh)
    for s in problem.sites:
        _check_int("site", s.key, "the opening time", s.opens_s, 0)
        _check_int("site", s.key, "the closing time", s.closes_s, 0)
        if s.closes_s < s.opens_s:
            raise InvalidItemError("site", s.key, "it closes before it opens")
    biggest = max(v.capacity_kg for v in problem.vehicles)
    for p in problem.points:
        _check_int("point", p.key, "the waste in kg", p.waste_kg, 0)
        _check_positive("point", p.key, "the kind weight", p.weight)
        if p.weight > MAX_WEIGHT:
            raise InvalidItemError(
                "point", p.key, f"the kind weight must be at most {MAX_WEIGHT}, not {p.weight}"
            )
        _check_int("point", p.key, "the service time", p.service_s, 0)
        if p.waste_kg > biggest:
            raise InvalidItemError(
                "point",
                p.key,
                f"{p.waste_kg} kg is more than the biggest truck carries ({biggest} kg)",
            )
    n = 1 + len(problem.sites) + len(problem.points)
    rows = problem.distances_m
    if len(rows) != n:
        raise InvalidProblemError(
            f"the distance matrix has {len(rows)} rows for {n} locations (depot, sites, points)",
            len(rows),
        )
    for i, row in enumerate(rows):
        if len(row) != n:
            raise InvalidProblemError(
                f"the distance matrix is not square: row {i} has {len(row)} columns, not {n}",
                len(row),
            )
    try:
        matrix = np.asarray(rows)
    except (TypeError, ValueError) as error:
        raise InvalidProblemError("the distance matrix must hold whole metres") from error
    if matrix.dtype.kind not in "iu" or matrix.shape != (n, n):
        raise InvalidProblemError("the distance matrix must hold whole metres", matrix.dtype)
    if n and int(matrix.min()) < 0:
        raise InvalidProblemError("a distance cannot be negative", int(matrix.min()))
    return matrix.astype(np.int64)
