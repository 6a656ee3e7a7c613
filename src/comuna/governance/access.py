"""Who may read and run which part of self-government. Every view goes through these.

Each function asks an :class:`~comuna.users.actors.Actor`: a user as they stand in one
commune. Roles add up (a spokesperson who is also the comptroller has both reaches):

- the administrator runs everything: the statute, the seats, the commune's organs and their
  meetings (the parliament's secretary works with the administrator's login);
- a council's spokesperson runs the meetings of that council's citizens' assembly and follows
  up its decisions;
- the comptroller reads everything, including who attended and who signed, and changes
  nothing;
- residents read meetings, their agendas, counts and decisions, but not who attended;
- anyone, logged in or not, reads the public follow-up of decisions: aggregates and titles.

Only the members of a commune (those who hold a role there) read its records, and nothing of
another commune is ever in reach. A record outside the actor's reach answers 404, exactly
like a missing one; one they may read but not change, 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.governance.models import (
    Decision,
    Meeting,
    Organ,
    Proposal,
    RecallPetition,
    Seat,
)
from comuna.users.actors import Actor


def _reader_commune(actor: Actor) -> Commune | None:
    """The commune whose records the actor reads: theirs, if they are a member of it."""
    return actor.commune if actor.commune is not None and actor.is_member else None


def _is_ours(actor: Actor, commune_id: int) -> bool:
    return actor.commune is not None and actor.commune.pk == commune_id


def is_admin(actor: Actor) -> bool:
    return actor.is_admin


def organs_readable(actor: Actor) -> QuerySet[Organ]:
    """The commune's organs and their seats, for its members: spokespeople are public office
    holders of their commune."""
    commune = _reader_commune(actor)
    if commune is None:
        return Organ.objects.none()
    return Organ.objects.of(commune)


def organs_manageable(actor: Actor) -> QuerySet[Organ]:
    """The organs whose meetings the actor may convene and run."""
    if actor.commune is None:
        return Organ.objects.none()
    organs = Organ.objects.of(actor.commune)
    if actor.is_admin:
        return organs
    if actor.is_spokesperson:
        return organs.filter(council_id__in=actor.council_ids)
    return organs.none()


def organ_is_manageable(actor: Actor, organ: Organ) -> bool:
    if not _is_ours(actor, organ.commune_id):
        return False
    if actor.is_admin:
        return True
    return (
        actor.is_spokesperson
        and organ.council_id is not None
        and organ.council_id in actor.council_ids
    )


def organ_for_user(actor: Actor, organ_id: int, *, manage: bool = False) -> Organ:
    organ = organs_readable(actor).select_related("commune", "council").filter(pk=organ_id).first()
    if organ is None:
        raise Http404(_("No such organ."))
    if manage and not organ_is_manageable(actor, organ):
        raise PermissionDenied(_("You may read this organ's meetings but not run them."))
    return organ


def meetings_readable(actor: Actor) -> QuerySet[Meeting]:
    """Every member of the commune reads its meetings: they are public acts of the commune."""
    commune = _reader_commune(actor)
    if commune is None:
        return Meeting.objects.none()
    return Meeting.objects.of(commune)


def meeting_is_manageable(actor: Actor, meeting: Meeting) -> bool:
    return organ_is_manageable(actor, meeting.organ)


def attendance_is_visible(actor: Actor, meeting: Meeting) -> bool:
    """Who attended (names and ID numbers) is for those who run the meeting and the
    comptroller; everyone else sees the count."""
    if not _is_ours(actor, meeting.commune_id):
        return False
    return actor.is_comptroller or meeting_is_manageable(actor, meeting)


def meeting_for_user(actor: Actor, meeting_id: int, *, manage: bool = False) -> Meeting:
    meeting = (
        meetings_readable(actor)
        .select_related("organ", "organ__commune", "organ__council")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise Http404(_("No such meeting."))
    if manage and not meeting_is_manageable(actor, meeting):
        raise PermissionDenied(_("You may read this meeting but not run it."))
    return meeting


def proposal_for_user(actor: Actor, proposal_id: int, *, manage: bool = False) -> Proposal:
    commune = _reader_commune(actor)
    proposal: Proposal | None = (
        Proposal.objects.of(commune)
        .select_related("meeting", "meeting__organ", "meeting__organ__commune")
        .filter(pk=proposal_id)
        .first()
        if commune is not None
        else None
    )
    if proposal is None:
        raise Http404(_("No such proposal."))
    if manage and not meeting_is_manageable(actor, proposal.meeting):
        raise PermissionDenied(_("You may read this proposal but not record its vote."))
    return proposal


def decisions_readable(actor: Actor) -> QuerySet[Decision]:
    commune = _reader_commune(actor)
    if commune is None:
        return Decision.objects.none()
    return Decision.objects.of(commune)


def decision_is_editable(actor: Actor, decision: Decision) -> bool:
    """The administrator, or the spokespeople of the council whose assembly took it or whose
    organ must carry it out."""
    if not _is_ours(actor, decision.commune_id):
        return False
    if actor.is_admin:
        return True
    if not actor.is_spokesperson:
        return False
    councils = {decision.proposal.meeting.organ.council_id}
    if decision.responsible_organ is not None:
        councils.add(decision.responsible_organ.council_id)
    return any(council_id in actor.council_ids for council_id in councils)


def decision_for_user(actor: Actor, decision_id: int, *, write: bool = False) -> Decision:
    decision = (
        decisions_readable(actor)
        .select_related("proposal__meeting__organ", "responsible_organ")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise Http404(_("No such decision."))
    if write and not decision_is_editable(actor, decision):
        raise PermissionDenied(_("You may follow this decision but not update it."))
    return decision


def seats_are_editable(actor: Actor) -> bool:
    """Recording elections, recalls and substitutions is the administrator's."""
    return actor.is_admin


def seat_for_user(actor: Actor, seat_id: int, *, write: bool = False) -> Seat:
    commune = _reader_commune(actor)
    seat: Seat | None = (
        Seat.objects.of(commune)
        .select_related("organ", "organ__commune", "council", "holder", "substitute")
        .filter(pk=seat_id)
        .first()
        if commune is not None
        else None
    )
    if seat is None:
        raise Http404(_("No such seat."))
    if write and not seats_are_editable(actor):
        raise PermissionDenied(_("Only the administrator records changes to the seats."))
    return seat


def signatures_are_visible(actor: Actor) -> bool:
    """Who signed a recall petition is sensitive: the administrator and the comptroller."""
    return actor.is_admin or actor.is_comptroller


def petition_for_user(actor: Actor, petition_id: int, *, write: bool = False) -> RecallPetition:
    commune = _reader_commune(actor)
    petition: RecallPetition | None = (
        RecallPetition.objects.of(commune)
        .select_related("seat", "seat__organ", "seat__council", "holder")
        .filter(pk=petition_id)
        .first()
        if commune is not None
        else None
    )
    if petition is None:
        raise Http404(_("No such petition."))
    if write and not seats_are_editable(actor):
        raise PermissionDenied(_("Only the administrator records recall petitions."))
    return petition


def statute_is_editable(actor: Actor) -> bool:
    return actor.is_admin


def meetings_managed_filter(actor: Actor) -> Q:
    """A filter for the meetings the actor runs (for "my meetings" lists)."""
    return Q(organ__in=organs_manageable(actor))
