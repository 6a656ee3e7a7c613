"""The circuits engine's plain data: what goes in (``Problem``) and what comes out (``Plan``).

Quantities are whole grams (``int``): the apps store kilograms with three decimals and pass
grams, so the programme's vertices are whole numbers and nothing is rounded away. Money is a
float per kg·km; the app rounds it where it shows it.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Producer:
    """A farm, a cooperative or a communal enterprise, at a place."""

    id: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Outlet:
    """A school canteen, popular kitchen, communal market or school, at a place."""

    id: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Offer:
    """A producer offers this many grams of a product in the cycle."""

    producer: str
    product: str
    quantity_g: int


@dataclass(frozen=True)
class Need:
    """An outlet needs this many grams of a product; priority 1 is the highest."""

    outlet: str
    product: str
    quantity_g: int
    priority: int


@dataclass(frozen=True)
class Vehicle:
    """A vehicle and what it can carry in the whole cycle (capacity per trip × trips)."""

    id: str
    capacity_g: int


@dataclass(frozen=True)
class Transport:
    """How moving food costs: money per kg·km; road km = straight line × ``detour_factor``
    unless ``distances_km`` gives the road distance for a (producer, outlet) pair; producers
    farther than ``reach_km`` (road) from an outlet do not serve it."""

    cost_per_kg_km: float
    detour_factor: float = 1.3
    reach_km: float | None = None
    distances_km: Mapping[tuple[str, str], float] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    producers: tuple[Producer, ...]
    outlets: tuple[Outlet, ...]
    offers: tuple[Offer, ...]
    needs: tuple[Need, ...]
    transport: Transport
    # No vehicles: the fleet is not a limit and no loads are assigned.
    vehicles: tuple[Vehicle, ...] = ()


class Reason(enum.StrEnum):
    """Why a need got what it got."""

    MET = "met"  # met in full
    NOBODY_OFFERS = "nobody_offers"  # no producer offers the product in this cycle
    OUT_OF_REACH = "out_of_reach"  # producers offer it, none within reach of the outlet
    SUPPLY_RAN_OUT = "supply_ran_out"  # every producer within reach gave all it had
    FLEET_FULL = "fleet_full"  # supply was left but the vehicles were full


@dataclass(frozen=True)
class Flow:
    producer: str
    outlet: str
    product: str
    quantity_g: int
    km: float
    cost: float


@dataclass(frozen=True)
class Load:
    """Part of a flow carried by one vehicle (a line on its delivery sheet)."""

    vehicle: str
    producer: str
    outlet: str
    product: str
    quantity_g: int


@dataclass(frozen=True)
class NeedResult:
    """What one need got and why. ``served_through`` is, for a need left short because supply
    ran out, the lowest priority (largest number) that still received that product from the
    producers within its reach: the supply ran out after priorities 1..served_through."""

    outlet: str
    product: str
    priority: int
    needed_g: int
    met_g: int
    reason: Reason
    served_through: int | None = None

    @property
    def short_g(self) -> int:
        return self.needed_g - self.met_g


@dataclass(frozen=True)
class Plan:
    flows: tuple[Flow, ...]
    loads: tuple[Load, ...]
    needs: tuple[NeedResult, ...]
    cost: float

    def met_by_priority(self) -> dict[int, tuple[int, int]]:
        """priority -> (grams met, grams needed)."""
        out: dict[int, tuple[int, int]] = {}
        for n in self.needs:
            met, needed = out.get(n.priority, (0, 0))
            out[n.priority] = (met + n.met_g, needed + n.needed_g)
        return dict(sorted(out.items()))

    def for_outlet(self, outlet: str) -> tuple[NeedResult, ...]:
        return tuple(n for n in self.needs if n.outlet == outlet)


def straight_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
