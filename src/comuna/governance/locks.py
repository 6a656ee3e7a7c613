"""The row locks of self-government, and the one order in which they are taken.

Each helper re-reads its row under ``SELECT ... FOR UPDATE`` (PostgreSQL; on SQLite the
project's ``BEGIN IMMEDIATE`` transactions already serialise writers) and must be called
inside a transaction. A function that needs several takes them in this order, never the
other way round, so that two writers queue instead of deadlocking:

1. a meeting (``meeting_lock``);
2. one of its proposals (``proposal_lock``): a vote locks its meeting first;
3. a seat (``seat_lock``): an election or recall carried out at the vote holds 1 and 2;
4. a recall petition (``petition_lock``), after its seat when both are needed;
5. a decision (``decision_lock``);
6. the statute (``statute_lock``), taken alone.

An effect of a carried proposal (``comuna.core.decisions``) runs holding the meeting's
and the proposal's locks: the locks another app takes there (the books lock the statement
they approve) come after all of these, and are listed in that app's own ``locks`` module.
"""

from __future__ import annotations

from comuna.core.models import Commune
from comuna.governance.models import Decision, Meeting, Proposal, RecallPetition, Seat, Statute


def meeting_lock(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.of(meeting.commune_id)
        .select_for_update(of=("self",))
        .select_related("organ", "organ__commune")
        .get(pk=meeting.pk)
    )


def proposal_lock(proposal: Proposal) -> Proposal:
    return Proposal.objects.of(proposal.commune_id).select_for_update().get(pk=proposal.pk)


def seat_lock(seat: Seat) -> Seat:
    return (
        Seat.objects.of(seat.commune_id)
        .select_for_update(of=("self",))
        .select_related("organ", "council")
        .get(pk=seat.pk)
    )


def petition_lock(petition: RecallPetition) -> RecallPetition:
    return (
        RecallPetition.objects.of(petition.commune_id)
        .select_for_update(of=("self",))
        .select_related("seat__organ")
        .get(pk=petition.pk)
    )


def decision_lock(decision: Decision) -> Decision:
    return Decision.objects.of(decision.commune_id).select_for_update().get(pk=decision.pk)


def statute_lock(commune: Commune) -> Statute | None:
    """The commune's statute, or None before it is first written."""
    return Statute.objects.of(commune).select_for_update().first()
