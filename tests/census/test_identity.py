from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comuna.census.identity import (
    InvalidNationalId,
    fold,
    format_national_id,
    household_label_parts,
    normalize_national_id,
    person_search_text,
    search_words,
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


@pytest.mark.parametrize(
    "typed",
    ["V-30.771.202", "v30771202", "V 30771202", "V- 30.771.202", "30.771.202", "30771202"],
)
def test_an_id_number_is_one_search_word_however_it_is_typed(typed: str) -> None:
    assert search_words(typed) == ["30771202"]


def test_search_words_fold_names_and_keep_a_partial_id_number() -> None:
    assert search_words("José  Pérez-Rodríguez V-30.77") == ["jose", "perez", "rodriguez", "3077"]
    assert search_words("E-81.234.567") == ["81234567"]


@given(st.sampled_from("VE"), st.integers(min_value=1000, max_value=999_999_999))
def test_an_id_number_as_the_app_prints_it_finds_its_search_text(letter: str, number: int) -> None:
    stored = f"{letter}{number}"
    (word,) = search_words(format_national_id(stored))
    assert word in person_search_text("Ana", "Díaz", stored).split()


@pytest.mark.parametrize(
    "typed", ["CC01-0002", "cc01-0002", "CC01 0002", "CC010002", " cc01.0002 "]
)
def test_a_household_label_is_read_however_it_is_typed(typed: str) -> None:
    assert household_label_parts(typed, ["CC01", "CC02", "CC10"]) == [("CC01", "0002")]


def test_a_label_whose_reference_holds_a_hyphen_is_also_read_as_typed() -> None:
    assert ("CC01", "A-12") in household_label_parts("cc01-A-12", ["CC01"])


@pytest.mark.parametrize("typed", ["CC01", "María Pérez", "V-30.771.202", "CC03-0002", ""])
def test_what_is_not_a_household_label_names_none(typed: str) -> None:
    assert household_label_parts(typed, ["CC01", "CC02"]) == []
