"""A route drawn on the streets, fitted to a phone's width or a printed sheet."""

from __future__ import annotations

import pytest

from comuna.demo.street_extract import DemoPlaces, demo_places, write_demo_extract
from comuna.engines.streets import Coordinate, StreetNetwork, route_drawing


@pytest.fixture(scope="module")
def barrio(tmp_path_factory: pytest.TempPathFactory) -> tuple[StreetNetwork, DemoPlaces]:
    extract = write_demo_extract(tmp_path_factory.mktemp("draw") / "barrio.osm")
    network = StreetNetwork.from_osm(extract.path)
    return network, demo_places(extract, 48, network=network)


def inside(point: tuple[float, float], width: float, height: float) -> bool:
    x, y = point
    return -1e-6 <= x <= width + 1e-6 and -1e-6 <= y <= height + 1e-6


def test_the_route_follows_the_streets_inside_the_box(
    barrio: tuple[StreetNetwork, DemoPlaces],
) -> None:
    network, places = barrio
    stops = [places.depot, *(p.coordinate for p in places.points[:6]), places.depot]
    drawing = route_drawing(stops, network=network, width=390, height=300, max_streets=800)
    assert len(drawing.stops) == len(stops)
    assert len(drawing.line) > len(stops)  # it bends along the streets
    assert drawing.line[0] == drawing.stops[0] and drawing.line[-1] == drawing.stops[-1]
    assert 0 < len(drawing.streets) <= 800
    every = [*drawing.line, *drawing.stops, *(p for s in drawing.streets for p in s)]
    assert all(inside(p, 390, 300) for p in every)


def test_without_a_network_the_stops_are_joined_straight() -> None:
    stops = [Coordinate(10.46, -66.98), Coordinate(10.47, -66.97), Coordinate(10.465, -66.99)]
    drawing = route_drawing(stops, network=None, width=200, height=200, margin=10)
    assert drawing.streets == []
    assert drawing.line == drawing.stops
    assert all(inside(p, 200, 200) for p in drawing.stops)


def test_no_stops_draws_nothing() -> None:
    drawing = route_drawing([], network=None, width=100, height=100)
    assert (drawing.streets, drawing.line, drawing.stops) == ([], [], [])
