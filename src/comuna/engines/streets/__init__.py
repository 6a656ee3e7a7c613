"""Distances over the commune's streets, from an OpenStreetMap extract it exported.

The commune exports its area from OpenStreetMap (docs/streets.md says how) and the app keeps
the file. This engine reads the drivable streets out of it with pyosmium, builds a directed
graph (one-way streets respected, edge lengths in great-circle metres), snaps places to the
nearest street node with a k-d tree and computes shortest paths with scipy's Dijkstra. With no
extract, ``straight_line_matrix`` gives straight-line metres times a detour factor the
enterprise sets. Pure Python (numpy, scipy, osmium): no Django, no other part of comuna.

Typical use by the app::

    net = StreetNetwork.from_osm(upload_path)       # BadExtract if unusable
    net.save(data_dir / "streets.npz")               # later: StreetNetwork.load(...)
    key = matrix_key(places, net.fingerprint, None)  # cache key; changes when a place moves
    distances_m = net.matrix(places)                 # OutsideNetwork / NotConnected
    line = net.route_path(stops)                     # street geometry to draw a route
    xy = project(line, width=360, height=360, margin=8)
    picture = route_drawing(stops, network=net, width=360, height=360)  # lines, stops, streets

    distances_m = straight_line_matrix(places, detour=1.3)   # no extract imported

Promises:

- ``matrix`` is square, whole metres, zero on the diagonal, ``m[i][j]`` the distance from
  place i to place j (not always ``m[j][i]``: one-way streets), each place's walk to its
  snapped street node added at both ends; it satisfies the triangle inequality exactly.
- Places snap to the network's main strongly connected part, where every node can reach every
  other, so ``NotConnected`` arises only with ``main_only=False``; never onto a motorway
  (nobody stops there) unless the extract has nothing else.
- Every error is a ``StreetError`` (a ``ValueError``) with an English message and a short
  ``code`` slug for the app to translate: ``BadCoordinate`` ("bad-coordinate"),
  ``OutsideNetwork`` ("outside-network", with ``index``/``indices``), ``NotConnected``
  ("not-connected", with ``pair``/``pairs``), ``BadExtract`` ("bad-extract", with ``reason``).
"""

from comuna.engines.streets.drawing import RouteDrawing, route_drawing
from comuna.engines.streets.errors import (
    BadCoordinate,
    BadExtract,
    NotConnected,
    OutsideNetwork,
    StreetError,
)
from comuna.engines.streets.geometry import (
    Bounds,
    Coordinate,
    haversine_m,
    project,
    straight_line_matrix,
)
from comuna.engines.streets.keys import matrix_key
from comuna.engines.streets.network import DEFAULT_MAX_BYTES, DEFAULT_MAX_NODES, StreetNetwork
from comuna.engines.streets.osm import DRIVABLE

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_NODES",
    "DRIVABLE",
    "BadCoordinate",
    "BadExtract",
    "Bounds",
    "Coordinate",
    "NotConnected",
    "OutsideNetwork",
    "RouteDrawing",
    "StreetError",
    "StreetNetwork",
    "haversine_m",
    "matrix_key",
    "project",
    "route_drawing",
    "straight_line_matrix",
]
