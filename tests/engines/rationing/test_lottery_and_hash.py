"""The lottery and the list hash can be re-computed by anyone, by hand or with another program."""

from __future__ import annotations

import hashlib

import pytest

from comuna.engines.rationing import (
    Claim,
    PriorityClass,
    canonical_input,
    input_hash,
    lottery_key,
    ration,
    seed_text,
)


def test_the_lottery_key_is_the_sha256_of_seed_colon_household() -> None:
    # Same value as: printf '%s:%s' "asamblea-2025-03-01" "CC03-0117" | sha256sum
    assert lottery_key("asamblea-2025-03-01", "CC03-0117") == (
        "f8be1358852b138eb42589760962727aa7fab752571b2061d7d12b78c8a9db5f"
    )


def test_an_integer_seed_is_the_same_as_its_decimal_text() -> None:
    assert seed_text(7) == "7"
    claims = [Claim(f"h{i}", "CC01", PriorityClass.GENERAL, 1) for i in range(9)]
    assert ration(claims, 3, 7) == ration(claims, 3, "7")


def test_the_canonical_list_is_tab_separated_and_sorted_by_household() -> None:
    claims = [
        Claim("b", "CC02", PriorityClass.GENERAL, 2, 1, 3),
        Claim("a", "CC01", PriorityClass.MEDICAL, 1),
    ]
    assert canonical_input(claims) == (
        "comuna-rationing-input/1\na\tCC01\t0\t1\t0\t0\nb\tCC02\t3\t2\t1\t3\n"
    )
    expected = hashlib.sha256(canonical_input(claims).encode("utf-8")).hexdigest()
    assert input_hash(claims) == expected
    assert input_hash(reversed(claims)) == expected


@pytest.mark.parametrize(
    "changed",
    [
        Claim("a", "CC09", PriorityClass.MEDICAL, 1),
        Claim("a", "CC01", PriorityClass.ELDERLY_ALONE, 1),
        Claim("a", "CC01", PriorityClass.MEDICAL, 2),
        Claim("a", "CC01", PriorityClass.MEDICAL, 1, 1, 1),
        Claim("a", "CC01", PriorityClass.MEDICAL, 1, 0, 1),
        Claim("z", "CC01", PriorityClass.MEDICAL, 1),
    ],
)
def test_any_change_to_a_claim_changes_the_hash(changed: Claim) -> None:
    original = Claim("a", "CC01", PriorityClass.MEDICAL, 1)
    assert input_hash([original]) != input_hash([changed])


def test_a_rerun_from_the_recorded_seed_gives_the_same_list_and_hash() -> None:
    claims = [Claim(f"h{i}", f"CC{i % 3}", PriorityClass(i % 4), 1 + i % 2) for i in range(50)]
    first = ration(claims, 31, "public draw 4-17-23")
    again = ration(list(reversed(claims)), first.stock, first.seed)
    assert again == first
    assert again.input_hash == input_hash(claims)
