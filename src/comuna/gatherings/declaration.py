"""The adopted text of a declaration: the draft with the carried amendments applied.

Plain Python (no Django), so that the rule can be read and tested as a specification:

- every draft paragraph keeps its place; a carried deletion takes it out, a carried
  replacement changes its text (when several replacements of one paragraph are carried, the
  one voted last stands: it was voted knowing the earlier one);
- the paragraphs that carried additions put after a paragraph follow it, in the order the
  amendments were numbered, whether or not that paragraph itself stays;
- the result is numbered again from 1; amendments not carried change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

REPLACE = "replace"
ADD = "add"
DELETE = "delete"
KINDS = (REPLACE, ADD, DELETE)


class UnknownParagraphError(ValueError):
    """An amendment names a paragraph the draft does not have."""

    def __init__(self, number: int) -> None:
        self.number = number
        super().__init__(f"The draft has no paragraph {number}.")


@dataclass(frozen=True, slots=True)
class Change:
    """One carried amendment: to draft paragraph ``paragraph``, in the order ``order``."""

    order: int
    paragraph: int
    kind: str
    text: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown kind of amendment {self.kind!r}.")


@dataclass(frozen=True, slots=True)
class Adopted:
    """One paragraph of the adopted text: its new number, its text, and where it comes from
    (the draft paragraph's number, and the amendment's order when an amendment wrote it)."""

    number: int
    text: str
    draft_number: int
    amendment: int | None


def adopted_text(draft: Sequence[tuple[int, str]], carried: Iterable[Change]) -> list[Adopted]:
    """The declaration adopted from ``draft`` (``(number, text)`` pairs, in order) with the
    ``carried`` amendments applied."""
    numbers = {number for number, _text in draft}
    by_paragraph: dict[int, list[Change]] = {number: [] for number in numbers}
    for change in sorted(carried, key=lambda c: c.order):
        if change.paragraph not in numbers:
            raise UnknownParagraphError(change.paragraph)
        by_paragraph[change.paragraph].append(change)
    out: list[tuple[str, int, int | None]] = []
    for number, text in draft:
        changes = by_paragraph[number]
        deleted = any(c.kind == DELETE for c in changes)
        replacements = [c for c in changes if c.kind == REPLACE]
        if not deleted:
            if replacements:
                out.append((replacements[-1].text, number, replacements[-1].order))
            else:
                out.append((text, number, None))
        out.extend((c.text, number, c.order) for c in changes if c.kind == ADD)
    return [
        Adopted(number=k, text=text, draft_number=source, amendment=order)
        for k, (text, source, order) in enumerate(out, start=1)
    ]


def paragraphs_split(text: str) -> list[str]:
    """A draft typed as one text: paragraphs are separated by a blank line."""
    blocks: list[str] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks
