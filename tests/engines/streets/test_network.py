"""The street network read from a hand-written extract: what is read, matrices, paths, limits."""

from __future__ import annotations

import bz2
import gzip
import itertools
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import osmium
import pytest

from comuna.engines.streets import (
    BadExtract,
    Bounds,
    Coordinate,
    NotConnected,
    OutsideNetwork,
    StreetError,
    StreetNetwork,
    haversine_m,
)
from tests.engines.streets.tiny import ARCS, NODES, at


def brute_force_m(origin: int, destination: int) -> float:
    """Shortest length by trying every simple path over the drawn arcs (a tiny graph)."""
    best = math.inf
    nodes = sorted({a for a, _ in ARCS} - {origin, destination})
    for k in range(len(nodes) + 1):
        for middle in itertools.permutations(nodes, k):
            walk = [origin, *middle, destination]
            if all((a, b) in ARCS for a, b in itertools.pairwise(walk)):
                length = sum(haversine_m(at(a), at(b)) for a, b in itertools.pairwise(walk))
                best = min(best, length)
    return best


def test_it_reads_only_the_streets_a_truck_may_drive(tiny: StreetNetwork) -> None:
    # Node 5 is reached only by a footway and a private drive: not part of the network.
    assert tiny.snap([at(5)]) == tiny.snap([at(4)])
    assert tiny.node_count > 6  # 1-4, 20, 21 and the nodes added along long segments
    assert tiny.main_node_count < tiny.node_count  # the far fragment is not the main part
    assert tiny.total_km == pytest.approx(0.099 * 2 + 0.11 * 2 + 0.11, rel=0.05)


def test_it_ignores_a_way_whose_node_is_missing_from_the_file(tiny: StreetNetwork) -> None:
    # Way 17 points at node 99, which the file lacks (a clipped export): nothing breaks.
    assert tiny.snap([at(1)]) != []


def test_the_matrix_matches_a_brute_force_over_the_drawn_streets(tiny: StreetNetwork) -> None:
    block = [1, 2, 3, 4]
    m = tiny.matrix([at(k) for k in block])
    for (i, a), (j, b) in itertools.product(enumerate(block), repeat=2):
        expected = 0 if a == b else brute_force_m(a, b)
        assert abs(m[i][j] - expected) <= 1, (a, b, m[i][j], expected)


def test_one_way_streets_make_the_matrix_directed(tiny: StreetNetwork) -> None:
    m = tiny.matrix([at(1), at(2)])
    assert m[0][1] == pytest.approx(haversine_m(at(1), at(2)), abs=1)
    # Back from 2 to 1 the truck goes round by 3 and 4.
    assert m[1][0] > 2 * m[0][1]


def test_the_walk_to_the_street_is_added_at_both_ends(tiny: StreetNetwork) -> None:
    south_of_1 = Coordinate(10.5000 - 30 / 111_195, -66.9000)  # 30 m off the block
    m = tiny.matrix([south_of_1, at(2)])
    assert m[0][1] == pytest.approx(30 + haversine_m(at(1), at(2)), abs=1)
    assert m[1][0] == pytest.approx(30 + brute_force_m(2, 1), abs=1)


def test_two_places_on_the_same_node_are_apart_by_their_walks(tiny: StreetNetwork) -> None:
    m = tiny.matrix([at(1), at(1)])
    assert m == [[0, 0], [0, 0]]


def test_an_empty_list_gives_an_empty_matrix(tiny: StreetNetwork) -> None:
    assert tiny.matrix([]) == []
    assert tiny.snap([]) == []


def test_outside_network_names_the_first_bad_place_and_all_of_them(tiny: StreetNetwork) -> None:
    far = Coordinate(10.60, -66.90)
    with pytest.raises(OutsideNetwork) as caught:
        tiny.matrix([at(1), far, at(2), Coordinate(10.40, -66.90)])
    assert caught.value.index == 1
    assert caught.value.indices == (1, 3)
    assert caught.value.code == "outside-network"
    assert "Place 1" in str(caught.value)
    assert isinstance(caught.value, StreetError) and isinstance(caught.value, ValueError)


def test_the_snapping_distance_is_the_callers(tiny: StreetNetwork) -> None:
    south_of_1 = Coordinate(10.5000 - 30 / 111_195, -66.9000)
    with pytest.raises(OutsideNetwork):
        tiny.snap([south_of_1], max_snap_m=20)
    assert tiny.snap([south_of_1], max_snap_m=40) == tiny.snap([at(1)])
    with pytest.raises(StreetError):
        tiny.snap([south_of_1], max_snap_m=-1)


def test_places_snap_to_the_main_network_not_to_a_cut_off_fragment(tiny: StreetNetwork) -> None:
    # The fragment 20-21 is 1.5 km from the block: by default it is not a street to snap to.
    with pytest.raises(OutsideNetwork):
        tiny.matrix([at(1), at(20)])


