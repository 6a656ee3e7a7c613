"""Chart geometry for server-rendered SVG: plain data in, rectangles and text positions out.

Pages must stay light on a cheap phone, so there is no chart library and no JavaScript: these
pure functions work out where every bar goes, and the templates ``core/_chart_bars.html`` and
``core/_chart_pyramid.html`` draw the result as inline SVG, with the numbers in a table beside
it. Coordinates are in the drawing's own units (its ``viewBox``) and the browser scales the
drawing to the screen; the width is kept small so that the 11-unit text stays readable on a
phone. Nothing here knows about Django, the census or a language: labels arrive translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

CHART_WIDTH = 360.0
ROW_HEIGHT = 20.0
ROW_GAP = 6.0
TEXT_BASELINE = 14.0  # from the top of a row: 11-unit text sits in its middle
# Room for the figure written after a bar, and an estimate of one character's width for the
# 11-unit font that core/static/comuna/comuna.css sets for chart text.
VALUE_ROOM = 48.0
CHAR_WIDTH = 6.8

Number = int | float | Decimal


def _label_room(labels: Sequence[str], *, low: float, high: float) -> float:
    longest = max((len(label) for label in labels), default=0)
    return min(high, max(low, longest * CHAR_WIDTH + 8.0))


def _shorten(label: str, room: float) -> str:
    """``label`` cut with an ellipsis to fit ``room`` (the full label goes in a tooltip)."""
    fits = max(int((room - 8.0) / CHAR_WIDTH), 1)
    return label if len(label) <= fits else label[: fits - 1].rstrip() + "…"


def _scale(largest: float, room: float) -> float:
    """Units of length per unit of value; zero when there is nothing to draw (no division)."""
    return room / largest if largest > 0 else 0.0


def _height(rows: int) -> float:
    return max(rows * (ROW_HEIGHT + ROW_GAP) - ROW_GAP, ROW_HEIGHT)


@dataclass(frozen=True, slots=True)
class Bar:
    """One horizontal bar: its label on the left, the bar, its value after the bar."""

    label: str
    text: str  # the label as drawn, shortened if it would not fit
    value: Number
    x: float
    y: float
    width: float
    height: float
    label_x: float  # where the label ends (it is right-aligned against the bar)
    value_x: float
    text_y: float
    colour: str


@dataclass(frozen=True, slots=True)
class BarChart:
    width: float
    height: float
    bars: list[Bar]

    @property
    def description(self) -> str:
        """The numbers in one line, for the drawing's ``<desc>`` (read by screen readers)."""
        return "; ".join(f"{bar.label}: {bar.value}" for bar in self.bars)


def bar_chart(
    items: Sequence[tuple[str, Number]], *, colour: str = "var(--m)", width: float = CHART_WIDTH
) -> BarChart:
    """Horizontal bars, one per ``(label, value)`` in the given order.

    Lengths are proportional to the values: the largest spans the room left after the labels
    and the figures, and when every value is zero every bar is empty. A negative value is
    drawn as an empty bar with its figure written (these charts show counts and totals, not
    balances). ``colour`` is any CSS colour, usually a variable of comuna.css.
    """
    label_room = _label_room([label for label, _ in items], low=40.0, high=width * 0.45)
    room = max(width - label_room - VALUE_ROOM, 0.0)
    scale = _scale(max((float(value) for _, value in items), default=0.0), room)
    bars = []
    for index, (label, value) in enumerate(items):
        y = index * (ROW_HEIGHT + ROW_GAP)
        length = round(max(float(value), 0.0) * scale, 2)
        bars.append(
            Bar(
                label=label,
                text=_shorten(label, label_room),
                value=value,
                x=label_room,
                y=y,
                width=length,
                height=ROW_HEIGHT,
                label_x=label_room - 6.0,
                value_x=round(label_room + length + 4.0, 2),
                text_y=y + TEXT_BASELINE,
                colour=colour,
            )
        )
    return BarChart(width=width, height=_height(len(items)), bars=bars)


