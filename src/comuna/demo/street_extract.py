"""An invented OpenStreetMap extract of a hilly barrio, and places on its streets, for the demo.

``write_demo_extract`` writes an OSM file (XML for ``.osm``, PBF for ``.osm.pbf``) shaped like
a Caracas hillside barrio: an irregular, jittered grid of residential streets bending along
the contours, a primary avenue across and a secondary one up the hill, some one-way streets,
blocks missing where the slope is too steep, dead-end lanes up the hill, and a road leaving
the barrio for the landfill a few kilometres out. The commune's sites are tagged nodes beside
their service roads (``comuna:site`` = depot, landfill, recycling_yard) and each communal
council has a tagged centre (``comuna:council`` = 1…N), so the file alone tells the demo where
things are. ``demo_places`` returns collection points on the streets, spread over the
councils, plus the three sites. The same centre, councils and seed give the same file.

The file reads back through ``comuna.engines.streets.StreetNetwork.from_osm`` like any export.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import osmium

from comuna.engines.streets import Bounds, Coordinate, StreetNetwork, haversine_m

# Antímano, on the western hills of Caracas.
DEMO_CENTER = Coordinate(10.4640, -66.9800)
SPACING_M = 105.0  # a block, intersection to intersection
ROWS = 30
COLUMNS = 36
METRES_PER_DEGREE = 111_320.0
SITE_KEY = "comuna:site"
COUNCIL_KEY = "comuna:council"


@dataclass(frozen=True)
class DemoExtract:
    """What ``write_demo_extract`` wrote: the file, its box, the sites and council centres."""

    path: Path
    bounds: Bounds
    depot: Coordinate
    landfill: Coordinate
    recycling_yard: Coordinate
    council_centres: tuple[Coordinate, ...]
    node_count: int
    way_count: int


@dataclass(frozen=True)
class DemoPlace:
    """A collection point for the demo: its council (1…N) and where it stands."""

    council: int
    coordinate: Coordinate


@dataclass(frozen=True)
class DemoPlaces:
    """Places for the demo's waste collection, all within snapping distance of a street."""

    points: tuple[DemoPlace, ...]
    depot: Coordinate
    landfill: Coordinate
    recycling_yard: Coordinate


class _Map:
    """Nodes and ways being invented, in metres east and north of the centre."""

    def __init__(self, center: Coordinate) -> None:
        self.center = center
        self.nodes: list[tuple[int, float, float, dict[str, str]]] = []
        self.ways: list[tuple[int, list[int], dict[str, str]]] = []
        self._next_node = 4_100_000_000
        self._next_way = 610_000_000

    def node(self, x: float, y: float, tags: dict[str, str] | None = None) -> int:
        self._next_node += 1
        self.nodes.append((self._next_node, x, y, tags or {}))
        return self._next_node

    def way(self, refs: list[int], tags: dict[str, str]) -> None:
        if len(refs) >= 2:
            self._next_way += 1
            self.ways.append((self._next_way, refs, tags))

    def coordinate(self, x: float, y: float) -> Coordinate:
        lat = self.center.lat + y / METRES_PER_DEGREE
        lon = self.center.lon + x / (METRES_PER_DEGREE * math.cos(math.radians(self.center.lat)))
        return Coordinate(round(lat, 7), round(lon, 7))


