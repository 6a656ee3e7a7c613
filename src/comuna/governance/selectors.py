"""Reads of self-government that are more than a one-line query: the statute in force, who
may take part in a meeting, its quorum, the lists of meetings and the follow-up of decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from comuna.census.models import HouseholdStatus, Person, PersonStatus
from comuna.core.models import Commune
from comuna.engines.governance_rules import Quorum, QuorumBasis, QuorumRule, quorum
from comuna.governance.models import (
    BallotTally,
    Decision,
    DecisionKind,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Organ,
    Proposal,
    Seat,
    Statute,
)

CENT = Decimal("0.01")


def statute_for(commune: Commune) -> Statute:
    """The commune's statute, or (unsaved) the defaults when it has not written its own."""
    statute = Statute.objects.of(commune).first()
    return statute if statute is not None else Statute(commune=commune)


def quorum_rule(statute: Statute, organ: Organ) -> QuorumRule:
    """An assembly counts a share of its electorate; every other organ, a share of its seats."""
    if organ.is_assembly:
        basis = QuorumBasis.ELECTORATE_SHARE
    else:
        basis = QuorumBasis(statute.seat_quorum)
    return QuorumRule(basis, statute.first_call_quorum_percent, statute.second_call_quorum_percent)


def born_on_or_before(day: dt.date, years: int) -> dt.date:
    """The latest birth date of someone who is ``years`` old on ``day``."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def electorate(
    commune: Commune, council_id: int | None, *, on: dt.date, minimum_age: int
) -> QuerySet[Person]:
    """Residents living here, aged ``minimum_age`` or more on ``on``: of one council, or of the
    whole commune when ``council_id`` is ``None``."""
    people = Person.objects.of(commune).filter(
        status=PersonStatus.ACTIVE,
        household__status=HouseholdStatus.ACTIVE,
        birth_date__lte=born_on_or_before(on, minimum_age),
    )
    if council_id is not None:
        return people.filter(household__council_id=council_id)
    return people


def organ_electorate(organ: Organ, *, on: dt.date) -> QuerySet[Person]:
    statute = statute_for(organ.commune)
    return electorate(
        organ.commune, organ.council_id, on=on, minimum_age=statute.assembly_minimum_age
    )


def seat_electorate(seat: Seat, *, on: dt.date) -> QuerySet[Person]:
    """Who may sign a petition to recall the seat's holder: the electorate of the council the
    seat represents, or of the whole commune for a seat of the commune."""
    organ = seat.organ
    statute = statute_for(organ.commune)
    council_id = seat.council_id or organ.council_id
    return electorate(organ.commune, council_id, on=on, minimum_age=statute.assembly_minimum_age)


def meeting_members(meeting: Meeting) -> QuerySet[Person]:
    """Whom the meeting is for: an assembly's electorate on the day, or whoever holds or
    stands in for a seat of the organ."""
    organ = meeting.organ
    if organ.is_assembly:
        return organ_electorate(organ, on=meeting.date)
    seats = organ.seats.all()
    return Person.objects.of(organ.commune_id).filter(
        Q(pk__in=seats.values("holder")) | Q(pk__in=seats.values("substitute"))
    )


def quorum_base(meeting: Meeting) -> int:
    """The electorate of an assembly, or the number of seats of any other organ, today."""
    if meeting.organ.is_assembly:
        return meeting_members(meeting).count()
    return meeting.organ.seats.count()


def present_count(meeting: Meeting) -> int:
    """People in the room for an assembly; seats filled for any other organ."""
    attendances = meeting.attendances.all()
    if meeting.organ.is_assembly:
        return attendances.count()
    return attendances.filter(seat__isnull=False).count()


def meeting_quorum(meeting: Meeting, *, call: int | None = None) -> Quorum:
    """The quorum now, from the statute in force, at the meeting's current call (or at
    ``call``). The base is the one fixed when the meeting opened, or today's before it opens."""
    statute = statute_for(meeting.organ.commune)
    base = meeting.quorum_base if meeting.quorum_base is not None else quorum_base(meeting)
    return quorum(
        quorum_rule(statute, meeting.organ),
        call=call or meeting.call,
        base=base,
        present=present_count(meeting),
    )


@dataclass(frozen=True, slots=True)
class SheetLine:
    number: int
    person: Person
    seat: Seat | None


def attendance_sheet_lines(meeting: Meeting) -> list[SheetLine]:
    """The numbered lines of the printed attendance sheet, in the order typing back uses.

    An assembly lists its electorate by sector, household and name; any other organ, its
    seats' holders and then their substitutes.
    """
    if meeting.organ.is_assembly:
        people = (
            meeting_members(meeting)
            .select_related("household")
            .order_by(
                "household__sector__name", "household__reference", "-is_head", "birth_date", "pk"
            )
        )
        return [SheetLine(n, person, None) for n, person in enumerate(people, start=1)]
    lines: list[SheetLine] = []
    seats = list(meeting.organ.seats.select_related("holder", "substitute").order_by("pk"))
    for role in ("holder", "substitute"):
        for seat in seats:
            person = getattr(seat, role)
            if person is not None:
                lines.append(SheetLine(len(lines) + 1, person, seat))
    return lines


