"""The month's figures, on a month made by hand (``factories_report.november``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from comuna.waste.reporting.estimate import ration_outcome, ration_outcomes
from comuna.waste.reporting.selectors import (
    MonthReport,
    month_report,
    public_waste_figures,
    wait_bands,
)
from tests.conftest import World
from tests.waste.factories_report import (
    NOVEMBER,
    make_enterprise,
    make_log,
    make_plan,
    make_point,
    make_route,
    november,
)


@pytest.fixture
def report(world: World) -> MonthReport:
    enterprise = november(world.commune, world.council, world.other_council)
    return month_report(enterprise, dt.date(2026, 11, 17))


def test_each_day_counts_what_was_logged_else_what_was_planned(report: MonthReport) -> None:
    second, fifth = report.days
    assert (second.date, second.logged, second.kg, second.litres_ml) == (
        dt.date(2026, 11, 2),
        True,
        170,
        16_000,
    )
    # The point the crew missed is left for another day, with the two the plan left.
    assert (second.points_served, second.points_left) == (2, 3)
    assert (fifth.logged, fifth.kg, fifth.litres_ml, fifth.points_served, fifth.points_left) == (
        False,
        200,
        18_000,
        3,
        1,
    )


def test_a_replaced_plan_and_the_months_around_count_for_nothing(report: MonthReport) -> None:
    assert [day.date.day for day in report.days] == [2, 5]
    assert (report.start, report.end) == (NOVEMBER, dt.date(2026, 11, 30))


def test_the_month_adds_up_kg_litres_and_points(report: MonthReport) -> None:
    assert report.kg == 370
    assert report.litres_ml == 34_000
    assert report.allowance_ml == 40_000
    assert report.services == 5
    assert report.points_left == 4
    assert (report.points, report.points_served, report.points_never_served) == (4, 3, 1)
    assert report.litres_per_tonne == Decimal("91.9")


def test_the_ration_is_the_diesel_received_in_the_month_and_the_need_the_plans_say(
    report: MonthReport,
) -> None:
    assert report.received_ml == 30_000
    assert report.need_ml == 80_000
    assert report.gap_ml == 50_000


def test_a_point_waited_from_its_service_before_even_in_the_month_before(
    report: MonthReport,
) -> None:
    # P1: 30 Oct → 2 Nov → 5 Nov; P2: 20 Oct → 5 Nov (missed on the 2nd); P3: 2 → 5 Nov.
    assert sorted(report.waits) == [3, 3, 3, 16]
    assert report.mean_wait == Decimal("6.3")
    assert report.max_wait == 16
    assert [(band.label, band.count) for band in report.bands] == [
        ("1", 0),
        ("2", 0),
        ("3", 3),
        ("4–7", 0),
        ("8–14", 0),
        ("15+", 1),
    ]


def test_each_council_has_its_points_services_kg_and_waits(report: MonthReport) -> None:
    first, second = report.councils
    assert (first.code, first.points, first.points_served, first.services, first.kg) == (
        "CC01",
        2,
        2,
        3,
        270,
    )
    assert (first.mean_wait, first.max_wait) == (Decimal("7.3"), 16)
    assert (second.code, second.points, second.points_served, second.services, second.kg) == (
        "CC02",
        2,
        1,
        2,
        100,
    )
    assert (second.mean_wait, second.max_wait) == (Decimal("3.0"), 3)


def test_a_month_with_no_plan_is_empty(world: World) -> None:
    report = month_report(make_enterprise(world.commune), NOVEMBER)
    assert report.is_empty
    assert (report.kg, report.litres_per_tonne, report.mean_wait) == (0, None, None)


def test_a_ration_half_way_to_the_need_serves_half_the_point_days_left(
    report: MonthReport,
) -> None:
    half = ration_outcome(report, 55_000)
    assert (half.share, half.services, half.kg, half.mean_wait) == (
        Decimal("0.5"),
        7,
        518,
        Decimal("4.5"),
    )
    assert half.estimated


def test_the_need_serves_every_point_day_and_the_current_ration_what_it_did(
    report: MonthReport,
) -> None:
    keyed = dict(ration_outcomes(report, 55_000))
    assert list(keyed) == ["current", "asked", "need"]
    assert (keyed["current"].services, keyed["current"].kg, keyed["current"].estimated) == (
        5,
        370,
        False,
    )
    assert (keyed["need"].services, keyed["need"].kg, keyed["need"].mean_wait) == (
        9,
        666,
        Decimal("3.5"),
    )
    # Above the need, nothing more to serve.
    assert ration_outcome(report, 200_000).services == 9
    assert ration_outcome(report, 10_000).services == 5


def test_the_wait_bands_count_every_wait_once() -> None:
    bands = wait_bands([1, 2, 4, 7, 8, 14, 15, 40])
    assert [band.count for band in bands] == [1, 1, 0, 2, 2, 2]


def test_the_public_figures_cover_the_month_so_far(world: World) -> None:
    november(world.commune, world.council, world.other_council)
    figures = public_waste_figures(world.commune, dt.date(2026, 11, 4))
    assert figures is not None
    assert (figures.kg, figures.points_served, figures.litres_ml) == (170, 2, 16_000)
    assert figures.litres_per_tonne == Decimal("94.1")


def test_a_commune_without_waste_collection_shows_no_public_figures(world: World) -> None:
    assert public_waste_figures(world.commune, NOVEMBER) is None


def test_the_month_takes_the_same_few_queries_however_many_days_and_points(
    world: World, django_assert_max_num_queries: Any
) -> None:
    enterprise = november(world.commune, world.council, world.other_council)
    truck = enterprise.vehicles.get()
    points = [make_point(enterprise, world.council, f"X{n}") for n in range(20)]
    for day in range(6, 28):
        plan = make_plan(enterprise, dt.date(2026, 11, day), points_left=3)
        make_log(
            make_route(plan, truck, [(p, 10) for p in points], litres_ml=9_000),
            {p.code: 9 for p in points},
            litres_ml=9_500,
        )
    with django_assert_max_num_queries(10):
        report = month_report(enterprise, NOVEMBER)
    assert len(report.days) == 24
    assert report.kg == 370 + 22 * 20 * 9
