"""A tiny hand-written street extract: a block with one-way sides, paths that are not streets,
and a far fragment cut off from the rest.

    4 ────── 3        1 → 2 one way (oneway=yes); 3 → 4 one way (way drawn 4,3 with oneway=-1);
    │        │        2–3 and 4–1 both ways; 4–5 a footway and a private drive (not streets);
    1 ──→─── 2        20–21 a street on its own, 1.5 km away.
"""

from __future__ import annotations

from comuna.engines.streets import Coordinate

NODES = {
    1: (10.5000, -66.9000),
    2: (10.5000, -66.8990),
    3: (10.5009, -66.8990),
    4: (10.5009, -66.9000),
    5: (10.5018, -66.9000),
    20: (10.5100, -66.9100),
    21: (10.5100, -66.9090),
}

TINY_OSM = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
  <bounds minlat="10.4990" minlon="-66.9110" maxlat="10.5110" maxlon="-66.8980"/>
{nodes}
  <way id="10" version="1"><nd ref="1"/><nd ref="2"/>
    <tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
  <way id="11" version="1"><nd ref="2"/><nd ref="3"/><tag k="highway" v="tertiary"/></way>
  <way id="12" version="1"><nd ref="4"/><nd ref="3"/>
    <tag k="highway" v="residential"/><tag k="oneway" v="-1"/></way>
  <way id="13" version="1"><nd ref="4"/><nd ref="1"/><tag k="highway" v="unclassified"/></way>
  <way id="14" version="1"><nd ref="4"/><nd ref="5"/><tag k="highway" v="footway"/></way>
  <way id="15" version="1"><nd ref="5"/><nd ref="4"/>
    <tag k="highway" v="service"/><tag k="access" v="private"/></way>
  <way id="16" version="1"><nd ref="20"/><nd ref="21"/><tag k="highway" v="residential"/></way>
  <way id="17" version="1"><nd ref="1"/><nd ref="99"/><tag k="highway" v="residential"/></way>
</osm>
""".replace(
    "{nodes}",
    "\n".join(
        f'  <node id="{k}" version="1" lat="{lat}" lon="{lon}"/>' for k, (lat, lon) in NODES.items()
    ),
)

# The directed streets as drawn above, for a brute-force check that knows nothing of the engine.
ARCS = [(1, 2), (2, 3), (3, 2), (3, 4), (4, 1), (1, 4), (20, 21), (21, 20)]


def at(node: int) -> Coordinate:
    return Coordinate(*NODES[node])
