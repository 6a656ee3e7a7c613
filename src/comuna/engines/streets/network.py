"""A street network: directed graph of street nodes, snapping and shortest-path matrices.

Edge weights are whole centimetres, so every shortest-path length scipy returns is an exact
integer (in float64) and the triangle inequality holds exactly; a matrix is then rounded up to
whole metres, which keeps it (ceil is subadditive).
"""

from __future__ import annotations

import hashlib
import math
import zipfile
from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from comuna.engines.streets.errors import BadExtract, NotConnected, OutsideNetwork, StreetError
from comuna.engines.streets.geometry import EARTH_RADIUS_M, Bounds, Coordinate
from comuna.engines.streets.osm import read_streets

FORMAT_VERSION = 1
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_NODES = 1_000_000
# Long straight segments get nodes every DENSIFY_M so a place on them snaps close by.
DENSIFY_M = 40.0
# Rows of distances held at once while computing a matrix (bounds memory on big networks).
CHUNK_CELLS = 8_000_000
MAX_REPORTED_PAIRS = 50

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def _unit_vectors(lat: FloatArray, lon: FloatArray) -> FloatArray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)))


def _haversine_cm(
    lat1: FloatArray, lon1: FloatArray, lat2: FloatArray, lon2: FloatArray
) -> IntArray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(lon2 - lon1)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    metres = 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    cm: IntArray = np.maximum(1, np.ceil(metres * 100)).astype(np.int64)
    return cm


def _chord_to_m(chord: FloatArray) -> FloatArray:
    return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, chord / 2))


