"""Seats and their terms: who holds a seat from when, and how a term ends (completed,
replaced or recalled)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.census.models import Person, PersonStatus
from comuna.core.language import as_recorded
from comuna.core.refusals import Refusal
from comuna.governance import locks, selectors
from comuna.governance.models import (
    Decision,
    Proposal,
    Seat,
    SeatTerm,
    TermEnd,
)
from comuna.governance.services.base import _add_years, _today
from comuna.users.models import User


def _check_serving(person: Person, field: str, *, commune_id: int) -> None:
    if person.commune_id != commune_id:
        raise Refusal(
            _("%(name)s is not in this commune's census.") % {"name": person.full_name},
            field=field,
        )
    if person.status != PersonStatus.ACTIVE:
        raise Refusal(
            _("%(name)s is no longer in the census.") % {"name": person.full_name}, field=field
        )


def _current_term(seat: Seat) -> SeatTerm | None:
    """The seat's current term; a seat filled before terms were kept gets one written now."""
    term = SeatTerm.objects.of(seat.commune_id).filter(seat=seat, ended_on__isnull=True).first()
    if term is None and (seat.holder_id is not None or seat.substitute_id is not None):
        term = SeatTerm.objects.create(
            seat=seat,
            holder_id=seat.holder_id,
            substitute_id=seat.substitute_id,
            term_start=seat.term_start,
            term_end=seat.term_end,
            started_on=seat.term_start or _today(),
        )
    return term


def _end_term(seat: Seat, *, on: dt.date, reason: TermEnd) -> None:
    term = _current_term(seat)
    if term is None:
        return
    if on < term.started_on:
        raise Refusal(
            _("The current term began on %(date)s: a change cannot take effect before it.")
            % {"date": term.started_on.isoformat()},
            field="term_start",
        )
    term.ended_on, term.end_reason = on, reason
    term.save(update_fields=["ended_on", "end_reason"])


@transaction.atomic
def seat_assign(
    *,
    seat: Seat,
    holder: Person,
    substitute: Person | None,
    term_start: dt.date,
    term_end: dt.date,
    by: User | None,
    decision: Decision | None = None,
    note: str = "",
) -> SeatTerm:
    """A new holder (and substitute) for the seat from ``term_start``: the current term ends
    that day, as completed if it had run its course and as replaced if not."""
    seat = locks.seat_lock(seat)
    _check_serving(holder, "holder", commune_id=seat.commune_id)
    if substitute is not None:
        _check_serving(substitute, "substitute", commune_id=seat.commune_id)
        if substitute.pk == holder.pk:
            raise Refusal(
                _("The substitute must be someone other than the holder."), field="substitute"
            )
    if term_end <= term_start:
        raise Refusal(_("The term must end after it starts."), field="term_end")
    council_id = seat.council_id
    if council_id is not None:
        for person, field_name in ((holder, "holder"), (substitute, "substitute")):
            if person is not None and person.household.council_id != council_id:
                raise Refusal(
                    _("%(name)s does not live in the council this seat represents.")
                    % {"name": person.full_name},
                    field=field_name,
                )
    elsewhere = (
        Seat.objects.of(seat.commune_id)
        .filter(organ=seat.organ, holder=holder)
        .exclude(pk=seat.pk)
        .first()
    )
    if elsewhere is not None:
        raise Refusal(
            _("%(name)s already holds the seat “%(seat)s” in this organ.")
            % {"name": holder.full_name, "seat": elsewhere.title},
            field="holder",
        )
    current = _current_term(seat)
    completed = bool(current and current.term_end and current.term_end <= term_start)
    _end_term(seat, on=term_start, reason=TermEnd.COMPLETED if completed else TermEnd.REPLACED)
    term = SeatTerm.objects.create(
        seat=seat,
        holder=holder,
        substitute=substitute,
        term_start=term_start,
        term_end=term_end,
        started_on=term_start,
        decision=decision,
        note=note.strip()[:300],
        recorded_by=by,
    )
    seat.holder, seat.substitute = holder, substitute
    seat.term_start, seat.term_end = term_start, term_end
    seat.save(update_fields=["holder", "substitute", "term_start", "term_end"])
    return term


@transaction.atomic
def seat_recall(
    *, seat: Seat, on: dt.date, decision: Decision | None, by: User | None
) -> SeatTerm | None:
    """The holder is recalled from ``on``: the substitute, if there is one, takes the seat
    for the rest of the term; otherwise the seat stands empty until an election."""
    seat = locks.seat_lock(seat)
    if seat.holder_id is None:
        raise Refusal(_("This seat has no holder to recall."))
    _end_term(seat, on=on, reason=TermEnd.RECALLED)
    successor = seat.substitute
    term = None
    if successor is not None:
        term = SeatTerm.objects.create(
            seat=seat,
            holder=successor,
            substitute=None,
            term_start=seat.term_start,
            term_end=seat.term_end,
            started_on=on,
            decision=decision,
            note=as_recorded(gettext_lazy("The substitute takes the seat after the recall.")),
            recorded_by=by,
        )
    seat.holder, seat.substitute = successor, None
    seat.save(update_fields=["holder", "substitute"])
    return term


def election_carry_out(
    *, proposal: Proposal, decision: Decision, by: User | None
) -> Promise | None:
    """An election carried: the person elected holds the seat for the statute's term from
    the day of the vote."""
    if not (proposal.seat and proposal.candidate):
        return None
    day = proposal.meeting.date
    statute = selectors.statute_for(proposal.meeting.organ.commune)
    seat_assign(
        seat=proposal.seat,
        holder=proposal.candidate,
        substitute=proposal.candidate_substitute,
        term_start=day,
        term_end=_add_years(day, statute.term_years),
        by=by,
        decision=decision,
    )
    return gettext_lazy("The seat was assigned to the person elected.")
