"""Bad input is refused with a clear message, before anything is awarded."""

from __future__ import annotations

import pytest

from comuna.engines.rationing import (
    Claim,
    DuplicateHouseholdError,
    InvalidClaimError,
    InvalidSeedError,
    InvalidStockError,
    NegativeClaimError,
    NegativeStockError,
    PriorityClass,
    RationingError,
    ration,
)

GENERAL = PriorityClass.GENERAL


def test_a_negative_stock_is_refused() -> None:
    with pytest.raises(NegativeStockError, match="cannot be negative") as caught:
        ration([], -1, "seed")
    assert caught.value.stock == -1


def test_a_stock_that_is_not_a_whole_number_is_refused() -> None:
    with pytest.raises(InvalidStockError, match="whole number"):
        ration([], 2.5, "seed")  # type: ignore[arg-type]


def test_a_negative_claim_is_refused_naming_the_household() -> None:
    with pytest.raises(NegativeClaimError, match="'CC01-007' claims -2 units") as caught:
        Claim("CC01-007", "CC01", GENERAL, -2)
    assert caught.value.household_id == "CC01-007"


def test_a_household_listed_twice_is_refused() -> None:
    claims = [Claim("h1", "CC01", GENERAL, 1), Claim("h1", "CC02", GENERAL, 2)]
    with pytest.raises(DuplicateHouseholdError, match="'h1' appears more than once"):
        ration(claims, 3, "seed")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"household_id": ""}, "household id must be a non-empty text"),
        ({"household_id": "a\tb"}, "cannot contain tabs or line breaks"),
        ({"group": " "}, "group code must be a non-empty text"),
        ({"group": "CC\n01"}, "cannot contain tabs or line breaks"),
        ({"priority": 7}, "unknown priority class 7"),
        ({"units": 1.5}, "claim must be a whole number"),
        ({"units": True}, "claim must be a whole number"),
        ({"short_streak": -1}, "short streak cannot be negative"),
        ({"short_total": -1}, "short total cannot be negative"),
    ],
)
def test_a_malformed_claim_is_refused(kwargs: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {
        "household_id": "h1",
        "group": "CC01",
        "priority": GENERAL,
        "units": 1,
    }
    fields.update(kwargs)
    with pytest.raises(InvalidClaimError, match=message):
        Claim(**fields)  # type: ignore[arg-type]


def test_a_priority_given_as_its_number_is_accepted() -> None:
    assert Claim("h1", "CC01", 0, 1).priority is PriorityClass.MEDICAL  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", ["", True, 1.5, None])
def test_a_missing_or_odd_seed_is_refused(seed: object) -> None:
    with pytest.raises(InvalidSeedError):
        ration([], 0, seed)  # type: ignore[arg-type]


def test_every_error_is_a_rationing_error_and_a_value_error() -> None:
    assert issubclass(RationingError, ValueError)
    for error in (
        NegativeStockError,
        InvalidStockError,
        NegativeClaimError,
        DuplicateHouseholdError,
        InvalidClaimError,
        InvalidSeedError,
    ):
        assert issubclass(error, RationingError)