def meetings_listed(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Meetings with ``n_present``, ``n_decisions`` and ``approves_accounts``, in one query."""
    accounts = Decision.objects.of(OuterRef("commune_id")).filter(
        proposal__meeting=OuterRef("pk"), kind=DecisionKind.ACCOUNTS
    )
    return (
        meetings.select_related("organ", "organ__council")
        .annotate(
            n_present=Count("attendances", distinct=True),
            n_decisions=Count("proposals__decision", distinct=True),
            approves_accounts=Exists(accounts),
        )
        .order_by("date", "organ__name")
    )


def quorum_reached(meeting: Meeting) -> bool:
    """Closed: as written down at closing. In session: now. Not held yet: no."""
    if meeting.status == MeetingStatus.CLOSED:
        return bool(meeting.quorum_reached_at_close)
    if meeting.status == MeetingStatus.OPEN:
        return meeting_quorum(meeting).reached
    return False


def decisions_listed(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    return decisions.select_related("responsible_organ", "proposal__meeting__organ").annotate(
        n_spending=Count("spending")
    )


def decisions_by_status(decisions: QuerySet[Decision]) -> list[tuple[str, str, int]]:
    """``(status, label, count)`` for every status, in the order of the follow-up."""
    counts = dict(
        decisions.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(value, str(label), counts.get(value, 0)) for value, label in DecisionStatus.choices]


@dataclass(frozen=True, slots=True)
class OrganProgress:
    """How one organ is keeping its word: aggregates only, safe for the public page."""

    name: str
    total: int
    done: int
    in_progress: int
    overdue: int


def decisions_progress_by_organ(decisions: QuerySet[Decision]) -> list[OrganProgress]:
    today = timezone.localdate()
    open_statuses = (DecisionStatus.PENDING, DecisionStatus.IN_PROGRESS, DecisionStatus.BLOCKED)
    rows = (
        decisions.order_by()
        .values("responsible_organ__name")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=DecisionStatus.DONE)),
            in_progress=Count("pk", filter=Q(status=DecisionStatus.IN_PROGRESS)),
            overdue=Count("pk", filter=Q(status__in=open_statuses, due_date__lt=today)),
        )
        .order_by("responsible_organ__name")
    )
    return [
        OrganProgress(
            name=row["responsible_organ__name"] or "—",
            total=row["total"],
            done=row["done"],
            in_progress=row["in_progress"],
            overdue=row["overdue"],
        )
        for row in rows
    ]


def decision_spending_totals(decision: Decision) -> list[tuple[str, Decimal]]:
    """``(unit, total)`` of the ledger entries spent on the decision, per currency or unit."""
    rows = (
        decision.spending.order_by("unit")
        .values("unit")
        .annotate(total=Sum("amount"))
        .values_list("unit", "total")
    )
    return [(unit, Decimal(total).quantize(CENT)) for unit, total in rows]


def attendance_by_month(meetings: QuerySet[Meeting]) -> list[tuple[str, int]]:
    """People present at closed meetings, month by month (``"2025-03"``, count)."""
    rows = (
        meetings.filter(status=MeetingStatus.CLOSED)
        .order_by("date")
        .values_list("date", "attendance_count")
    )
    totals: dict[str, int] = {}
    for day, count in rows:
        key = f"{day.year}-{day.month:02d}"
        totals[key] = totals.get(key, 0) + (count or 0)
    return list(totals.items())


@dataclass(frozen=True, slots=True)
class ProposalRow:
    """A proposal as the meeting page shows it. For a paper ballot: who has entered a count
    in the current round (not what they counted: each clerk counts without seeing the
    other's), and the two counts of the last round that disagreed."""

    proposal: Proposal
    decision: Decision | None
    clerks: list[str]
    disagreement: list[BallotTally]


def proposal_rows(meeting: Meeting) -> list[ProposalRow]:
    proposals = list(
        meeting.proposals.select_related("agenda_item", "responsible_organ", "decision")
        .prefetch_related("tallies__clerk")
        .order_by("position")
    )
    rows = []
    for proposal in proposals:
        tallies = list(proposal.tallies.all())
        current = [t for t in tallies if t.round == proposal.tally_round]
        previous = [t for t in tallies if t.round == proposal.tally_round - 1]
        rows.append(
            ProposalRow(
                proposal=proposal,
                decision=getattr(proposal, "decision", None),
                clerks=[t.clerk.get_full_name() or t.clerk.username for t in current],
                disagreement=previous if proposal.status == "pending" else [],
            )
        )
    return rows
