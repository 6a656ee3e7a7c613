from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comuna.census.identity import (
    InvalidNationalId,
    fold,
    format_national_id,
    normalize_national_id,
    person_search_text,
)


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("V-12.345.678", "V12345678"),
        ("v12345678", "V12345678"),
        ("12345678", "V12345678"),
        ("12345678.0", "V12345678"),
        ("E-81.234.567", "E81234567"),
        (" 9 876 543 ", "V9876543"),
        ("", None),
        (None, None),
    ],
)
def test_it_writes_an_id_number_one_way(written: str | None, stored: str | None) -> None:
    assert normalize_national_id(written) == stored


@pytest.mark.parametrize("written", ["X12345", "12a45", "V-", "1234567890123"])
def test_it_refuses_what_is_not_an_id_number(written: str) -> None:
    with pytest.raises(InvalidNationalId):
        normalize_national_id(written)


@given(st.sampled_from("VE"), st.integers(min_value=1000, max_value=999_999_999))
def test_a_formatted_id_reads_back_as_itself(letter: str, number: int) -> None:
    stored = f"{letter}{number}"
    assert normalize_national_id(format_national_id(stored)) == stored


def test_search_text_ignores_accents_and_case() -> None:
    assert fold("José ÑAÑEZ") == "jose nanez"
    assert person_search_text("María José", "Pérez", "V12345678") == "maria jose perez 12345678"
