"""Reads of the consultations that are more than one query: the published totals, each
commune's published line, and, for the officers, which communes below have sent a result."""

from __future__ import annotations

from dataclasses import dataclass

from comuna.consultations.access import communes_below
from comuna.consultations.models import (
    Consultation,
    Holding,
    HoldingStatus,
    Option,
    PublishedCount,
    PublishedResult,
)


@dataclass(frozen=True, slots=True)
class CommuneLine:
    result: PublishedResult
    votes: list[int]  # in the order of the consultation's options

    @property
    def cast(self) -> int:
        return sum(self.votes)


@dataclass(frozen=True, slots=True)
class Published:
    consultation: Consultation
    options: list[Option]
    lines: list[CommuneLine]

    @property
    def total(self) -> int:
        return sum(option.votes or 0 for option in self.options)

    @property
    def present(self) -> int:
        return sum(line.result.present for line in self.lines)

    @property
    def blank(self) -> int:
        return sum(line.result.blank for line in self.lines)

    @property
    def funded_cost(self) -> object:
        return sum((o.cost for o in self.options if o.funded and o.cost), start=0)


def published(consultation: Consultation) -> Published:
    """The published result: the options with their totals and each commune's line."""
    options = list(consultation.options.order_by("position"))
    results = list(
        PublishedResult.objects.filter(consultation=consultation).order_by("commune_name")
    )
    votes: dict[tuple[int, int], int] = {
        (c.result_id, c.option_id): c.votes
        for c in PublishedCount.objects.filter(result__consultation=consultation)
    }
    lines = [
        CommuneLine(result=r, votes=[votes.get((r.pk, o.pk), 0) for o in options]) for r in results
    ]
    return Published(consultation=consultation, options=options, lines=lines)


@dataclass(frozen=True, slots=True)
class Arrival:
    commune_name: str
    held_on: object
    status: str
    acta_head: str


def arrivals(consultation: Consultation) -> tuple[list[Arrival], int]:
    """Which communes below the consultation's level have held it (as the sync brought their
    results here), and how many communes must hold it."""
    communes = communes_below(consultation.unit)
    holdings = (
        Holding.objects.all_communes()
        .filter(consultation=consultation, commune__in=communes)
        .select_related("commune", "meeting")
        .order_by("commune__name")
    )
    rows = [
        Arrival(
            commune_name=h.commune.name,
            held_on=h.meeting.date,
            status=h.get_status_display(),
            acta_head=h.acta_head if h.status == HoldingStatus.CLOSED else "",
        )
        for h in holdings
    ]
    return rows, communes.count()