class StreetNetwork:
    """The drivable streets of an area as a directed graph, ready to answer distances.

    Build it with ``from_osm`` (an OpenStreetMap export) or ``load`` (a network saved with
    ``save``). Places are snapped to the nearest street node of the network's main strongly
    connected part (where a truck can reach every node and come back), so a point beside a
    cut-off fragment of street (a car park aisle, a way clipped at the edge of the export)
    snaps to the real network instead of making the matrix impossible.
    """

    def __init__(
        self,
        lat: FloatArray,
        lon: FloatArray,
        src: IntArray,
        dst: IntArray,
        cm: IntArray,
        seg_a: IntArray,
        seg_b: IntArray,
        stops: npt.NDArray[np.bool_],
    ) -> None:
        self._lat = np.asarray(lat, dtype=np.float64)
        self._lon = np.asarray(lon, dtype=np.float64)
        self._src = np.asarray(src, dtype=np.int64)
        self._dst = np.asarray(dst, dtype=np.int64)
        self._cm = np.asarray(cm, dtype=np.int64)
        self._seg_a = np.asarray(seg_a, dtype=np.int64)
        self._seg_b = np.asarray(seg_b, dtype=np.int64)
        self._stops = np.asarray(stops, dtype=bool)
        n = len(self._lat)
        if n == 0 or len(self._src) == 0:
            raise BadExtract("The network has no streets.", reason="no-streets")
        self._graph = csr_matrix(
            (self._cm.astype(np.float64), (self._src, self._dst)), shape=(n, n)
        )
        _, labels = connected_components(self._graph, directed=True, connection="strong")
        self._main: npt.NDArray[np.bool_] = labels == np.bincount(labels).argmax()

    # ----- building -------------------------------------------------------------------------

    @classmethod
    def from_osm(
        cls,
        path: Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_nodes: int = DEFAULT_MAX_NODES,
        tracks: bool = False,
    ) -> StreetNetwork:
        """The network of an OpenStreetMap file (.osm XML or .osm.pbf, also .osm.gz/.bz2).

        Raises ``BadExtract`` when the file is missing, larger than ``max_bytes``, unreadable,
        has more than ``max_nodes`` street nodes, or holds no drivable street. ``tracks``
        includes ``highway=track`` (dirt roads; often the only way up a hill).
        """
        path = Path(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise BadExtract(
                f"The file {path.name} cannot be opened.", reason="missing-file"
            ) from exc
        if not path.is_file():
            raise BadExtract(f"{path.name} is not a file.", reason="missing-file")
        if size > max_bytes:
            raise BadExtract(
                f"The file is {size / 1e6:.1f} MB; at most {max_bytes / 1e6:.1f} MB is read. "
                "Export a smaller area or a .osm.pbf file.",
                reason="too-big-file",
            )
        if size == 0:
            raise BadExtract("The file is empty.", reason="unreadable")
        raw = read_streets(path, max_nodes=max_nodes, tracks=tracks)
        return cls._from_raw(raw.lat, raw.lon, raw.segments)

    @classmethod
    def _from_raw(
        cls,
        lat_list: list[float],
        lon_list: list[float],
        segments: list[tuple[int, int, bool, bool, bool]],
    ) -> StreetNetwork:
        lat = np.array(lat_list, dtype=np.float64)
        lon = np.array(lon_list, dtype=np.float64)
        seg = np.array([s[:2] for s in segments], dtype=np.int64).reshape(-1, 2)
        fwd = np.array([s[2] for s in segments], dtype=bool)
        bwd = np.array([s[3] for s in segments], dtype=bool)
        stop = np.array([s[4] for s in segments], dtype=bool)
        length_cm = _haversine_cm(lat[seg[:, 0]], lon[seg[:, 0]], lat[seg[:, 1]], lon[seg[:, 1]])
        # Drawing segments: each street segment once, whatever its direction.
        draw = np.unique(np.sort(seg, axis=1), axis=0)
        # Densify long segments so that snapping to nodes lands near the street.
        pieces = np.maximum(1, np.ceil(length_cm / (DENSIFY_M * 100)).astype(np.int64))
        extra_lat: list[float] = []
        extra_lon: list[float] = []
        chains_a: list[int] = []
        chains_b: list[int] = []
        chain_f: list[bool] = []
        chain_b: list[bool] = []
        chain_s: list[bool] = []
        next_id = len(lat)
        for k in np.flatnonzero(pieces > 1):
            a, b = int(seg[k, 0]), int(seg[k, 1])
            m = int(pieces[k])
            ids = [a]
            for s in range(1, m):
                t = s / m
                extra_lat.append(float(lat[a] + (lat[b] - lat[a]) * t))
                extra_lon.append(float(lon[a] + (lon[b] - lon[a]) * t))
                ids.append(next_id)
                next_id += 1
            ids.append(b)
            for u, v in zip(ids, ids[1:], strict=False):
                chains_a.append(u)
                chains_b.append(v)
                chain_f.append(bool(fwd[k]))
                chain_b.append(bool(bwd[k]))
                chain_s.append(bool(stop[k]))
        short = pieces == 1
        all_lat = np.concatenate((lat, np.array(extra_lat, dtype=np.float64)))
        all_lon = np.concatenate((lon, np.array(extra_lon, dtype=np.float64)))
        ua = np.concatenate((seg[short, 0], np.array(chains_a, dtype=np.int64)))
        ub = np.concatenate((seg[short, 1], np.array(chains_b, dtype=np.int64)))
        uf = np.concatenate((fwd[short], np.array(chain_f, dtype=bool)))
        ubw = np.concatenate((bwd[short], np.array(chain_b, dtype=bool)))
        ust = np.concatenate((stop[short], np.array(chain_s, dtype=bool)))
        stops = np.zeros(len(all_lat), dtype=bool)
        stops[ua[ust]] = True
        stops[ub[ust]] = True
        ucm = _haversine_cm(all_lat[ua], all_lon[ua], all_lat[ub], all_lon[ub])
        src = np.concatenate((ua[uf], ub[ubw]))
        dst = np.concatenate((ub[uf], ua[ubw]))
        cm = np.concatenate((ucm[uf], ucm[ubw]))
        src, dst, cm = _shortest_parallel(src, dst, cm)
        return cls(all_lat, all_lon, src, dst, cm, draw[:, 0], draw[:, 1], stops)

    # ----- saving -----------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the network to ``path`` as a compressed numpy archive (no pickled objects)."""
        with Path(path).open("wb") as f:
            np.savez_compressed(
                f,
                version=np.array([FORMAT_VERSION], dtype=np.int64),
                lat=self._lat,
                lon=self._lon,
                src=self._src.astype(np.int32),
                dst=self._dst.astype(np.int32),
                cm=self._cm.astype(np.int32),
                seg_a=self._seg_a.astype(np.int32),
                seg_b=self._seg_b.astype(np.int32),
                stops=self._stops,
            )

    @classmethod
    def load(cls, path: Path) -> StreetNetwork:
        """A network written by ``save``; ``BadExtract`` if the file is not one."""
        try:
            with np.load(Path(path), allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
        except (OSError, ValueError, EOFError, TypeError, zipfile.BadZipFile) as exc:
            # TypeError: a single .npy array rather than an archive.
            raise BadExtract(
                "The saved street network cannot be read.", reason="bad-saved-network"
            ) from exc
        names = ("version", "lat", "lon", "src", "dst", "cm", "seg_a", "seg_b", "stops")
        if (
            any(k not in arrays for k in names)
            or arrays["version"].shape != (1,)
            or int(arrays["version"][0]) != FORMAT_VERSION
        ):
            raise BadExtract(
                "The saved street network is of another version.", reason="bad-saved-network"
            )
        n = len(arrays["lat"])
        for k in ("src", "dst", "seg_a", "seg_b"):
            a = arrays[k]
            if a.ndim != 1 or (len(a) and (a.min() < 0 or a.max() >= n)):
                raise BadExtract("The saved street network is damaged.", reason="bad-saved-network")
        if (
            not (len(arrays["src"]) == len(arrays["dst"]) == len(arrays["cm"]))
            or len(arrays["lon"]) != n
            or len(arrays["stops"]) != n
            or arrays["stops"].dtype != np.bool_
        ):
            raise BadExtract("The saved street network is damaged.", reason="bad-saved-network")
        return cls(
            arrays["lat"],
            arrays["lon"],
            arrays["src"],
            arrays["dst"],
            arrays["cm"],
            arrays["seg_a"],
            arrays["seg_b"],
            arrays["stops"],
        )

    # ----- facts ------------------------------------------------------------------------------

    @property
    def bounds(self) -> Bounds:
        """The box holding every street node."""
        return Bounds(
            float(self._lat.min()),
            float(self._lon.min()),
            float(self._lat.max()),
            float(self._lon.max()),
        )

    @property
    def node_count(self) -> int:
        """Street nodes in the graph (OSM nodes plus those added along long segments)."""
        return len(self._lat)

    @property
    def edge_count(self) -> int:
        """Directed edges: a two-way segment counts twice, a one-way segment once."""
        return len(self._src)

    @property
    def main_node_count(self) -> int:
        """Nodes of the main strongly connected part, the ones places snap to."""
        return int(self._main.sum())

    @property
    def total_km(self) -> float:
        """Length of street, each segment counted once whatever its directions."""
        cm = _haversine_cm(
            self._lat[self._seg_a],
            self._lon[self._seg_a],
            self._lat[self._seg_b],
            self._lon[self._seg_b],
        )
        return float(cm.sum()) / 100_000

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the graph: equal for equal networks, whether read or loaded."""
        h = hashlib.sha256(b"comuna-streets-%d" % FORMAT_VERSION)
        for a in (
            np.round(self._lat * 1e7).astype(np.int64),
            np.round(self._lon * 1e7).astype(np.int64),
            self._src,
            self._dst,
            self._cm,
            self._seg_a,
            self._seg_b,
            self._stops,
        ):
            h.update(np.ascontiguousarray(a, dtype="<i8").tobytes())
            h.update(b"|")
        return h.hexdigest()

    @property
    def adjacency(self) -> csr_matrix:
        """The directed graph as a scipy sparse matrix of centimetres (for checks and timing)."""
        return self._graph

    def coordinate(self, node: int) -> Coordinate:
        """The coordinate of a street node (as returned by ``snap``)."""
        return Coordinate(float(self._lat[node]), float(self._lon[node]))

    # ----- snapping ---------------------------------------------------------------------------

    def _tree(self, among: npt.NDArray[np.bool_]) -> tuple[cKDTree, IntArray]:
        # Places snap where a truck may stop (not onto a motorway), unless there is no such
        # street at all.
        nodes = np.flatnonzero(among & self._stops)
        if len(nodes) == 0:
            nodes = np.flatnonzero(among)
        return cKDTree(_unit_vectors(self._lat[nodes], self._lon[nodes])), nodes

    @cached_property
    def _tree_main(self) -> tuple[cKDTree, IntArray]:
        return self._tree(self._main)

    @cached_property
    def _tree_all(self) -> tuple[cKDTree, IntArray]:
        return self._tree(np.ones(self.node_count, dtype=bool))

    def _snap(
        self, coords: Sequence[Coordinate], max_snap_m: float, main_only: bool
    ) -> tuple[IntArray, FloatArray]:
        if math.isnan(max_snap_m) or max_snap_m < 0:
            raise StreetError(f"The snapping distance {max_snap_m!r} must be zero or more metres.")
        if not coords:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        tree, nodes = self._tree_main if main_only else self._tree_all
        lat = np.array([c.lat for c in coords], dtype=np.float64)
        lon = np.array([c.lon for c in coords], dtype=np.float64)
        chord, k = tree.query(_unit_vectors(lat, lon))
        metres = _chord_to_m(np.asarray(chord, dtype=np.float64))
        bad = np.flatnonzero(metres > max_snap_m)
        if len(bad):
            raise OutsideNetwork([int(i) for i in bad], [float(metres[i]) for i in bad], max_snap_m)
        return nodes[np.asarray(k, dtype=np.int64)], metres

    def snap(
        self, coords: Sequence[Coordinate], *, max_snap_m: float = 250, main_only: bool = True
    ) -> list[int]:
        """The street node nearest each place (node numbers of this network).

        Raises ``OutsideNetwork`` naming every place farther than ``max_snap_m`` metres from a
        street node. ``main_only=False`` also snaps to fragments cut off from the main network
        (then a matrix may raise ``NotConnected``).
        """
        nodes, _ = self._snap(coords, max_snap_m, main_only)
        return [int(n) for n in nodes]

    def street_distance_m(
        self, coords: Sequence[Coordinate], *, main_only: bool = True
    ) -> list[float]:
        """How far each place is from the nearest street node, in metres (never raises)."""
        _, metres = self._snap(coords, math.inf, main_only)
        return [float(m) for m in metres]

    # ----- distances --------------------------------------------------------------------------

    def _rows(self, sources: IntArray) -> Iterator[tuple[int, FloatArray]]:
        """Shortest-path lengths (cm) from each source to every node, a chunk at a time."""
        step = max(1, CHUNK_CELLS // max(1, self.node_count))
        for start in range(0, len(sources), step):
            chunk = sources[start : start + step]
            yield start, np.atleast_2d(dijkstra(self._graph, directed=True, indices=chunk))

    def matrix(
        self, coords: Sequence[Coordinate], *, max_snap_m: float = 250, main_only: bool = True
    ) -> list[list[int]]:
        """Whole metres by street from every place to every other: ``m[i][j]`` is i → j.

        Square, zero on the diagonal, directed (one-way streets make ``m[i][j] != m[j][i]``),
        the walk from each place to its snapped street node added at both ends, rounded up
        (the triangle inequality holds). Raises ``OutsideNetwork`` or ``NotConnected``.
        """
        nodes, snap_m = self._snap(coords, max_snap_m, main_only)
        n = len(nodes)
        if n == 0:
            return []
        unique, inverse = np.unique(nodes, return_inverse=True)
        between = np.empty((len(unique), len(unique)), dtype=np.float64)
        for start, rows in self._rows(unique):
            between[start : start + len(rows)] = rows[:, unique]
        unreachable = ~np.isfinite(between[np.ix_(inverse, inverse)])
        np.fill_diagonal(unreachable, False)
        if unreachable.any():
            pairs = np.argwhere(unreachable)[:MAX_REPORTED_PAIRS]
            raise NotConnected([(int(i), int(j)) for i, j in pairs])
        between[~np.isfinite(between)] = 0
        snap_cm = np.ceil(snap_m * 100).astype(np.int64)
        cm = between.astype(np.int64)[np.ix_(inverse, inverse)]
        total = cm + snap_cm[:, None] + snap_cm[None, :]
        metres = -(-total // 100)
        np.fill_diagonal(metres, 0)
        result: list[list[int]] = metres.tolist()
        return result

    def path(self, a: Coordinate, b: Coordinate, *, max_snap_m: float = 250) -> list[Coordinate]:
        """The street geometry from ``a`` to ``b`` (both ends included), to draw a route."""
        nodes, _ = self._snap([a, b], max_snap_m, True)
        start, end = int(nodes[0]), int(nodes[1])
        if start == end:
            return [a, self.coordinate(start), b]
        _, pred = dijkstra(self._graph, directed=True, indices=start, return_predecessors=True)
        if pred[end] < 0:
            raise NotConnected([(0, 1)])
        way = [end]
        while way[-1] != start:
            way.append(int(pred[way[-1]]))
        way.reverse()
        return [a, *(self.coordinate(k) for k in way), b]

    def route_path(
        self, stops: Sequence[Coordinate], *, max_snap_m: float = 250
    ) -> list[Coordinate]:
        """The street geometry along stops in order (one ``path`` per leg, joined)."""
        line: list[Coordinate] = []
        for a, b in zip(stops, stops[1:], strict=False):
            leg = self.path(a, b, max_snap_m=max_snap_m)
            line.extend(leg[1:] if line else leg)
        return line if line else list(stops)

    # ----- drawing ----------------------------------------------------------------------------

    def edges_within(
        self, bounds: Bounds, *, simplify_m: float = 0.0
    ) -> list[tuple[Coordinate, Coordinate]]:
        """Street segments with an end inside ``bounds``, each once, for a background map.

        ``simplify_m`` > 0 rounds the ends onto a grid of that many metres and drops the
        segments that collapse or repeat: far fewer lines for a small drawing.
        """
        lat_a, lon_a = self._lat[self._seg_a], self._lon[self._seg_a]
        lat_b, lon_b = self._lat[self._seg_b], self._lon[self._seg_b]

        def inside(la: FloatArray, lo: FloatArray) -> npt.NDArray[np.bool_]:
            return (
                (la >= bounds.south)
                & (la <= bounds.north)
                & (lo >= bounds.west)
                & (lo <= bounds.east)
            )

        keep = inside(lat_a, lon_a) | inside(lat_b, lon_b)
        ends = np.column_stack((lat_a[keep], lon_a[keep], lat_b[keep], lon_b[keep]))
        if simplify_m > 0 and len(ends):
            step_lat = math.degrees(simplify_m / EARTH_RADIUS_M)
            step_lon = step_lat / max(math.cos(math.radians(bounds.center.lat)), 1e-6)
            steps = np.array([step_lat, step_lon, step_lat, step_lon])
            grid = np.round(ends / steps).astype(np.int64)
            a, b = grid[:, :2], grid[:, 2:]
            swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
            grid = np.where(swap[:, None], np.hstack((b, a)), grid)
            grid = grid[(grid[:, 0] != grid[:, 2]) | (grid[:, 1] != grid[:, 3])]
            grid = np.unique(grid, axis=0)
            ends = grid * steps
        return [
            (Coordinate(float(r[0]), float(r[1])), Coordinate(float(r[2]), float(r[3])))
            for r in ends
        ]

    def __repr__(self) -> str:
        return (
            f"<StreetNetwork {self.node_count} nodes, {self.edge_count} edges, "
            f"{self.total_km:.1f} km>"
        )


def _shortest_parallel(
    src: IntArray, dst: IntArray, cm: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """One edge per (from, to), the shortest (scipy would add parallel edges together)."""
    keep = src != dst
    src, dst, cm = src[keep], dst[keep], cm[keep]
    order = np.lexsort((cm, dst, src))
    src, dst, cm = src[order], dst[order], cm[order]
    first = np.ones(len(src), dtype=bool)
    first[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
    return src[first], dst[first], cm[first]
