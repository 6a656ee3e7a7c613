"""Who may read and run which part of self-government. Every view goes through these.

- the administrator runs everything: the statute, the seats, the commune's organs and their
  meetings (the parliament's secretary works with the administrator's login);
- a council's spokesperson runs the meetings of that council's citizens' assembly and follows
  up its decisions;
- the comptroller reads everything, including who attended and who signed, and changes
  nothing;
- residents read meetings, their agendas, counts and decisions, but not who attended;
- anyone, logged in or not, reads the public follow-up of decisions: aggregates and titles.

A record outside the user's reach answers 404; one they may read but not change, 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.census.access import AnyUser
from comuna.governance.models import (
    Decision,
    Meeting,
    Organ,
    Proposal,
    RecallPetition,
    Seat,
)
from comuna.users.models import Role, User


def _login(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def is_admin(user: AnyUser) -> bool:
    login = _login(user)
    return login is not None and login.is_admin


def organs_manageable(user: AnyUser) -> QuerySet[Organ]:
    """The organs whose meetings the user may convene and run."""
    login = _login(user)
    if login is None:
        return Organ.objects.none()
    if login.is_admin:
        return Organ.objects.all()
    if login.role == Role.SPOKESPERSON and login.council_id is not None:
        return Organ.objects.filter(council_id=login.council_id)
    return Organ.objects.none()


def organ_is_manageable(user: AnyUser, organ: Organ) -> bool:
    login = _login(user)
    if login is None:
        return False
    if login.is_admin:
        return True
    return (
        login.role == Role.SPOKESPERSON
        and organ.council_id is not None
        and organ.council_id == login.council_id
    )


def organ_for_user(user: AnyUser, organ_id: int, *, manage: bool = False) -> Organ:
    organ = Organ.objects.select_related("commune", "council").filter(pk=organ_id).first()
    if organ is None or _login(user) is None:
        raise Http404(_("No such organ."))
    if manage and not organ_is_manageable(user, organ):
        raise PermissionDenied(_("You may read this organ's meetings but not run them."))
    return organ


def meetings_readable(user: AnyUser) -> QuerySet[Meeting]:
    """Every logged-in user reads every meeting: meetings are public acts of the commune."""
    if _login(user) is None:
        return Meeting.objects.none()
    return Meeting.objects.all()


def meeting_is_manageable(user: AnyUser, meeting: Meeting) -> bool:
    return organ_is_manageable(user, meeting.organ)


def attendance_is_visible(user: AnyUser, meeting: Meeting) -> bool:
    """Who attended (names and ID numbers) is for those who run the meeting and the
    comptroller; everyone else sees the count."""
    login = _login(user)
    if login is None:
        return False
    return login.is_comptroller or meeting_is_manageable(user, meeting)


def meeting_for_user(user: AnyUser, meeting_id: int, *, manage: bool = False) -> Meeting:
    meeting = (
        meetings_readable(user)
        .select_related("organ", "organ__commune", "organ__council")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise Http404(_("No such meeting."))
    if manage and not meeting_is_manageable(user, meeting):
        raise PermissionDenied(_("You may read this meeting but not run it."))
    return meeting


def proposal_for_user(user: AnyUser, proposal_id: int, *, manage: bool = False) -> Proposal:
    proposal = (
        Proposal.objects.filter(meeting__in=meetings_readable(user))
        .select_related("meeting", "meeting__organ", "meeting__organ__commune")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise Http404(_("No such proposal."))
    if manage and not meeting_is_manageable(user, proposal.meeting):
        raise PermissionDenied(_("You may read this proposal but not record its vote."))
    return proposal


def decisions_readable(user: AnyUser) -> QuerySet[Decision]:
    if _login(user) is None:
        return Decision.objects.none()
    return Decision.objects.all()


def decision_is_editable(user: AnyUser, decision: Decision) -> bool:
    """The administrator, or the spokespeople of the council whose assembly took it or whose
    organ must carry it out."""
    login = _login(user)
    if login is None:
        return False
    if login.is_admin:
        return True
    if login.role != Role.SPOKESPERSON or login.council_id is None:
        return False
    councils = {decision.proposal.meeting.organ.council_id}
    if decision.responsible_organ is not None:
        councils.add(decision.responsible_organ.council_id)
    return login.council_id in councils


def decision_for_user(user: AnyUser, decision_id: int, *, write: bool = False) -> Decision:
    decision = (
        decisions_readable(user)
        .select_related("proposal__meeting__organ", "responsible_organ")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise Http404(_("No such decision."))
    if write and not decision_is_editable(user, decision):
        raise PermissionDenied(_("You may follow this decision but not update it."))
    return decision


def seats_are_editable(user: AnyUser) -> bool:
    """Recording elections, recalls and substitutions is the administrator's."""
    return is_admin(user)


def seat_for_user(user: AnyUser, seat_id: int, *, write: bool = False) -> Seat:
    seat = (
        Seat.objects.select_related("organ", "organ__commune", "council", "holder", "substitute")
        .filter(pk=seat_id)
        .first()
    )
    if seat is None or _login(user) is None:
        raise Http404(_("No such seat."))
    if write and not seats_are_editable(user):
        raise PermissionDenied(_("Only the administrator records changes to the seats."))
    return seat


def signatures_are_visible(user: AnyUser) -> bool:
    """Who signed a recall petition is sensitive: the administrator and the comptroller."""
    login = _login(user)
    return login is not None and (login.is_admin or login.is_comptroller)


def petition_for_user(user: AnyUser, petition_id: int, *, write: bool = False) -> RecallPetition:
    petition = (
        RecallPetition.objects.select_related("seat", "seat__organ", "seat__council", "holder")
        .filter(pk=petition_id)
        .first()
    )
    if petition is None or _login(user) is None:
        raise Http404(_("No such petition."))
    if write and not seats_are_editable(user):
        raise PermissionDenied(_("Only the administrator records recall petitions."))
    return petition


def statute_is_editable(user: AnyUser) -> bool:
    return is_admin(user)


def meetings_managed_filter(user: AnyUser) -> Q:
    """A filter for the meetings the user runs (for "my meetings" lists)."""
    return Q(organ__in=organs_manageable(user))
