"""Coordinates, bounds, great-circle distances, the straight-line fallback and drawing.

All distances are metres on a sphere of the Earth's mean radius (haversine): within a
commune's few kilometres the error against the ellipsoid is a few metres per kilometre, far
below what a street map or a truck's odometer can tell apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from comuna.engines.streets.errors import BadCoordinate, StreetError

EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True, slots=True)
class Coordinate:
    """A place on Earth in decimal degrees (WGS 84, as OpenStreetMap and phones give them).

    Accepts ints, floats and Decimals (as a database gives them), stored as floats; refuses
    text, booleans, NaN, infinities and values out of range with ``BadCoordinate``.
    """

    lat: float
    lon: float

    def __post_init__(self) -> None:
        for field, name, limit in (("lat", "latitude", 90.0), ("lon", "longitude", 180.0)):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
                raise BadCoordinate(f"The {name} {value!r} is not a number.")
            number = float(value)
            if not math.isfinite(number) or not -limit <= number <= limit:
                raise BadCoordinate(
                    f"The {name} {value!r} is out of range (-{limit:g} to {limit:g})."
                )
            object.__setattr__(self, field, number)


@dataclass(frozen=True, slots=True)
class Bounds:
    """A box of latitudes and longitudes: south ≤ north, west ≤ east (no antimeridian)."""

    south: float
    west: float
    north: float
    east: float

    def __post_init__(self) -> None:
        Coordinate(self.south, self.west)
        Coordinate(self.north, self.east)
        if self.south > self.north or self.west > self.east:
            raise BadCoordinate("The box's south is above its north or its west east of its east.")

    @classmethod
    def around(cls, coords: Sequence[Coordinate]) -> Bounds:
        """The smallest box holding every coordinate given (at least one)."""
        if not coords:
            raise StreetError("No places given to draw.")
        lats = [c.lat for c in coords]
        lons = [c.lon for c in coords]
        return cls(min(lats), min(lons), max(lats), max(lons))

    def contains(self, c: Coordinate) -> bool:
        return self.south <= c.lat <= self.north and self.west <= c.lon <= self.east

    def expanded(self, metres: float) -> Bounds:
        """The box grown by ``metres`` on every side (clamped to valid degrees)."""
        dlat = math.degrees(metres / EARTH_RADIUS_M)
        mid = math.radians((self.south + self.north) / 2)
        dlon = dlat / max(math.cos(mid), 1e-6)
        return Bounds(
            max(-90.0, self.south - dlat),
            max(-180.0, self.west - dlon),
            min(90.0, self.north + dlat),
            min(180.0, self.east + dlon),
        )

    @property
    def center(self) -> Coordinate:
        return Coordinate((self.south + self.north) / 2, (self.west + self.east) / 2)


def haversine_m(a: Coordinate, b: Coordinate) -> float:
    """Great-circle distance between two coordinates, in metres."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp = p2 - p1
    dl = math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def straight_line_matrix(coords: Sequence[Coordinate], *, detour: float = 1.3) -> list[list[int]]:
    """Whole metres between every pair, as the crow flies times ``detour`` (≥ 1).

    The fallback when the commune has imported no street extract: the enterprise sets the
    detour (1.3 is typical of a street grid; hilly barrios with stairs and dead ends run
    higher). Symmetric, zero on the diagonal, rounded up so that the triangle inequality of
    the great-circle distance survives the rounding (up to float noise of a micrometre).
    """
    if not math.isfinite(detour) or not 1.0 <= detour <= 10.0:
        raise StreetError(f"The detour factor {detour!r} must be between 1 and 10.")
    n = len(coords)
    rows = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            d = math.ceil(haversine_m(coords[i], coords[j]) * detour - 1e-6)
            rows[i][j] = rows[j][i] = max(d, 0)
    return rows


def project(
    coords: Sequence[Coordinate],
    width: float,
    height: float,
    margin: float = 0.0,
    *,
    bounds: Bounds | None = None,
) -> list[tuple[float, float]]:
    """Drawing positions for coordinates: x to the right, y downwards, inside a box.

    An equirectangular projection at the middle latitude (true to scale in both directions
    over a commune's few kilometres) fitting ``bounds`` (by default the coordinates' own)
    into ``width`` × ``height`` less ``margin`` on every side, the same scale both ways,
    centred. Used for the SVG map on a phone page and the drawing on a printed route sheet.
    """
    if width <= 2 * margin or height <= 2 * margin:
        raise StreetError("The drawing box is smaller than its margins.")
    if not coords:
        return []
    box = bounds if bounds is not None else Bounds.around(coords)
    kx = math.cos(math.radians((box.south + box.north) / 2))
    span_x = (box.east - box.west) * kx
    span_y = box.north - box.south
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    if span_x <= 0 and span_y <= 0:
        scale = 0.0
    elif span_x <= 0:
        scale = inner_h / span_y
    elif span_y <= 0:
        scale = inner_w / span_x
    else:
        scale = min(inner_w / span_x, inner_h / span_y)
    off_x = margin + (inner_w - span_x * scale) / 2
    off_y = margin + (inner_h - span_y * scale) / 2
    return [
        (off_x + (c.lon - box.west) * kx * scale, off_y + (box.north - c.lat) * scale)
        for c in coords
    ]
