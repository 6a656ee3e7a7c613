"""Recall petitions: opened against a seat's holder, signed on paper and typed back, closed
by the recall vote."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.census.identity import InvalidNationalId, normalize_national_id
from comuna.census.models import Person
from comuna.core.refusals import Refusal
from comuna.engines.governance_rules import (
    recall_signatures_needed,
)
from comuna.governance import locks, selectors
from comuna.governance.models import (
    Decision,
    PetitionStatus,
    Proposal,
    RecallPetition,
    RecallSignature,
    Seat,
)
from comuna.governance.services.base import _check_text, _today
from comuna.governance.services.seats import seat_recall
from comuna.users.models import User


@transaction.atomic
def recall_petition_open(
    *, seat: Seat, reason: str, by: User | None, on: dt.date | None = None
) -> RecallPetition:
    """Open a petition to recall the seat's holder. The signatures it needs are fixed now:
    the statute's share of the electorate the seat answers to."""
    seat = locks.seat_lock(seat)
    on = on or _today()
    if seat.holder is None:
        raise Refusal(_("This seat has no holder to recall."))
    reason = _check_text(reason, "reason", _("Say why the recall is asked for."))
    statute = selectors.statute_for(seat.organ.commune)
    electorate = selectors.seat_electorate(seat, on=on).count()
    needed = recall_signatures_needed(electorate, statute.recall_petition_percent)
    try:
        with transaction.atomic():
            return RecallPetition.objects.create(
                seat=seat,
                holder=seat.holder,
                reason=reason,
                opened_on=on,
                electorate=electorate,
                signatures_needed=needed,
                opened_by=by,
            )
    except IntegrityError:
        raise Refusal(_("A recall petition for this seat is already open.")) from None


@dataclass
class SignResult:
    added: list[Person] = field(default_factory=list)
    already: list[Person] = field(default_factory=list)


def _people_by_national_id(raw: str, commune_id: int) -> tuple[list[Person], list[str]]:
    """The people of the commune whose ID numbers are typed in ``raw`` (any separators), and
    the problems."""
    found: list[Person] = []
    problems: list[str] = []
    for token in re.split(r"[\s,;]+", raw.strip()):
        if not token:
            continue
        try:
            national_id = normalize_national_id(token)
        except InvalidNationalId:
            problems.append(_("“%(value)s” is not an ID number.") % {"value": token})
            continue
        person = (
            Person.objects.of(commune_id)
            .select_related("household")
            .filter(national_id=national_id)
            .first()
        )
        if person is None:
            problems.append(_("Nobody in the census has the ID %(id)s.") % {"id": national_id})
        else:
            found.append(person)
    return found, problems


@transaction.atomic
def recall_petition_sign(
    *, petition: RecallPetition, national_ids: str, by: User | None
) -> SignResult:
    """Add the signers typed from the paper petition (ID numbers), all or none. A signer must
    belong to the seat's electorate; signing twice counts once. With enough signatures the
    petition asks for a recall vote."""
    petition = locks.petition_lock(petition)
    if petition.status not in (PetitionStatus.COLLECTING, PetitionStatus.VOTE_DUE):
        raise Refusal(_("This petition is closed."))
    people, problems = _people_by_national_id(national_ids, petition.commune_id)
    electorate = selectors.seat_electorate(petition.seat, on=_today())
    allowed = set(electorate.filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True))
    for person in people:
        if person.pk not in allowed:
            problems.append(
                _("%(name)s is not in the electorate of this seat.") % {"name": person.full_name}
            )
    if problems:
        raise Refusal(" ".join(problems), field="national_ids")
    if not people:
        raise Refusal(_("Type at least one ID number."), field="national_ids")
    result = SignResult()
    signed = set(petition.signatures.values_list("person_id", flat=True))
    for person in people:
        if person.pk in signed:
            result.already.append(person)
            continue
        RecallSignature.objects.create(petition=petition, person=person, recorded_by=by)
        signed.add(person.pk)
        result.added.append(person)
    if len(signed) >= petition.signatures_needed and petition.status == PetitionStatus.COLLECTING:
        petition.status = PetitionStatus.VOTE_DUE
        petition.save(update_fields=["status"])
    return result


def _close_petition(petition: RecallPetition, status: PetitionStatus, on: dt.date) -> None:
    petition.status, petition.closed_on = status, on
    petition.save(update_fields=["status", "closed_on"])


def recall_carry_out(*, proposal: Proposal, decision: Decision, by: User | None) -> Promise | None:
    """A recall carried: the holder leaves the seat on the day of the vote and the petition
    is closed as recalled."""
    if proposal.petition is None:
        return None
    day = proposal.meeting.date
    seat_recall(seat=proposal.petition.seat, on=day, decision=decision, by=by)
    _close_petition(proposal.petition, PetitionStatus.RECALLED, day)
    return gettext_lazy("The holder was recalled from the seat.")
