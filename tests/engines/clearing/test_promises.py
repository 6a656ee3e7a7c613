"""The clearing's promises, for any network of obligations (Hypothesis): net positions kept,
no obligation cleared beyond its amount, the linear programme's optimum, the same result for
the same obligations in any order."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from comuna.engines.clearing import Clearing, InvalidObligationError, Obligation, clear

PARTIES = ["A", "B", "C", "D", "E", "F"]


@st.composite
def networks(draw: st.DrawFn, max_size: int = 25) -> list[Obligation]:
    size = draw(st.integers(min_value=0, max_value=max_size))
    items = []
    for k in range(size):
        debtor = draw(st.sampled_from(PARTIES))
        creditor = draw(st.sampled_from([p for p in PARTIES if p != debtor]))
        amount = draw(st.integers(min_value=1, max_value=1000))
        rank = draw(st.integers(min_value=0, max_value=3))
        items.append(Obligation(str(k + 1), debtor, creditor, amount, rank))
    return items


def nets(obligations: list[Obligation], cleared: dict[str, int] | None = None) -> dict[str, int]:
    net: dict[str, int] = {}
    for item in obligations:
        left = item.amount - (cleared[item.id] if cleared else 0)
        net[item.creditor] = net.get(item.creditor, 0) + left
        net[item.debtor] = net.get(item.debtor, 0) - left
    return net


def lp_optimum(obligations: list[Obligation]) -> float:
    """The most that can be cleared, as a linear programme over each obligation's remainder."""
    if not obligations:
        return 0.0
    parties = sorted({p for o in obligations for p in (o.debtor, o.creditor)})
    index = {p: k for k, p in enumerate(parties)}
    rows = np.zeros((len(parties), len(obligations)))
    supply = np.zeros(len(parties))
    for j, item in enumerate(obligations):
        rows[index[item.debtor], j] += 1
        rows[index[item.creditor], j] -= 1
        supply[index[item.debtor]] += item.amount
        supply[index[item.creditor]] -= item.amount
    result = linprog(
        np.ones(len(obligations)),
        A_eq=rows,
        b_eq=supply,
        bounds=[(0, o.amount) for o in obligations],
        method="highs",
    )
    assert result.status == 0
    return sum(o.amount for o in obligations) - float(result.fun)


@settings(max_examples=200, deadline=None)
@given(networks())
def test_net_positions_are_unchanged(obligations: list[Obligation]) -> None:
    result = clear(obligations)
    assert nets(obligations) == nets(obligations, result.cleared)
    for position in result.positions:
        assert position.net_before == position.net_after


@settings(max_examples=200, deadline=None)
@given(networks())
def test_no_obligation_is_cleared_beyond_its_amount(obligations: list[Obligation]) -> None:
    result = clear(obligations)
    assert set(result.cleared) == {o.id for o in obligations}
    for item in obligations:
        assert 0 <= result.cleared[item.id] <= item.amount
    assert sum(result.cleared.values()) == result.total_cleared
    assert result.total_debt == sum(o.amount for o in obligations)


@settings(max_examples=150, deadline=None)
@given(networks())
def test_cleared_total_is_the_linear_programmes_optimum(obligations: list[Obligation]) -> None:
    result = clear(obligations)
    assert result.total_cleared == pytest.approx(lp_optimum(obligations), abs=1e-6)


def _fingerprint(result: Clearing) -> tuple[object, ...]:
    return (sorted(result.cleared.items()), result.positions, result.total_cleared)


@settings(max_examples=150, deadline=None)
@given(networks(), st.randoms(use_true_random=False))
def test_the_same_obligations_in_any_order_give_the_same_result(
    obligations: list[Obligation], random: object
) -> None:
    shuffled = list(obligations)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _fingerprint(clear(obligations)) == _fingerprint(clear(shuffled))


@settings(max_examples=100, deadline=None)
@given(networks())
def test_a_pair_clears_its_oldest_obligations_first(obligations: list[Obligation]) -> None:
    result = clear(obligations)
    by_pair: dict[tuple[str, str], list[Obligation]] = {}
    for item in obligations:
        by_pair.setdefault((item.debtor, item.creditor), []).append(item)
    for group in by_pair.values():
        group.sort(key=lambda o: (o.rank, int(o.id)))
        partly = False
        for item in group:
            got = result.cleared[item.id]
            if partly:
                assert got == 0
            if got < item.amount:
                partly = True


def test_a_cycle_is_cancelled_down_to_its_smallest_debt() -> None:
    result = clear(
        [
            Obligation("1", "A", "B", 100),
            Obligation("2", "B", "C", 80),
            Obligation("3", "C", "A", 50),
        ]
    )
    assert result.cleared == {"1": 50, "2": 50, "3": 50}
    assert result.remaining == 80
    a = result.positions[0]
    assert (a.party, a.payable_before, a.payable_after, a.receivable_after) == ("A", 100, 50, 0)


def test_a_chain_with_no_cycle_clears_nothing() -> None:
    result = clear([Obligation("1", "A", "B", 100), Obligation("2", "B", "C", 80)])
    assert result.total_cleared == 0
    assert result.cleared == {"1": 0, "2": 0}


def test_no_obligations_clear_nothing() -> None:
    result = clear([])
    assert (result.total_debt, result.total_cleared, result.positions) == (0, 0, ())


@pytest.mark.parametrize(
    ("obligations", "problem", "which"),
    [
        ([Obligation("7", "A", "A", 10)], "self", "7"),
        ([Obligation("1", "A", "B", 0)], "amount", "1"),
        ([Obligation("1", "A", "B", -5)], "amount", "1"),
        ([Obligation("1", "A", "B", 5), Obligation("1", "B", "C", 5)], "duplicate", "1"),
        ([Obligation("3", "", "B", 5)], "party", "3"),
    ],
)
def test_bad_obligations_are_refused_by_name(
    obligations: list[Obligation], problem: str, which: str
) -> None:
    with pytest.raises(InvalidObligationError) as refused:
        clear(obligations)
    assert (refused.value.problem, refused.value.obligation_id) == (problem, which)


def test_more_debt_than_the_solver_counts_is_refused() -> None:
    huge = 2**61
    with pytest.raises(InvalidObligationError) as refused:
        clear([Obligation(str(k), "A", "B", huge) for k in range(3)])
    assert (refused.value.problem, refused.value.obligation_id) == ("total", "2")
