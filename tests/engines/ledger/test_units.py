from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comuna.engines.ledger import (
    MAX_AMOUNT,
    UNITS,
    InvalidAmount,
    UnknownUnit,
    format_amount,
    get_unit,
    parse_amount,
)


@pytest.mark.parametrize(
    "text",
    ["1.200,50", "1200.50", "1200,5", "1,200.50", "1200,50", " 1 200,50 ", "1\u00a0200,50"],
)
def test_it_reads_a_dot_or_a_comma_as_the_decimal_separator(text: str) -> None:
    assert parse_amount(text, "VES") == 120050


def test_it_counts_currencies_in_cents() -> None:
    assert parse_amount("12", "USD") == 1200
    assert parse_amount("0,05", "USD") == 5
    assert parse_amount(",5", "USD") == 50


def test_it_counts_kilograms_in_grams_and_litres_in_millilitres() -> None:
    assert parse_amount("2,5", "KG") == 2500
    assert parse_amount("0.250", "KG") == 250
    assert parse_amount("1500,125", "L") == 1_500_125


def test_it_counts_cylinders_and_bags_whole() -> None:
    assert parse_amount("3", "CYL") == 3
    assert parse_amount("1.200", "BAG") == 1200


def test_it_reads_a_lone_three_digit_group_as_thousands_for_currencies() -> None:
    assert parse_amount("1.200", "VES") == 120000
    assert parse_amount("1.200.000", "VES") == 120_000_000


def test_it_refuses_a_lone_three_digit_group_for_kilograms_as_ambiguous() -> None:
    with pytest.raises(InvalidAmount, match="ambiguous"):
        parse_amount("1.200", "KG")


def test_the_users_decimal_separator_settles_the_ambiguity() -> None:
    assert parse_amount("1.200", "KG", decimal_separator=".") == 1200
    assert parse_amount("1.200", "KG", decimal_separator=",") == 1_200_000
    assert parse_amount("1.200,5", "KG", decimal_separator=",") == 1_200_500


def test_it_accepts_a_sign() -> None:
    assert parse_amount("-1,50", "VES") == -150
    assert parse_amount("+1,50", "VES") == 150


def test_it_accepts_extra_decimals_only_when_they_are_zeros() -> None:
    assert parse_amount("1200,5000", "VES") == 120050
    with pytest.raises(InvalidAmount, match="never rounded"):
        parse_amount("1200,505", "VES", decimal_separator=",")
    with pytest.raises(InvalidAmount, match="0 decimal"):
        parse_amount("2,5", "CYL")


@pytest.mark.parametrize(
    "text",
    ["", "   ", "-", "abc", "1e5", "12,", "1..2", "1,2,3", "1.20.000", "--1", "1.2,3.4", "١٢"],
)
def test_it_refuses_malformed_text_with_a_reason(text: str) -> None:
    with pytest.raises(InvalidAmount) as caught:
        parse_amount(text, "VES")
    assert caught.value.text == text
    assert caught.value.reason
    assert caught.value.code == "invalid_amount"


def test_it_refuses_an_amount_too_large_to_store() -> None:
    with pytest.raises(InvalidAmount, match="too large"):
        parse_amount("9" * 30, "VES")


def test_it_refuses_an_unknown_unit() -> None:
    with pytest.raises(UnknownUnit):
        parse_amount("1", "EUR")
    with pytest.raises(UnknownUnit):
        get_unit("ves")


def test_it_formats_in_venezuelan_style_by_default() -> None:
    assert format_amount(120050, "VES") == "1.200,50"
    assert format_amount(-5, "USD") == "-0,05"
    assert format_amount(2500, "KG") == "2,500"
    assert format_amount(1_234_567, "CYL") == "1.234.567"


def test_it_formats_in_plain_machine_style_on_request() -> None:
    assert format_amount(120050, "VES", decimal_separator=".", group_separator="") == "1200.50"


@given(
    unit=st.sampled_from(sorted(UNITS)),
    amount=st.integers(-MAX_AMOUNT, MAX_AMOUNT),
    style=st.sampled_from([(",", "."), (".", ","), (".", ""), (",", " ")]),
)
def test_what_it_formats_it_reads_back(unit: str, amount: int, style: tuple[str, str]) -> None:
    decimal, group = style
    text = format_amount(amount, unit, decimal_separator=decimal, group_separator=group)
    assert parse_amount(text, unit, decimal_separator=decimal) == amount
