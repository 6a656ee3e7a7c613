"""Who may do what in peace and mediation. Every view and API operation goes through here.

Rounds:
- a member of a security brigade (``BrigadeMember.login``) records its rounds and reads them;
- the administrator records and reads every round; the comptroller reads every round;
- a council spokesperson reads the rounds of their council's security brigades.

Mediation:
- an active mediator (``Mediator.login``) opens a case, and is assigned to it;
- a case's content (parties, sessions, agreement, its read log) is read ONLY by the mediators
  assigned to it: not by other mediators, not by the administrator, not by the comptroller;
- the administrator opens a case with its kind and mediators without reading it, and with the
  comptroller sees counts by kind and outcome and the list of cases without content.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.brigades.models import Brigade, BrigadeKind
from comuna.brigades.selectors import brigades_of_login
from comuna.peace.models import MediationCase, Mediator, Round
from comuna.users.actors import Actor


def _security_brigades(actor: Actor) -> QuerySet[Brigade]:
    return Brigade.objects.of(actor.commune).filter(kind=BrigadeKind.SECURITY)


def brigades_walked_by(actor: Actor) -> QuerySet[Brigade]:
    """The security brigades the actor records rounds for: all for the administrator, else
    those in which their login is an active member."""
    if actor.commune is None or not actor.is_authenticated:
        return Brigade.objects.none()
    if actor.is_admin:
        return _security_brigades(actor).filter(active=True)
    return _security_brigades(actor).filter(active=True, pk__in=brigades_of_login(actor))


def rounds_are_recordable(actor: Actor) -> bool:
    return brigades_walked_by(actor).exists()


def rounds_readable(actor: Actor) -> QuerySet[Round]:
    """The rounds the actor reads (with their reports' text)."""
    if actor.commune is None or not actor.is_authenticated:
        return Round.objects.none()
    rounds = Round.objects.of(actor.commune)
    if actor.is_admin or actor.is_comptroller:
        return rounds
    reach = Q(brigade__in=brigades_of_login(actor))
    if actor.is_spokesperson:
        reach |= Q(brigade__council_id__in=actor.council_ids)
    return rounds.filter(reach).distinct()


def rounds_are_readable(actor: Actor) -> bool:
    if actor.commune is None or not actor.is_authenticated:
        return False
    return (
        actor.is_admin
        or actor.is_comptroller
        or actor.is_spokesperson
        or (rounds_are_recordable(actor))
    )


def rounds_read_require(actor: Actor) -> None:
    if not rounds_are_readable(actor):
        raise Http404(_("The rounds are not in your reach."))


def round_record_require(actor: Actor) -> None:
    if not rounds_are_recordable(actor):
        raise PermissionDenied(_("Only the members of a security brigade record its rounds."))


def round_for_user(actor: Actor, pk: int) -> Round:
    """A round the actor reads; 404 for one outside their reach."""
    found = rounds_readable(actor).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such round."))
    return found


def round_for_recorder(actor: Actor, pk: int) -> Round:
    """A round of a brigade the actor walks for, to add a report to."""
    found = (
        Round.objects.of(actor.commune).filter(pk=pk, brigade__in=brigades_walked_by(actor)).first()
        if actor.commune is not None
        else None
    )
    if found is None:
        raise Http404(_("No such round."))
    return found


# Mediation -------------------------------------------------------------------------------


def mediator_of(actor: Actor) -> Mediator | None:
    """The active mediator the actor's login is, if any."""
    if actor.commune is None or actor.login is None:
        return None
    return Mediator.objects.of(actor.commune).filter(login=actor.login, active=True).first()


def cases_are_overseen(actor: Actor) -> bool:
    """Counts by kind and outcome, and the list without content."""
    return actor.is_admin or actor.is_comptroller


def cases_are_listed(actor: Actor) -> bool:
    return cases_are_overseen(actor) or mediator_of(actor) is not None


def cases_list_require(actor: Actor) -> None:
    if not cases_are_listed(actor):
        raise Http404(_("Mediation is not in your reach."))


def case_open_require(actor: Actor) -> Mediator | None:
    """A mediator opens a case and is assigned to it; the administrator opens one for
    mediators of their choosing. Answers the mediator who opens it, if it is one."""
    mediator = mediator_of(actor)
    if mediator is None and not actor.is_admin:
        raise PermissionDenied(_("Only a peace mediator or the administrator opens a case."))
    return mediator


def cases_of_mediator(actor: Actor) -> QuerySet[MediationCase]:
    """The cases whose content the actor reads: those they are assigned to."""
    mediator = mediator_of(actor)
    if mediator is None or actor.commune is None:
        return MediationCase.objects.none()
    return MediationCase.objects.of(actor.commune).filter(mediators=mediator)


def case_for_mediator(actor: Actor, pk: int) -> MediationCase:
    """A case whose content the actor may read: only one they mediate. 404 for any other,
    and for the administrator and the comptroller, who never read a case's content."""
    found = cases_of_mediator(actor).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such case among yours."))
    return found
