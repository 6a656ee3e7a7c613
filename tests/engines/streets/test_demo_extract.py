"""The demo's invented barrio reads back as a usable, connected street network."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from comuna.demo.street_extract import DemoExtract, demo_places, write_demo_extract
from comuna.engines.streets import Coordinate, StreetNetwork, haversine_m

CENTER = Coordinate(10.0700, -69.3200)  # a barrio of Barquisimeto


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> DemoExtract:
    return write_demo_extract(tmp_path_factory.mktemp("demo") / "barrio.osm", center=CENTER)


@pytest.fixture(scope="module")
def network(extract: DemoExtract) -> StreetNetwork:
    return StreetNetwork.from_osm(extract.path)


def test_the_demo_extract_is_a_barrio_a_few_kilometres_across(
    extract: DemoExtract, network: StreetNetwork
) -> None:
    b = network.bounds
    across = haversine_m(Coordinate(b.south, b.west), Coordinate(b.south, b.east))
    high = haversine_m(Coordinate(b.south, b.west), Coordinate(b.north, b.west))
    assert 3000 <= across <= 7000 and 3000 <= high <= 8000
    assert 2000 <= extract.node_count <= 8000
    assert haversine_m(network.bounds.center, CENTER) < 3000


def test_its_main_part_is_strongly_connected_and_holds_nearly_every_node(
    network: StreetNetwork,
) -> None:
    assert network.main_node_count >= 0.98 * network.node_count


def test_it_has_one_way_streets(network: StreetNetwork, extract: DemoExtract) -> None:
    got = demo_places(extract, 48, network=network)
    m = network.matrix([p.coordinate for p in got.points])
    assert any(m[i][j] != m[j][i] for i in range(48) for j in range(i))
    text = extract.path.read_text(encoding="utf-8")
    assert 'k="oneway" v="yes"' in text and 'k="oneway" v="-1"' in text
    assert 'v="primary"' in text and 'v="secondary"' in text


def test_places_spread_over_every_council_and_snap(
    extract: DemoExtract, network: StreetNetwork
) -> None:
    got = demo_places(extract, 300, seed=4, network=network)
    councils = Counter(p.council for p in got.points)
    assert sorted(councils) == list(range(1, 25))
    assert max(councils.values()) - min(councils.values()) <= 1
    everything = [got.depot, got.landfill, got.recycling_yard, *(p.coordinate for p in got.points)]
    assert len(network.snap(everything, max_snap_m=60)) == len(everything)
    m = network.matrix(everything)
    # The landfill is a few kilometres out along the road.
    assert 2500 <= m[0][1] <= 9000


def test_places_read_from_the_file_match_those_from_the_writer(
    extract: DemoExtract, network: StreetNetwork
) -> None:
    from_file = demo_places(extract.path, 50, seed=9, network=network)
    from_writer = demo_places(extract, 50, seed=9, network=network)
    assert from_file == from_writer


def test_the_same_seed_writes_the_same_file_and_another_seed_another(tmp_path: Path) -> None:
    a = write_demo_extract(tmp_path / "a.osm", center=CENTER, seed=3)
    b = write_demo_extract(tmp_path / "b.osm", center=CENTER, seed=3)
    c = write_demo_extract(tmp_path / "c.osm", center=CENTER, seed=4)
    assert a.path.read_bytes() == b.path.read_bytes()
    assert a.path.read_bytes() != c.path.read_bytes()


def test_it_writes_pbf_too(tmp_path: Path, extract: DemoExtract, network: StreetNetwork) -> None:
    pbf = write_demo_extract(tmp_path / "barrio.osm.pbf", center=CENTER)
    assert pbf.path.read_bytes()[4:20].find(b"OSMHeader") >= 0
    assert StreetNetwork.from_osm(pbf.path).fingerprint == network.fingerprint


def test_a_different_number_of_councils_is_honoured(tmp_path: Path) -> None:
    small = write_demo_extract(tmp_path / "small.osm", center=CENTER, councils=5)
    got = demo_places(small.path, 20)
    assert {p.council for p in got.points} == {1, 2, 3, 4, 5}
    with pytest.raises(ValueError):
        write_demo_extract(tmp_path / "none.osm", center=CENTER, councils=0)