def _runs(flags: list[bool]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of True in ``flags`` (end exclusive)."""
    start = None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            yield start, i
            start = None


def _spread(count: int, rng: random.Random) -> list[float]:
    """``count`` increasing positions about ``SPACING_M`` apart on average, centred on 0."""
    steps = [rng.uniform(0.7, 1.3) * SPACING_M for _ in range(count - 1)]
    positions = [0.0]
    for step in steps:
        positions.append(positions[-1] + step)
    middle = positions[-1] / 2
    return [p - middle for p in positions]


def write_demo_extract(
    path: Path, *, center: Coordinate = DEMO_CENTER, councils: int = 24, seed: int = 11
) -> DemoExtract:
    """Write the invented barrio to ``path`` (.osm or .osm.pbf; replaced if it exists)."""
    if councils < 1:
        raise ValueError("At least one council is needed.")
    rng = random.Random(seed)  # noqa: S311 - invented data
    m = _Map(center)
    # Blocks of uneven size: wider where the slope is gentle, narrow up the steep parts.
    xs = _spread(COLUMNS, rng)
    ys = _spread(ROWS, rng)
    width, height = xs[-1] - xs[0], ys[-1] - ys[0]
    phase = rng.uniform(0, 2 * math.pi)

    def warp(x: float, y: float) -> tuple[float, float]:
        # Streets bend along the contours of the hill.
        return (
            x + 40 * math.sin(y / 260 + phase),
            y + 85 * math.sin(x / 380 + phase) + 30 * math.sin(x / 150) + 0.08 * x,
        )

    grid: dict[tuple[int, int], int] = {}
    spot: dict[tuple[int, int], tuple[float, float]] = {}
    for r in range(ROWS):
        for c in range(COLUMNS):
            x = xs[c] + rng.uniform(-18, 18)
            y = ys[r] + rng.uniform(-18, 18)
            spot[r, c] = warp(x, y)
            grid[r, c] = m.node(*spot[r, c])

    def between(a: tuple[int, int], b: tuple[int, int]) -> int:
        (x1, y1), (x2, y2) = spot[a], spot[b]
        t = rng.uniform(0.35, 0.65)
        return m.node(
            x1 + (x2 - x1) * t + rng.uniform(-9, 9), y1 + (y2 - y1) * t + rng.uniform(-9, 9)
        )

    avenue_row, avenue_column = ROWS // 2, COLUMNS // 3
    one_way_rows = set(rng.sample([r for r in range(1, ROWS - 1) if r != avenue_row], 5))
    one_way_columns = set(rng.sample([c for c in range(1, COLUMNS - 1) if c != avenue_column], 5))

    def street(cells: list[tuple[int, int]], tags: dict[str, str], keep: list[bool]) -> None:
        for start, end in _runs(keep):
            refs = [grid[cells[start]]]
            for k in range(start, end):
                refs += [between(cells[k], cells[k + 1]), grid[cells[k + 1]]]
            m.way(refs, tags)

    for r in range(ROWS):
        cells = [(r, c) for c in range(COLUMNS)]
        tags = {"highway": "residential", "name": f"Calle {r + 1}", "surface": "asphalt"}
        keep = [True] * (COLUMNS - 1)
        if r == avenue_row:
            tags = {"highway": "primary", "name": "Avenida Principal", "lanes": "4"}
        elif r in one_way_rows:
            tags |= {"oneway": "yes" if r % 2 else "-1"}
        else:
            keep = [rng.random() > 0.11 for _ in keep]
        street(cells, tags, keep)
    for c in range(COLUMNS):
        cells = [(r, c) for r in range(ROWS)]
        tags = {"highway": "residential", "name": f"Vereda {c + 1}", "incline": "up"}
        keep = [True] * (ROWS - 1)
        if c == avenue_column:
            tags = {"highway": "secondary", "name": "Avenida La Cumbre"}
        elif c in one_way_columns:
            tags |= {"oneway": "yes" if c % 2 else "-1"}
        else:
            keep = [rng.random() > 0.11 for _ in keep]
        street(cells, tags, keep)

    # Dead-end lanes up the hill from the top and sides of the grid.
    for k in range(24):
        side = rng.choice(("north", "east", "west"))
        if side == "north":
            cell, dx, dy = (ROWS - 1, rng.randrange(COLUMNS)), 0.0, 1.0
        elif side == "east":
            cell, dx, dy = (rng.randrange(ROWS), COLUMNS - 1), 1.0, 0.0
        else:
            cell, dx, dy = (rng.randrange(ROWS), 0), -1.0, 0.0
        x, y = spot[cell]
        refs = [grid[cell]]
        for _ in range(rng.randint(2, 4)):
            x += dx * rng.uniform(35, 60) + rng.uniform(-15, 15)
            y += dy * rng.uniform(35, 60) + rng.uniform(-15, 15)
            refs.append(m.node(x, y))
        m.way(refs, {"highway": "residential", "name": f"Callejón {k + 1}", "noexit": "yes"})

    def spur(
        cell: tuple[int, int], dx: float, dy: float, length: float, name: str
    ) -> tuple[float, float]:
        x, y = spot[cell]
        refs = [grid[cell]]
        steps = max(2, int(length // 45))
        for _ in range(steps):
            x += dx * length / steps + rng.uniform(-6, 6)
            y += dy * length / steps + rng.uniform(-6, 6)
            refs.append(m.node(x, y))
        m.way(refs, {"highway": "service", "name": name})
        return x + dx * 25, y + dy * 25

    depot_xy = spur((ROWS // 2 - 3, COLUMNS // 2 + 2), 0.0, -1.0, 60, "Entrada al patio de la EPS")
    yard_xy = spur((ROWS // 2 + 4, COLUMNS - 1), 1.0, 0.0, 160, "Entrada al centro de acopio")

    # The road out of the barrio, south-west down the valley to the landfill (~4 km).
    x, y = spot[0, 0]
    refs = [grid[0, 0]]
    heading = math.radians(225)
    for _ in range(50):
        heading += rng.uniform(-0.18, 0.18)
        heading = min(max(heading, math.radians(195)), math.radians(255))
        x += 80 * math.cos(heading)
        y += 80 * math.sin(heading)
        refs.append(m.node(x, y))
    m.way(refs, {"highway": "secondary", "name": "Carretera al relleno sanitario"})
    end = (x, y)
    landfill_refs = [refs[-1]]
    for _ in range(3):
        x += rng.uniform(30, 45)
        y -= rng.uniform(20, 35)
        landfill_refs.append(m.node(x, y))
    m.way(landfill_refs, {"highway": "service", "name": "Acceso al relleno"})
    landfill_xy = (x + 20, y - 20)
    del end

    depot = m.coordinate(*depot_xy)
    yard = m.coordinate(*yard_xy)
    landfill = m.coordinate(*landfill_xy)
    m.node(*depot_xy, {SITE_KEY: "depot", "amenity": "parking", "name": "Patio de la EPS"})
    m.node(
        *yard_xy,
        {
            SITE_KEY: "recycling_yard",
            "amenity": "recycling",
            "recycling_type": "centre",
            "name": "Centro de acopio comunal",
        },
    )
    m.node(*landfill_xy, {SITE_KEY: "landfill", "landuse": "landfill", "name": "Relleno sanitario"})

    # Council centres: a near-square arrangement of cells over the grid, jittered.
    across = max(1, math.ceil(math.sqrt(councils * width / height)))
    down = math.ceil(councils / across)
    centres: list[Coordinate] = []
    for k in range(councils):
        row, col = divmod(k, across)
        cx = -width / 2 + (col + 0.5) * width / across + rng.uniform(-40, 40)
        cy = -height / 2 + (row + 0.5) * height / down + rng.uniform(-40, 40)
        cx, cy = warp(cx, cy)
        centres.append(m.coordinate(cx, cy))
        m.node(
            cx,
            cy,
            {COUNCIL_KEY: str(k + 1), "place": "neighbourhood", "name": f"Consejo comunal {k + 1}"},
        )

    coords = [m.coordinate(x, y) for _, x, y, _ in m.nodes]
    box = Bounds.around(coords)
    header = osmium.io.Header()
    header.set("generator", "comuna demo")
    header.add_box(
        osmium.osm.Box(
            osmium.osm.Location(box.west, box.south), osmium.osm.Location(box.east, box.north)
        )
    )
    path = Path(path)
    with osmium.SimpleWriter(str(path), header=header, overwrite=True) as writer:
        for (node_id, _, _, tags), place in zip(m.nodes, coords, strict=True):
            writer.add_node(
                osmium.osm.mutable.Node(
                    id=node_id, location=(place.lon, place.lat), tags=tags, version=1
                )
            )
        for way_id, refs, tags in m.ways:
            writer.add_way(osmium.osm.mutable.Way(id=way_id, nodes=refs, tags=tags, version=1))
    return DemoExtract(
        path=path,
        bounds=box,
        depot=depot,
        landfill=landfill,
        recycling_yard=yard,
        council_centres=tuple(centres),
        node_count=len(m.nodes),
        way_count=len(m.ways),
    )


def read_demo_sites(path: Path) -> tuple[dict[str, Coordinate], list[Coordinate]]:
    """The tagged sites (by kind) and council centres (in council order) of a demo extract."""
    sites: dict[str, Coordinate] = {}
    councils: dict[int, Coordinate] = {}
    for node in osmium.FileProcessor(str(path), osmium.osm.NODE).with_filter(
        osmium.filter.KeyFilter(SITE_KEY, COUNCIL_KEY)
    ):
        if not isinstance(node, osmium.osm.Node):
            continue
        c = Coordinate(node.location.lat, node.location.lon)
        if SITE_KEY in node.tags:
            sites[node.tags[SITE_KEY]] = c
        else:
            councils[int(node.tags[COUNCIL_KEY])] = c
    return sites, [councils[k] for k in sorted(councils)]


def demo_places(
    extract: DemoExtract | Path,
    n: int,
    *,
    seed: int = 11,
    network: StreetNetwork | None = None,
) -> DemoPlaces:
    """``n`` collection points a few metres off the streets, dealt round the councils in turn.

    Each point stands within 30 m of a street segment and belongs to the council whose centre
    is nearest (so councils are contiguous sectors of the barrio). Pass the ``network`` read
    from the extract to save reading it again.
    """
    if isinstance(extract, DemoExtract):
        path = extract.path
        sites = {
            "depot": extract.depot,
            "landfill": extract.landfill,
            "recycling_yard": extract.recycling_yard,
        }
        centres = list(extract.council_centres)
    else:
        path = Path(extract)
        sites, centres = read_demo_sites(path)
    net = network if network is not None else StreetNetwork.from_osm(path)
    rng = random.Random(seed)  # noqa: S311 - invented data

    def council_of(c: Coordinate) -> int:
        return min(range(len(centres)), key=lambda k: haversine_m(c, centres[k])) + 1

    # Each council's reach: a little less than the distance to its nearest neighbour, so
    # that its points stay in the barrio (not out on the road to the landfill).
    reach = [
        0.9 * min((haversine_m(c, o) for o in centres if o is not c), default=1200.0)
        for c in centres
    ]
    candidates: dict[int, list[tuple[Coordinate, Coordinate]]] = {}
    for k, centre in enumerate(centres, start=1):
        box = Bounds(centre.lat, centre.lon, centre.lat, centre.lon).expanded(reach[k - 1])
        candidates[k] = net.edges_within(box)
    points: list[DemoPlace] = []
    for i in range(n):
        council = i % len(centres) + 1
        centre = centres[council - 1]
        for _ in range(200):
            a, b = rng.choice(candidates[council])
            t = rng.random()
            lat = a.lat + (b.lat - a.lat) * t
            lon = a.lon + (b.lon - a.lon) * t
            off = rng.uniform(3, 25) / METRES_PER_DEGREE
            angle = rng.uniform(0, 2 * math.pi)
            c = Coordinate(
                round(lat + off * math.sin(angle), 7),
                round(lon + off * math.cos(angle) / math.cos(math.radians(lat)), 7),
            )
            if council_of(c) == council and haversine_m(c, centre) <= reach[council - 1]:
                break
        points.append(DemoPlace(council=council, coordinate=c))
    return DemoPlaces(
        points=tuple(points),
        depot=sites["depot"],
        landfill=sites["landfill"],
        recycling_yard=sites["recycling_yard"],
    )
