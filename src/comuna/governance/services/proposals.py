"""Proposals put to a meeting, with what each kind names: a seat and its candidates, a recall
petition, a statement of the books."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from comuna.census.models import Person
from comuna.core.books import AccountsStatement, statement_named
from comuna.core.refusals import Refusal
from comuna.governance import locks, selectors
from comuna.governance.models import (
    AgendaItem,
    DecisionKind,
    Meeting,
    Organ,
    PetitionStatus,
    Proposal,
    RecallPetition,
    Seat,
    VoteMethod,
)
from comuna.governance.services.base import _check_text
from comuna.governance.services.meetings import _check_not_closed
from comuna.governance.services.seats import _check_serving
from comuna.users.models import User


def _check_proposal_subject(
    meeting: Meeting,
    kind: DecisionKind,
    *,
    seat: Seat | None,
    candidate: Person | None,
    candidate_substitute: Person | None,
    petition: RecallPetition | None,
    statement: AccountsStatement | None,
) -> None:
    if kind == DecisionKind.ELECTION:
        if seat is None or candidate is None:
            raise Refusal(_("An election names the seat and the candidate."), field="candidate")
        _check_serving(candidate, "candidate", commune_id=meeting.commune_id)
        council_id = seat.council_id
        for person in (candidate, candidate_substitute):
            if council_id is not None and person is not None:
                if person.household.council_id != council_id:
                    raise Refusal(
                        _("%(name)s does not live in the council this seat represents.")
                        % {"name": person.full_name},
                        field="candidate",
                    )
        if candidate_substitute is not None and candidate_substitute.pk == candidate.pk:
            raise Refusal(
                _("The substitute must be someone other than the holder."),
                field="candidate_substitute",
            )
    if kind == DecisionKind.RECALL:
        if petition is None:
            raise Refusal(_("A recall vote answers a recall petition."), field="petition")
        if petition.status != PetitionStatus.VOTE_DUE:
            raise Refusal(
                _("The petition does not have the signatures it needs yet."), field="petition"
            )
        if not meeting.organ.is_assembly or meeting.organ.council_id != (
            petition.seat.council_id or petition.seat.organ.council_id
        ):
            raise Refusal(
                _("A recall is voted by the assembly of the electorate that signed it."),
                field="petition",
            )
    if kind == DecisionKind.ACCOUNTS:
        if statement is None or not statement.ledger_head.strip():
            raise Refusal(
                _("An approval of accounts names the statement and its ledger head."),
                field="statement",
            )
        if statement.entry_count < 0:
            raise Refusal(_("The number of entries cannot be negative."))


@transaction.atomic
def proposal_add(
    *,
    meeting: Meeting,
    title: str,
    by: User | None,
    text: str = "",
    kind: DecisionKind = DecisionKind.ORDINARY,
    method: VoteMethod = VoteMethod.HANDS,
    agenda_item: AgendaItem | None = None,
    responsible_organ: Organ | None = None,
    due_date: dt.date | None = None,
    seat: Seat | None = None,
    candidate: Person | None = None,
    candidate_substitute: Person | None = None,
    petition: RecallPetition | None = None,
    statement: AccountsStatement | None = None,
) -> Proposal:
    """Put a proposal to the meeting. The majority it needs is the statute's for its kind."""
    meeting = locks.meeting_lock(meeting)
    _check_not_closed(meeting)
    title = _check_text(title, "title", _("Write the proposal."))
    kind, method = DecisionKind(kind), VoteMethod(method)
    if method == VoteMethod.ROLL_CALL and meeting.organ.is_assembly:
        raise Refusal(
            _("A roll call is for organs with seats; an assembly votes by hands or ballot."),
            field="method",
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise Refusal(_("That agenda item belongs to another meeting."))
    for other in (responsible_organ, seat, candidate, candidate_substitute, petition):
        if other is not None and other.commune_id != meeting.commune_id:
            raise Refusal(_("%(name)s belongs to another commune.") % {"name": other})
    _check_proposal_subject(
        meeting,
        kind,
        seat=seat,
        candidate=candidate,
        candidate_substitute=candidate_substitute,
        petition=petition,
        statement=statement,
    )
    books = (
        statement_named(meeting.organ.commune, statement)
        if kind == DecisionKind.ACCOUNTS and statement
        else None
    )
    if books is not None and books.is_approved:
        raise Refusal(
            _("The statement %(label)s was already approved (%(meeting)s).")
            % {"label": books.label, "meeting": books.meeting_reference},
            field="statement",
        )
    statute = selectors.statute_for(meeting.organ.commune)
    last = meeting.proposals.aggregate(last=Max("position"))["last"] or 0
    return Proposal.objects.create(
        meeting=meeting,
        position=last + 1,
        agenda_item=agenda_item,
        title=title[:200],
        text=text.strip(),
        kind=kind,
        method=method,
        majority=statute.majority_for(kind).value,
        responsible_organ=responsible_organ or meeting.organ,
        due_date=due_date,
        seat=seat if kind == DecisionKind.ELECTION else None,
        candidate=candidate if kind == DecisionKind.ELECTION else None,
        candidate_substitute=candidate_substitute if kind == DecisionKind.ELECTION else None,
        petition=petition if kind == DecisionKind.RECALL else None,
        statement_label=statement.label.strip()[:120] if statement else "",
        ledger_head=statement.ledger_head.strip() if statement else "",
        ledger_entry_count=statement.entry_count if statement else None,
        ledger_statement_id=books.pk if books is not None else None,
        created_by=by,
    )
