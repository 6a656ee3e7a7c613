"""The chart geometry: plain functions, no database."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from comuna.core.charts import VALUE_ROOM, bar_chart, population_pyramid


@dataclass(frozen=True)
class Band:
    label: str
    female: int
    male: int
    unknown: int = 0


def test_bars_are_as_long_as_their_values() -> None:
    chart = bar_chart([("elderly", 10), ("children", 5), ("pregnant", 0)])
    long, short, empty = chart.bars
    assert long.width == pytest.approx(2 * short.width)
    assert empty.width == 0
    assert long.x + long.width + VALUE_ROOM == pytest.approx(chart.width)


def test_bars_keep_the_order_they_were_given_one_row_each() -> None:
    chart = bar_chart([("b", 1), ("a", 2)])
    assert [bar.label for bar in chart.bars] == ["b", "a"]
    assert chart.bars[0].y < chart.bars[1].y
    assert chart.height == pytest.approx(chart.bars[1].y + chart.bars[1].height)


def test_a_chart_of_zeros_draws_empty_bars_without_dividing_by_zero() -> None:
    chart = bar_chart([("a", 0), ("b", 0)])
    assert [bar.width for bar in chart.bars] == [0, 0]


def test_a_chart_with_nothing_in_it_still_has_a_size() -> None:
    chart = bar_chart([])
    assert chart.bars == []
    assert chart.height > 0 and chart.width > 0


def test_a_negative_value_draws_an_empty_bar_and_keeps_its_figure() -> None:
    chart = bar_chart([("income", 10), ("loss", -4)])
    assert chart.bars[1].width == 0
    assert chart.bars[1].value == -4


def test_amounts_may_be_decimals() -> None:
    chart = bar_chart([("Bs", Decimal("150.50")), ("USD", Decimal("75.25"))])
    assert chart.bars[0].width == pytest.approx(2 * chart.bars[1].width)


def test_a_long_label_is_shortened_on_the_chart_and_kept_whole_for_the_tooltip() -> None:
    name = "CC07 Consejo Comunal Los Mangos de San Agustín del Sur"
    bar = bar_chart([(name, 3)]).bars[0]
    assert bar.label == name
    assert bar.text.endswith("…") and len(bar.text) < len(name)
    assert bar_chart([("CC01 Los Mangos", 3)]).bars[0].text == "CC01 Los Mangos"


def test_the_description_reads_out_every_number() -> None:
    assert bar_chart([("a", 1), ("b", 2)]).description == "a: 1; b: 2"


def test_the_pyramid_puts_the_oldest_on_top_men_left_and_women_right() -> None:
    pyramid = population_pyramid([Band("0–4", female=4, male=2), Band("75+", female=1, male=3)])
    top, bottom = pyramid.rows
    assert (top.label, bottom.label) == ("75+", "0–4")
    men, women = bottom.segments
    assert men.x + men.width < pyramid.centre_x < women.x
    assert bottom.male_value_x < men.x and bottom.female_value_x > women.x + women.width


def test_both_sides_of_the_pyramid_share_one_scale() -> None:
    pyramid = population_pyramid([Band("0–4", female=8, male=2), Band("5–11", female=4, male=4)])
    young_men, young_women = pyramid.rows[1].segments
    older_men, older_women = pyramid.rows[0].segments
    assert young_women.width == pytest.approx(4 * young_men.width)
    assert (
        older_men.width == pytest.approx(older_women.width) == pytest.approx(young_women.width / 2)
    )


def test_people_of_unrecorded_sex_are_split_between_the_two_sides() -> None:
    pyramid = population_pyramid([Band("18–29", female=2, male=2, unknown=2)])
    men, women, unknown_left, unknown_right = pyramid.rows[0].segments
    assert pyramid.has_unknown
    assert unknown_left.width == unknown_right.width == pytest.approx(men.width / 2, abs=0.01)
    assert unknown_left.x + unknown_left.width == pytest.approx(men.x)
    assert unknown_right.x == pytest.approx(women.x + women.width)
    assert pyramid.rows[0].total == 6


def test_an_empty_population_draws_an_empty_pyramid() -> None:
    pyramid = population_pyramid([Band("0–4", 0, 0), Band("5–11", 0, 0)])
    assert all(segment.width == 0 for row in pyramid.rows for segment in row.segments)
    assert not pyramid.has_unknown


def test_the_longest_side_fits_inside_the_drawing() -> None:
    pyramid = population_pyramid([Band("0–4", female=900, male=1200, unknown=30)])
    row = pyramid.rows[0]
    leftmost = min(segment.x for segment in row.segments)
    rightmost = max(segment.x + segment.width for segment in row.segments)
    assert leftmost >= VALUE_ROOM - 0.01
    assert rightmost <= pyramid.width - VALUE_ROOM + 0.01
