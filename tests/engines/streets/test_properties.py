"""Invariants, by Hypothesis: the street matrix is a distance, keys see every move."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comuna.demo.street_extract import write_demo_extract
from comuna.engines.streets import (
    Coordinate,
    StreetNetwork,
    haversine_m,
    matrix_key,
    straight_line_matrix,
)
from tests.engines.streets.tiny import TINY_OSM


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> StreetNetwork:
    path = tmp_path_factory.mktemp("streets") / "barrio.osm"
    write_demo_extract(path, center=Coordinate(10.46, -66.98))
    return StreetNetwork.from_osm(path)


@pytest.fixture(scope="module")
def tiny_network(tmp_path_factory: pytest.TempPathFactory) -> StreetNetwork:
    path = tmp_path_factory.mktemp("streets") / "tiny.osm"
    path.write_text(TINY_OSM, encoding="utf-8")
    return StreetNetwork.from_osm(path)


def places(
    south: float, west: float, north: float, east: float, most: int
) -> st.SearchStrategy[list[Coordinate]]:
    return st.lists(
        st.builds(
            Coordinate,
            st.floats(south, north, allow_nan=False),
            st.floats(west, east, allow_nan=False),
        ),
        min_size=1,
        max_size=most,
    )


def assert_a_distance(m: list[list[int]]) -> None:
    n = len(m)
    assert all(len(row) == n for row in m)
    for i in range(n):
        assert m[i][i] == 0
        for j in range(n):
            assert m[i][j] >= 0
            for k in range(n):
                assert m[i][k] <= m[i][j] + m[j][k], (i, j, k)


@settings(max_examples=40, deadline=None)
@given(coords=places(10.44, -67.00, 10.48, -66.965, 12))
def test_the_demo_matrix_obeys_the_triangle_inequality(
    demo: StreetNetwork, coords: list[Coordinate]
) -> None:
    m = demo.matrix(coords, max_snap_m=2000)
    assert_a_distance(m)
    # No street beats the crow: every leg of a path is a straight line on the sphere.
    for i, a in enumerate(coords):
        for j, b in enumerate(coords):
            assert m[i][j] >= haversine_m(a, b) - 0.01


@settings(max_examples=60, deadline=None)
@given(coords=places(10.4995, -66.9005, 10.5014, -66.8985, 8))
def test_the_one_way_block_obeys_the_triangle_inequality(
    tiny_network: StreetNetwork, coords: list[Coordinate]
) -> None:
    assert_a_distance(tiny_network.matrix(coords))


@settings(max_examples=60, deadline=None)
@given(coords=places(10.0, -69.0, 10.5, -67.0, 8), detour=st.floats(1.0, 3.0))
def test_the_straight_line_matrix_is_a_symmetric_distance(
    coords: list[Coordinate], detour: float
) -> None:
    m = straight_line_matrix(coords, detour=detour)
    assert_a_distance(m)
    assert all(m[i][j] == m[j][i] for i in range(len(m)) for j in range(len(m)))


@settings(max_examples=100, deadline=None)
@given(
    coords=places(10.0, -69.0, 10.5, -67.0, 10),
    which=st.integers(0, 9),
    dlat=st.floats(1e-6, 1e-2) | st.floats(-1e-2, -1e-6),
    dlon=st.floats(-1e-2, 1e-2),
    fingerprint=st.sampled_from([None, "f" * 64]),
)
def test_the_matrix_key_changes_when_a_place_moves_and_only_then(
    coords: list[Coordinate], which: int, dlat: float, dlon: float, fingerprint: str | None
) -> None:
    key = matrix_key(coords, fingerprint, 1.3)
    assert matrix_key([Coordinate(c.lat, c.lon) for c in coords], fingerprint, 1.3) == key
    i = which % len(coords)
    moved = list(coords)
    moved[i] = Coordinate(coords[i].lat + dlat, coords[i].lon + dlon)
    assert matrix_key(moved, fingerprint, 1.3) != key
