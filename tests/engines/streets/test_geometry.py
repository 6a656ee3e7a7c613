"""Coordinates, great-circle metres, the straight-line fallback, matrix keys and drawing."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from comuna.engines.streets import (
    BadCoordinate,
    Bounds,
    Coordinate,
    StreetError,
    haversine_m,
    matrix_key,
    project,
    straight_line_matrix,
)

CARACAS = Coordinate(10.5000, -66.9167)
BARQUISIMETO = Coordinate(10.0678, -69.3474)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(91, 0), (-90.5, 0), (0, 180.01), (0, -181), (math.nan, 0), (0, math.inf), (True, 0)],
)
def test_a_coordinate_out_of_range_is_refused(lat: float, lon: float) -> None:
    with pytest.raises(BadCoordinate) as caught:
        Coordinate(lat, lon)
    assert caught.value.code == "bad-coordinate"


def test_a_coordinate_rejects_text() -> None:
    with pytest.raises(BadCoordinate):
        Coordinate("10.5", -66.9)  # type: ignore[arg-type]


def test_haversine_gives_known_distances() -> None:
    assert haversine_m(Coordinate(10, -67), Coordinate(11, -67)) == pytest.approx(111_195, rel=1e-4)
    # Caracas to Barquisimeto is some 270 km as the crow flies.
    assert haversine_m(CARACAS, BARQUISIMETO) == pytest.approx(270_000, rel=0.02)
    assert haversine_m(CARACAS, CARACAS) == 0


def test_the_straight_line_matrix_is_the_distance_times_the_detour() -> None:
    places = [CARACAS, Coordinate(10.51, -66.91), Coordinate(10.49, -66.93)]
    m = straight_line_matrix(places, detour=1.4)
    for i, a in enumerate(places):
        for j, b in enumerate(places):
            assert m[i][j] == math.ceil(haversine_m(a, b) * 1.4 - 1e-6)
            assert m[i][j] == m[j][i]
    assert straight_line_matrix([]) == []
    assert straight_line_matrix([CARACAS]) == [[0]]


@pytest.mark.parametrize("detour", [0.9, math.nan, 11.0])
def test_a_detour_below_one_or_absurd_is_refused(detour: float) -> None:
    with pytest.raises(StreetError):
        straight_line_matrix([CARACAS], detour=detour)


def test_the_matrix_key_is_stable_and_sees_what_matters() -> None:
    places = [CARACAS, BARQUISIMETO]
    key = matrix_key(places, "abc", None)
    assert key == matrix_key([Coordinate(10.5, -66.9167), BARQUISIMETO], "abc", None)
    assert key != matrix_key(places[::-1], "abc", None)
    assert key != matrix_key(places, "abd", None)
    assert key != matrix_key(places[:1], "abc", None)
    # The detour matters only without a network.
    assert matrix_key(places, "abc", 1.3) == matrix_key(places, "abc", 1.5)
    assert matrix_key(places, None, 1.3) != matrix_key(places, None, 1.5)
    assert len(key) == 64


def test_bounds_are_checked_and_grow() -> None:
    with pytest.raises(BadCoordinate):
        Bounds(10.5, -66.9, 10.4, -66.8)
    box = Bounds(10.0, -67.0, 10.1, -66.9).expanded(1000)
    assert box.south == pytest.approx(10.0 - 1000 / 111_195, rel=1e-4)
    assert box.contains(Coordinate(10.05, -66.95))
    assert not box.contains(Coordinate(10.2, -66.95))
    with pytest.raises(StreetError):
        Bounds.around([])


def test_project_fits_the_box_with_north_up() -> None:
    places = [Coordinate(10.50, -66.92), Coordinate(10.52, -66.90), Coordinate(10.51, -66.95)]
    xy = project(places, 300, 200, 10)
    assert all(10 - 1e-9 <= x <= 290 + 1e-9 and 10 - 1e-9 <= y <= 190 + 1e-9 for x, y in xy)
    # North is up (smaller y), east is right (larger x).
    assert xy[1][1] < xy[0][1] and xy[1][0] > xy[0][0]
    # The same scale both ways: one side touches the margins.
    xs, ys = [x for x, _ in xy], [y for _, y in xy]
    assert math.isclose(max(xs) - min(xs), 280) or math.isclose(max(ys) - min(ys), 180)
    # Scale true to the ground: east-west metres / north-south metres is kept.
    ground = haversine_m(places[2], Coordinate(10.51, -66.90)) / haversine_m(
        Coordinate(10.50, -66.92), Coordinate(10.52, -66.92)
    )
    assert (xy[1][0] - xy[2][0]) / (xy[0][1] - xy[1][1]) == pytest.approx(ground, rel=1e-3)


def test_project_centres_a_single_place_and_handles_nothing() -> None:
    assert project([CARACAS], 100, 80, 5) == [(50.0, 40.0)]
    assert project([], 100, 80, 5) == []
    with pytest.raises(StreetError):
        project([CARACAS], 10, 10, 5)


def test_project_can_fit_a_given_box() -> None:
    box = Bounds(10.0, -67.0, 10.1, -66.9)
    [(x, y)] = project([Coordinate(10.1, -67.0)], 100, 100, 0, bounds=box)
    # The box is narrower on the ground than tall (cos 10°), so it is centred across.
    narrow = math.cos(math.radians(10.05))
    assert (x, y) == pytest.approx(((100 - 100 * narrow) / 2, 0.0), abs=1e-9)


def test_a_coordinate_takes_decimals_as_a_database_gives_them() -> None:
    c = Coordinate(Decimal("10.4640000"), Decimal("-66.9800000"))  # type: ignore[arg-type]
    assert c == Coordinate(10.464, -66.98)
    assert isinstance(c.lat, float) and isinstance(c.lon, float)
    with pytest.raises(BadCoordinate):
        Coordinate(Decimal("NaN"), 0)  # type: ignore[arg-type]
