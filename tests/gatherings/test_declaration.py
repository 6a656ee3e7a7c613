"""The adopted text is the draft with exactly the carried amendments applied (no database)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comuna.gatherings.declaration import (
    ADD,
    DELETE,
    REPLACE,
    Change,
    UnknownParagraphError,
    adopted_text,
    paragraphs_split,
)

DRAFT = [(1, "uno"), (2, "dos"), (3, "tres")]


def test_an_adopted_text_with_no_amendment_is_the_draft() -> None:
    assert [(p.number, p.text) for p in adopted_text(DRAFT, [])] == DRAFT


def test_a_replacement_an_addition_and_a_deletion_are_applied_in_place() -> None:
    adopted = adopted_text(
        DRAFT,
        [Change(1, 2, REPLACE, "DOS"), Change(2, 2, ADD, "dos y medio"), Change(3, 3, DELETE)],
    )
    assert [(p.number, p.text) for p in adopted] == [(1, "uno"), (2, "DOS"), (3, "dos y medio")]
    assert [p.amendment for p in adopted] == [None, 1, 2]


def test_the_replacement_voted_last_stands() -> None:
    adopted = adopted_text(DRAFT, [Change(4, 1, REPLACE, "b"), Change(2, 1, REPLACE, "a")])
    assert adopted[0].text == "b"


def test_an_amendment_to_a_paragraph_that_does_not_exist_is_refused() -> None:
    with pytest.raises(UnknownParagraphError):
        adopted_text(DRAFT, [Change(1, 9, DELETE)])


def test_a_draft_typed_as_one_text_is_split_at_blank_lines() -> None:
    assert paragraphs_split("a\nb\n\n\n c \r\n\r\nd") == ["a b", "c", "d"]


texts = st.sampled_from(("a", "b c", "dé", "f g h"))


@st.composite
def drafts_and_amendments(
    draw: st.DrawFn,
) -> tuple[list[tuple[int, str]], list[tuple[Change, bool]]]:
    draft = [(k, f"p{k}") for k in range(1, draw(st.integers(1, 8)) + 1)]
    amendments = []
    for order in range(1, draw(st.integers(0, 12)) + 1):
        kind = draw(st.sampled_from((REPLACE, ADD, DELETE)))
        text = "" if kind == DELETE else f"a{order}-" + draw(texts)
        change = Change(order, draw(st.integers(1, len(draft))), kind, text)
        amendments.append((change, draw(st.booleans())))
    return draft, amendments


# The machine running the suite may be busy: slowness is not what this test is about.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(drafts_and_amendments())
def test_the_adopted_text_is_the_draft_with_exactly_the_carried_amendments(
    case: tuple[list[tuple[int, str]], list[tuple[Change, bool]]],
) -> None:
    draft, amendments = case
    carried = [change for change, was_carried in amendments if was_carried]
    adopted = adopted_text(draft, carried)
    texts_out = [p.text for p in adopted]
    # Numbered again from 1, in order.
    assert [p.number for p in adopted] == list(range(1, len(adopted) + 1))
    # Every carried addition is in; no text of an amendment not carried is.
    for change, was_carried in amendments:
        if change.kind == ADD:
            assert (change.text in texts_out) == was_carried
        elif change.kind == REPLACE and not was_carried:
            assert change.text not in texts_out
    # Each draft paragraph: gone if a carried deletion names it, else its last carried
    # replacement or its own text; the additions after it follow it.
    deleted = {c.paragraph for c in carried if c.kind == DELETE}
    expected: list[str] = []
    for number, text in draft:
        replaced = [
            c.text
            for c in sorted(carried, key=lambda c: c.order)
            if c.paragraph == number and c.kind == REPLACE
        ]
        if number not in deleted:
            expected.append(replaced[-1] if replaced else text)
        expected += [
            c.text
            for c in sorted(carried, key=lambda c: c.order)
            if c.paragraph == number and c.kind == ADD
        ]
    assert texts_out == expected
    # The order amendments are given in does not matter, only their numbers.
    assert adopted_text(draft, list(reversed(carried))) == adopted