class PyramidBand(Protocol):
    """One age band of a population, as :func:`population_pyramid` reads it."""

    @property
    def label(self) -> str: ...
    @property
    def female(self) -> int: ...
    @property
    def male(self) -> int: ...
    @property
    def unknown(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Segment:
    x: float
    width: float
    colour: str


@dataclass(frozen=True, slots=True)
class PyramidRow:
    label: str
    female: int
    male: int
    unknown: int
    y: float
    height: float
    text_y: float
    segments: list[Segment]
    male_value_x: float  # where the men's figure ends (right-aligned, left of the bar)
    female_value_x: float

    @property
    def total(self) -> int:
        return self.female + self.male + self.unknown


@dataclass(frozen=True, slots=True)
class Pyramid:
    """An age-sex pyramid: men left of the centre, women right, the oldest band on top.

    People whose sex was not recorded are split in half, one half drawn in grey at the outer
    end of each side, so that the shape still counts every person; the table gives the exact
    numbers.
    """

    width: float
    height: float
    centre_x: float
    rows: list[PyramidRow]

    @property
    def has_unknown(self) -> bool:
        return any(row.unknown for row in self.rows)


def population_pyramid(bands: Sequence[PyramidBand], *, width: float = CHART_WIDTH) -> Pyramid:
    """The geometry of a pyramid for ``bands``, given youngest first as the census counts
    them. Both sides share one scale: the longest side of any band spans the room there is."""
    label_room = _label_room([band.label for band in bands], low=44.0, high=80.0)
    centre = width / 2
    half_room = max(centre - label_room / 2 - VALUE_ROOM, 0.0)
    largest = max((max(band.female, band.male) + band.unknown / 2 for band in bands), default=0)
    scale = _scale(largest, half_room)
    left_edge = centre - label_room / 2
    right_edge = centre + label_room / 2
    rows = []
    for index, band in enumerate(reversed(bands)):
        y = index * (ROW_HEIGHT + ROW_GAP)
        male = round(band.male * scale, 2)
        female = round(band.female * scale, 2)
        half_unknown = round(band.unknown / 2 * scale, 2)
        segments = [
            Segment(round(left_edge - male, 2), male, "var(--m)"),
            Segment(right_edge, female, "var(--f)"),
        ]
        if band.unknown:
            segments += [
                Segment(round(left_edge - male - half_unknown, 2), half_unknown, "var(--u)"),
                Segment(round(right_edge + female, 2), half_unknown, "var(--u)"),
            ]
        rows.append(
            PyramidRow(
                label=band.label,
                female=band.female,
                male=band.male,
                unknown=band.unknown,
                y=y,
                height=ROW_HEIGHT,
                text_y=y + TEXT_BASELINE,
                segments=segments,
                male_value_x=round(left_edge - male - half_unknown - 4.0, 2),
                female_value_x=round(right_edge + female + half_unknown + 4.0, 2),
            )
        )
    return Pyramid(width=width, height=_height(len(bands)), centre_x=centre, rows=rows)


@dataclass(frozen=True, slots=True)
class Pair:
    """One line of a paired chart, as :func:`paired_bar_chart` reads it: a planned figure and
    what happened, with their values written as people read them (``first_text``)."""

    label: str
    first: Number
    second: Number
    first_text: str
    second_text: str
    flagged: bool = False


@dataclass(frozen=True, slots=True)
class PairRow:
    label: str
    text: str
    text_y: float  # the label sits between its two bars
    first: Bar
    second: Bar
    flagged: bool


@dataclass(frozen=True, slots=True)
class PairGroup:
    label: str
    text_y: float
    rows: list[PairRow]


@dataclass(frozen=True, slots=True)
class PairedChart:
    """Two bars per line (say a budget and what was spent), the lines grouped under headings.

    Both bars of every line share one scale, so lengths compare across the whole chart.
    """

    width: float
    height: float
    groups: list[PairGroup]

    @property
    def has_flagged(self) -> bool:
        return any(row.flagged for group in self.groups for row in group.rows)

    @property
    def description(self) -> str:
        return "; ".join(
            f"{group.label}, {row.label}: {row.first.text} / {row.second.text}"
            for group in self.groups
            for row in group.rows
        )


PAIR_BAR = 12.0
PAIR_GAP = 2.0
GROUP_HEADING = 20.0


def paired_bar_chart(
    groups: Sequence[tuple[str, Sequence[Pair]]],
    *,
    first_colour: str = "var(--u)",
    second_colour: str = "var(--m)",
    flagged_colour: str = "var(--accent)",
    width: float = CHART_WIDTH,
) -> PairedChart:
    """Pairs of horizontal bars under a heading per group, in the given order.

    The second bar of a flagged pair (an overspent budget line) takes ``flagged_colour``; the
    figures are written after each bar, so the colour is never the only sign.
    """
    labels = [pair.label for _, pairs in groups for pair in pairs]
    label_room = _label_room(labels, low=40.0, high=width * 0.4)
    texts = [text for _, pairs in groups for p in pairs for text in (p.first_text, p.second_text)]
    value_room = max(VALUE_ROOM, max((len(text) for text in texts), default=0) * CHAR_WIDTH + 8.0)
    room = max(width - label_room - value_room, 0.0)
    largest = max(
        (max(float(p.first), float(p.second)) for _, pairs in groups for p in pairs), default=0.0
    )
    scale = _scale(largest, room)
    y = 0.0
    out = []
    for heading, pairs in groups:
        group = PairGroup(label=heading, text_y=y + TEXT_BASELINE, rows=[])
        y += GROUP_HEADING
        for pair in pairs:
            bars = []
            for offset, value, text, colour in (
                (0.0, pair.first, pair.first_text, first_colour),
                (
                    PAIR_BAR + PAIR_GAP,
                    pair.second,
                    pair.second_text,
                    flagged_colour if pair.flagged else second_colour,
                ),
            ):
                length = round(max(float(value), 0.0) * scale, 2)
                bars.append(
                    Bar(
                        label=pair.label,
                        text=text,
                        value=value,
                        x=label_room,
                        y=y + offset,
                        width=length,
                        height=PAIR_BAR,
                        label_x=label_room - 6.0,
                        value_x=round(label_room + length + 4.0, 2),
                        text_y=y + offset + PAIR_BAR - 2.0,
                        colour=colour,
                    )
                )
            group.rows.append(
                PairRow(
                    label=pair.label,
                    text=_shorten(pair.label, label_room),
                    text_y=y + PAIR_BAR + PAIR_GAP / 2 + 4.0,
                    first=bars[0],
                    second=bars[1],
                    flagged=pair.flagged,
                )
            )
            y += 2 * PAIR_BAR + PAIR_GAP + ROW_GAP
        out.append(group)
    return PairedChart(width=width, height=max(y - ROW_GAP, ROW_HEIGHT), groups=out)