def test_not_connected_names_the_pair_when_fragments_are_allowed(tiny: StreetNetwork) -> None:
    with pytest.raises(NotConnected) as caught:
        tiny.matrix([at(1), at(2), at(20)], main_only=False)
    assert caught.value.pair == (0, 2)
    assert set(caught.value.pairs) == {(0, 2), (1, 2), (2, 0), (2, 1)}
    assert caught.value.code == "not-connected"


def test_the_path_follows_the_streets_and_one_way_rules(tiny: StreetNetwork) -> None:
    there = tiny.path(at(1), at(2))
    back = tiny.path(at(2), at(1))
    assert there[0] == at(1) and there[-1] == at(2)
    assert max(c.lat for c in there) == pytest.approx(10.5000)
    # Back goes up by 3 and across by 4.
    assert max(c.lat for c in back) == pytest.approx(10.5009)
    length = sum(haversine_m(a, b) for a, b in itertools.pairwise(back))
    assert length == pytest.approx(tiny.matrix([at(2), at(1)])[0][1], abs=1)


def test_a_route_path_joins_its_legs(tiny: StreetNetwork) -> None:
    line = tiny.route_path([at(1), at(2), at(4)])
    assert line[0] == at(1) and line[-1] == at(4)
    assert at(3) in line
    assert tiny.route_path([at(1)]) == [at(1)]


def test_edges_within_gives_each_segment_once_and_simplifies(tiny: StreetNetwork) -> None:
    box = Bounds(10.4995, -66.9005, 10.5012, -66.8985)
    edges = tiny.edges_within(box)
    assert len(edges) == 4  # the block's four sides, as drawn in the file
    assert tiny.edges_within(Bounds(10.0, -67.5, 10.1, -67.4)) == []
    assert len(tiny.edges_within(box, simplify_m=500)) <= 1


def test_bounds_hold_every_street(tiny: StreetNetwork) -> None:
    b = tiny.bounds
    assert (b.south, b.west, b.north, b.east) == (10.5, -66.91, 10.51, -66.899)
    # Each side is cut into 3 pieces of ≤ 40 m: one-way sides once, two-way sides twice.
    assert tiny.edge_count == 3 + 6 + 3 + 6 + 6


def test_a_saved_network_loads_to_the_same_matrix(tiny: StreetNetwork, tmp_path: Path) -> None:
    saved = tmp_path / "streets.npz"
    tiny.save(saved)
    loaded = StreetNetwork.load(saved)
    places = [at(1), at(2), at(3), at(5)]
    assert loaded.matrix(places) == tiny.matrix(places)
    assert loaded.fingerprint == tiny.fingerprint
    assert loaded.node_count == tiny.node_count and loaded.edge_count == tiny.edge_count
    with np.load(saved, allow_pickle=False) as data:
        assert all(data[k].dtype != object for k in data.files)


def test_a_damaged_saved_network_is_refused(tiny: StreetNetwork, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"not a numpy archive")
    with pytest.raises(BadExtract) as caught:
        StreetNetwork.load(garbage)
    assert caught.value.reason == "bad-saved-network"
    single = tmp_path / "single.npy"
    np.save(single, np.zeros(3))
    with pytest.raises(BadExtract):
        StreetNetwork.load(single)
    cut = tmp_path / "cut.npz"
    tiny.save(cut)
    cut.write_bytes(cut.read_bytes()[:200])
    with pytest.raises(BadExtract):
        StreetNetwork.load(cut)
    other = tmp_path / "other.npz"
    np.savez(other, lat=np.zeros(2))
    with pytest.raises(BadExtract):
        StreetNetwork.load(other)
    broken = tmp_path / "broken.npz"
    tiny.save(broken)
    with np.load(broken) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["src"][0] = 10_000
    np.savez(broken, **arrays)
    with pytest.raises(BadExtract):
        StreetNetwork.load(broken)


def test_a_pbf_export_reads_the_same_as_the_xml(tiny_path: Path, tmp_path: Path) -> None:
    pbf = tmp_path / "tiny.osm.pbf"
    with osmium.SimpleWriter(str(pbf)) as writer:
        for obj in osmium.FileProcessor(str(tiny_path)):
            if isinstance(obj, osmium.osm.Node):
                writer.add_node(obj)
            elif isinstance(obj, osmium.osm.Way):
                writer.add_way(obj)
    places = [at(1), at(2), at(3), at(4)]
    xml_net = StreetNetwork.from_osm(tiny_path)
    pbf_net = StreetNetwork.from_osm(pbf)
    assert pbf_net.matrix(places) == xml_net.matrix(places)
    assert pbf_net.fingerprint == xml_net.fingerprint


def test_the_format_is_read_from_the_content_not_the_name(tiny_path: Path, tmp_path: Path) -> None:
    stored = tmp_path / "upload-3f2a"
    stored.write_bytes(tiny_path.read_bytes())
    assert (
        StreetNetwork.from_osm(stored).fingerprint == StreetNetwork.from_osm(tiny_path).fingerprint
    )


