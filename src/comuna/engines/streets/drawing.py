"""A route ready to draw: its street line, its stops and the streets around, in drawing units.

One function for both pictures the app makes: the SVG map on the crew's phone page and the
reportlab drawing on the printed route sheet. Coordinates come back with x to the right and y
downwards (SVG's convention); reportlab's y runs upwards, so draw at ``height - y`` there.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from comuna.engines.streets.geometry import EARTH_RADIUS_M, Bounds, Coordinate, project
from comuna.engines.streets.network import StreetNetwork

Point = tuple[float, float]


@dataclass(frozen=True)
class RouteDrawing:
    """What to draw, already fitted into ``width`` × ``height``."""

    width: float
    height: float
    streets: list[tuple[Point, Point]]  # background street segments
    line: list[Point]  # the route along the streets (or straight between stops)
    stops: list[Point]  # each stop, in the order given


def route_drawing(
    stops: Sequence[Coordinate],
    *,
    network: StreetNetwork | None,
    width: float,
    height: float,
    margin: float = 8.0,
    max_streets: int = 2500,
    max_snap_m: float = 250,
) -> RouteDrawing:
    """The route through ``stops`` in order, with the streets around it, fitted to a box.

    With a ``network`` the line follows the streets (``route_path``) and the background holds
    the street segments in the route's box, simplified below a pixel and at most
    ``max_streets`` of them (a phone page stays light). Without one, the line joins the stops
    straight and there is no background. Raises what ``route_path`` raises.
    """
    if not stops:
        return RouteDrawing(width, height, [], [], [])
    line = network.route_path(stops, max_snap_m=max_snap_m) if network else list(stops)
    box = Bounds.around([*line, *stops]).expanded(60)
    streets: list[tuple[Coordinate, Coordinate]] = []
    if network is not None:
        span_m = max(
            (box.north - box.south) * math.radians(1) * EARTH_RADIUS_M,
            (box.east - box.west)
            * math.radians(1)
            * EARTH_RADIUS_M
            * math.cos(math.radians(box.center.lat)),
        )
        pixel_m = span_m / max(1.0, min(width, height) - 2 * margin)
        simplify = pixel_m * 0.6
        streets = network.edges_within(box, simplify_m=simplify)
        while len(streets) > max_streets:
            simplify *= 1.6
            streets = network.edges_within(box, simplify_m=simplify)
    flat = [c for segment in streets for c in segment]
    xy = project([*flat, *line, *stops], width, height, margin, bounds=box)
    segs = [(xy[k], xy[k + 1]) for k in range(0, len(flat), 2)]
    at = len(flat)
    return RouteDrawing(
        width=width,
        height=height,
        streets=segs,
        line=xy[at : at + len(line)],
        stops=xy[at + len(line) :],
    )
