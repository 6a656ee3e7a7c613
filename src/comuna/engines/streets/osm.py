"""Reading the drivable streets out of an OpenStreetMap file with pyosmium.

Only ways tagged ``highway`` with a value a truck may drive (``DRIVABLE``; ``track`` on
request) are read; ``access=no|private`` and ``motor_vehicle=no`` / ``vehicle=no`` ways and
``area=yes`` squares are left out. One-way streets follow OSM's rules: ``oneway=yes|true|1``
forwards, ``oneway=-1|reverse`` backwards, motorways and roundabouts one-way unless
``oneway=no``; ``oneway=reversible|alternating`` streets are left out (their direction
changes with the hour). Ways whose nodes are missing from the file (clipped extracts) are
cut where the nodes are missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import osmium

from comuna.engines.streets.errors import BadExtract

DRIVABLE = frozenset(
    {
        "motorway",
        "motorway_link",
        "trunk",
        "trunk_link",
        "primary",
        "primary_link",
        "secondary",
        "secondary_link",
        "tertiary",
        "tertiary_link",
        "unclassified",
        "residential",
        "living_street",
        "service",
        "road",
    }
)
FORWARD = frozenset({"yes", "true", "1"})
BACKWARD = frozenset({"-1", "reverse"})
CHANGING = frozenset({"reversible", "alternating"})
CLOSED = frozenset({"no", "private"})
# Nobody stops on these to set out or pick up waste: places do not snap to them.
NO_STOPPING = frozenset({"motorway", "motorway_link"})


@dataclass
class RawStreets:
    """Street nodes (in order of first use) and way segments between them, by node index."""

    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    # (from, to, may drive from→to, may drive to→from, a truck may stop on it)
    segments: list[tuple[int, int, bool, bool, bool]] = field(default_factory=list)


def sniff_format(path: Path) -> str:
    """The osmium format string for a file, from its first bytes rather than its name.

    The app stores uploads under its own names, so the suffix cannot be trusted.
    """
    with path.open("rb") as f:
        head = f.read(64)
    if head.startswith(b"\x1f\x8b"):
        return "osm.gz"
    if head.startswith(b"BZh"):
        return "osm.bz2"
    if b"OSMHeader" in head[:32]:
        return "pbf"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return "osm"
    raise BadExtract(
        "The file is neither OpenStreetMap XML (.osm) nor PBF (.osm.pbf).", reason="unreadable"
    )


def directions(
    tags: dict[str, str], drivable: frozenset[str] = DRIVABLE
) -> tuple[bool, bool] | None:
    """Which ways a street may be driven (forwards, backwards), or None to leave it out."""
    highway = tags.get("highway", "")
    if highway not in drivable:
        return None
    if tags.get("area") == "yes":
        return None
    if tags.get("access") in CLOSED or "no" in (tags.get("motor_vehicle"), tags.get("vehicle")):
        return None
    oneway = tags.get("oneway", "")
    if oneway in CHANGING:
        return None
    if oneway in FORWARD:
        return True, False
    if oneway in BACKWARD:
        return False, True
    if oneway != "no" and (
        highway in {"motorway", "motorway_link"}
        or tags.get("junction") in {"roundabout", "circular"}
    ):
        return True, False
    return True, True


def read_streets(path: Path, *, max_nodes: int, tracks: bool) -> RawStreets:
    """The drivable street nodes and segments of an OSM file (XML or PBF, plain or compressed)."""
    fmt = sniff_format(path)
    raw = RawStreets()
    index: dict[int, int] = {}
    drivable = DRIVABLE | {"track"} if tracks else DRIVABLE
    try:
        processor = (
            osmium.FileProcessor(osmium.io.File(str(path), fmt), osmium.osm.NODE | osmium.osm.WAY)
            .with_locations()
            .with_filter(osmium.filter.KeyFilter("highway"))
        )
        for obj in processor:
            if not isinstance(obj, osmium.osm.Way):
                continue
            tags = {t.k: t.v for t in obj.tags}
            way = directions(tags, drivable)
            if way is None:
                continue
            stops = tags["highway"] not in NO_STOPPING
            previous: int | None = None
            for ref in obj.nodes:
                if not ref.location.valid():
                    previous = None
                    continue
                i = index.get(ref.ref)
                if i is None:
                    if len(index) >= max_nodes:
                        raise BadExtract(
                            f"The extract has more than {max_nodes} street nodes: export a "
                            "smaller area.",
                            reason="too-many-nodes",
                        )
                    i = index[ref.ref] = len(raw.lat)
                    raw.lat.append(ref.location.lat)
                    raw.lon.append(ref.location.lon)
                if previous is not None and previous != i:
                    raw.segments.append((previous, i, way[0], way[1], stops))
                previous = i
    except BadExtract:
        raise
    except (RuntimeError, ValueError, OSError, KeyError) as exc:
        raise BadExtract(
            f"The file could not be read as an OpenStreetMap extract ({exc}).", reason="unreadable"
        ) from exc
    if not raw.segments:
        raise BadExtract(
            "The extract holds no streets a vehicle can drive (no highway=residential, "
            "primary, service… ways).",
            reason="no-streets",
        )
    return raw
