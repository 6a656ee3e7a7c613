"""Bad problems are refused with a ``RoutingError`` that names what is wrong."""

from __future__ import annotations

import dataclasses
import math

import pytest

from comuna.engines.routing import (
    InvalidItemError,
    InvalidProblemError,
    Point,
    Problem,
    RoutingError,
    Site,
    Vehicle,
    plan_day,
)
from tests.engines.routing.towns import town

GOOD = town(3, seed=1, allowance=2.0)


def changed(**fields: object) -> Problem:
    return dataclasses.replace(GOOD, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (changed(allowance_litres=-1.0), "allowance cannot be negative"),
        (changed(allowance_litres=math.nan), "allowance must be a number"),
        (changed(allowance_litres=math.inf), "allowance must be a number"),
        (changed(distances_m=[row[:-1] for row in GOOD.distances_m]), "not square"),
        (changed(distances_m=GOOD.distances_m[:-1]), "rows for 6 locations"),
        (
            changed(distances_m=[[-1, *row[1:]] for row in GOOD.distances_m]),
            "cannot be negative",
        ),
        (
            changed(distances_m=[[0.5, *row[1:]] for row in GOOD.distances_m]),
            "whole metres",
        ),
        (changed(vehicles=()), "no vehicle"),
        (changed(sites=()), "no unloading site"),
        (changed(unload_s=-5), "unloading time"),
        (changed(depot_key=""), "depot needs a key"),
    ],
)
def test_a_malformed_problem_is_refused(problem: Problem, message: str) -> None:
    with pytest.raises(InvalidProblemError, match=message):
        plan_day(problem)


@pytest.mark.parametrize(
    ("field", "item", "message"),
    [
        ("points", Point("p0", waste_kg=-3), "waste in kg must be at least 0"),
        ("points", Point("p0", waste_kg=10, weight=0), "kind weight must be a positive"),
        ("points", Point("p0", waste_kg=10, service_s=-1), "service time"),
        ("points", Point("p0", waste_kg=10, weight=1e9), "at most 100"),
        ("points", Point("p0", waste_kg=9999), "more than the biggest truck"),
        ("vehicles", Vehicle("truck-1", 0, 30.0), "capacity in kg must be at least 1"),
        ("vehicles", Vehicle("truck-1", 400, -2.0), "litres per 100 km"),
        ("vehicles", Vehicle("truck-1", 400, 30.0, speed_kmh=0), "speed"),
        ("vehicles", Vehicle("truck-1", 400, 30.0, shift_s=0), "shift"),
        ("sites", Site("landfill", opens_s=5000, closes_s=100), "closes before it opens"),
    ],
)
def test_a_malformed_item_is_refused_by_key(field: str, item: object, message: str) -> None:
    items = list(getattr(GOOD, field))
    items[0] = item
    with pytest.raises(InvalidItemError, match=message) as caught:
        plan_day(changed(**{field: tuple(items)}))
    assert caught.value.key == items[0].key


def test_a_key_used_twice_is_refused() -> None:
    points = (
        GOOD.points[0],
        dataclasses.replace(GOOD.points[1], key=GOOD.points[0].key),
        GOOD.points[2],
    )
    with pytest.raises(InvalidItemError, match="used more than once"):
        plan_day(changed(points=points))


@pytest.mark.parametrize("seed", [-1, 1.5, True])
def test_a_bad_seed_is_refused(seed: object) -> None:
    with pytest.raises(RoutingError, match="seed"):
        plan_day(GOOD, seed=seed)  # type: ignore[arg-type]


def test_a_bad_time_limit_is_refused() -> None:
    with pytest.raises(RoutingError, match="time limit"):
        plan_day(GOOD, time_limit_s=0)


def test_every_refusal_is_a_value_error() -> None:
    assert issubclass(RoutingError, ValueError)