def test_tracks_are_read_only_on_request(tmp_path: Path) -> None:
    path = tmp_path / "track.osm"
    path.write_text(
        '<?xml version="1.0"?><osm version="0.6">'
        '<node id="1" version="1" lat="10.5" lon="-66.9"/>'
        '<node id="2" version="1" lat="10.501" lon="-66.9"/>'
        '<way id="3" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="track"/></way>'
        "</osm>",
        encoding="utf-8",
    )
    with pytest.raises(BadExtract):
        StreetNetwork.from_osm(path)
    assert StreetNetwork.from_osm(path, tracks=True).node_count >= 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "unreadable"),
        (b"\x00\x01\x02 certainly not a map", "unreadable"),
        (b'<?xml version="1.0"?><osm version="0.6"><node id="1" lat=', "unreadable"),
        (b"<html><body>Sorry, too many nodes</body></html>", "unreadable"),
        (
            b'<?xml version="1.0"?><osm version="0.6">'
            b'<node id="1" version="1" lat="10.5" lon="-66.9"/>'
            b'<node id="2" version="1" lat="10.501" lon="-66.9"/>'
            b'<way id="3" version="1"><nd ref="1"/><nd ref="2"/>'
            b'<tag k="highway" v="footway"/></way></osm>',
            "no-streets",
        ),
        (b'<?xml version="1.0"?><osm version="0.6"></osm>', "no-streets"),
    ],
)
def test_a_file_that_is_not_a_usable_extract_is_refused(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "extract.osm"
    path.write_bytes(content)
    with pytest.raises(BadExtract) as caught:
        StreetNetwork.from_osm(path)
    assert caught.value.reason == reason
    assert caught.value.code == "bad-extract"


def test_the_size_limits_are_kept(tiny_path: Path, tmp_path: Path) -> None:
    with pytest.raises(BadExtract) as caught:
        StreetNetwork.from_osm(tiny_path, max_bytes=100)
    assert caught.value.reason == "too-big-file"
    with pytest.raises(BadExtract) as caught:
        StreetNetwork.from_osm(tiny_path, max_nodes=3)
    assert caught.value.reason == "too-many-nodes"
    with pytest.raises(BadExtract) as caught:
        StreetNetwork.from_osm(tmp_path / "missing.osm")
    assert caught.value.reason == "missing-file"
    with pytest.raises(BadExtract) as caught:
        StreetNetwork.from_osm(tmp_path)
    assert caught.value.reason == "missing-file"


def test_node_coordinates_come_back_as_coordinates(tiny: StreetNetwork) -> None:
    [node] = tiny.snap([at(2)])
    assert tiny.coordinate(node) == at(2)
    assert NODES[2] == (at(2).lat, at(2).lon)


def test_the_distance_to_the_street_is_told_without_refusing(tiny: StreetNetwork) -> None:
    south_of_1 = Coordinate(10.5000 - 30 / 111_195, -66.9000)
    near, far = tiny.street_distance_m([south_of_1, Coordinate(10.60, -66.90)])
    assert near == pytest.approx(30, abs=0.5)
    assert far > 10_000


@pytest.mark.parametrize("packer", [gzip.compress, bz2.compress])
def test_a_compressed_xml_export_reads_the_same(
    tiny_path: Path, tmp_path: Path, packer: Callable[[bytes], bytes]
) -> None:
    packed = tmp_path / "tiny.osm.packed"
    packed.write_bytes(packer(tiny_path.read_bytes()))
    assert (
        StreetNetwork.from_osm(packed).fingerprint == StreetNetwork.from_osm(tiny_path).fingerprint
    )


def test_the_matrix_holds_plain_python_ints(tiny: StreetNetwork) -> None:
    m = tiny.matrix([at(1), at(2), at(3)])
    assert all(type(v) is int for row in m for v in row)


def motorway_beside_a_street(tmp_path: Path, with_street: bool) -> StreetNetwork:
    street = (
        '<node id="3" version="1" lat="10.5015" lon="-66.900"/>'
        '<node id="4" version="1" lat="10.5015" lon="-66.890"/>'
        '<way id="6" version="1"><nd ref="3"/><nd ref="4"/>'
        '<tag k="highway" v="residential"/></way>'
    )
    path = tmp_path / "motorway.osm"
    path.write_text(
        '<?xml version="1.0"?><osm version="0.6">'
        '<node id="1" version="1" lat="10.5" lon="-66.900"/>'
        '<node id="2" version="1" lat="10.5" lon="-66.890"/>'
        '<way id="5" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="motorway"/></way>'
        f"{street if with_street else ''}</osm>",
        encoding="utf-8",
    )
    return StreetNetwork.from_osm(path)


def test_places_do_not_snap_onto_a_motorway(tmp_path: Path) -> None:
    net = motorway_beside_a_street(tmp_path, with_street=True)
    beside = Coordinate(10.5002, -66.895)  # 22 m from the motorway, 144 m from the street
    [metres] = net.street_distance_m([beside], main_only=False)
    assert metres == pytest.approx(144, abs=2)


def test_with_only_a_motorway_places_snap_to_it(tmp_path: Path) -> None:
    net = motorway_beside_a_street(tmp_path, with_street=False)
    [metres] = net.street_distance_m([Coordinate(10.5002, -66.895)], main_only=False)
    assert metres < 30
