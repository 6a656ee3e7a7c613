"""Who may do what with the brigades. Every view and API operation goes through here.

- the administrator creates and manages every brigade, and posts the funders' salaries;
- a brigade's spokesperson (``BrigadeMember.is_spokesperson`` with a login) manages its
  members and its rota;
- its members (their login) read their brigade, its rota and the hours served;
- the comptroller reads every brigade; a council spokesperson reads their councils';
- the public sees counts only (``/brigadas/publico/``). Anything else answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.brigades.models import Brigade, BrigadeMember, Shift, ShiftSwap
from comuna.brigades.selectors import brigade_is_led_by, brigades_of_login, member_of_login
from comuna.users.actors import Actor


def brigades_are_managed(actor: Actor) -> bool:
    """Create brigades, manage any of them, post salaries."""
    return actor.is_admin


def brigades_readable(actor: Actor) -> QuerySet[Brigade]:
    if actor.commune is None or not actor.is_authenticated:
        return Brigade.objects.none()
    every = Brigade.objects.of(actor.commune)
    if actor.is_admin or actor.is_comptroller:
        return every
    mine = brigades_of_login(actor).values("pk")
    if actor.is_spokesperson:
        return every.filter(Q(council_id__in=actor.council_ids) | Q(pk__in=mine))
    return every.filter(pk__in=mine)


def brigades_are_listed(actor: Actor) -> bool:
    return actor.is_admin or actor.is_comptroller or brigades_readable(actor).exists()


def brigade_is_managed(actor: Actor, brigade: Brigade) -> bool:
    """Its members and rota: the administrator, or the brigade's own spokesperson."""
    return brigades_are_managed(actor) or brigade_is_led_by(actor, brigade)


def require_brigades_listed(actor: Actor) -> None:
    if not brigades_are_listed(actor):
        raise Http404(_("You are in no brigade of this commune."))


def require_brigades_managed(actor: Actor) -> None:
    if not brigades_are_managed(actor):
        raise PermissionDenied(_("Only the administrator does this."))


def brigade_for_user(actor: Actor, pk: int, *, manage: bool = False, edit: bool = False) -> Brigade:
    """A brigade to read, to manage (members and rota) or to edit (its name, kind, funder:
    the administrator); else 404 or 403."""
    brigade = brigades_readable(actor).filter(pk=pk).first()
    if brigade is None:
        raise Http404(_("No such brigade in your reach."))
    if edit and not brigades_are_managed(actor):
        raise PermissionDenied(_("Only the administrator does this."))
    if manage and not brigade_is_managed(actor, brigade):
        raise PermissionDenied(_("Only the brigade's spokesperson or the administrator does this."))
    return brigade


def member_for_user(actor: Actor, brigade: Brigade, pk: int) -> BrigadeMember:
    """A member of a brigade the actor reached through ``brigade_for_user``."""
    member = BrigadeMember.objects.of(brigade.commune_id).filter(brigade=brigade, pk=pk).first()
    if member is None:
        raise Http404(_("No such member."))
    return member


def shift_for_user(actor: Actor, brigade: Brigade, pk: int) -> Shift:
    shift = (
        Shift.objects.of(brigade.commune_id)
        .filter(brigade=brigade, pk=pk)
        .select_related("member__person")
        .first()
    )
    if shift is None:
        raise Http404(_("No such shift."))
    return shift


def swap_is_asked_by(actor: Actor, shift: Shift) -> bool:
    """A member asks to swap their own shift."""
    own = member_of_login(actor, shift.brigade)
    return own is not None and own.person_id == shift.member.person_id


def swap_is_decided_by(actor: Actor, swap: ShiftSwap) -> bool:
    """The member asked (the holder of the shift wanted) accepts; the spokesperson or the
    administrator approves."""
    if brigade_is_managed(actor, swap.brigade):
        return True
    own = member_of_login(actor, swap.brigade)
    return own is not None and own.pk == swap.theirs.member_id


def swap_for_user(actor: Actor, brigade: Brigade, pk: int) -> ShiftSwap:
    swap = (
        ShiftSwap.objects.of(brigade.commune_id)
        .filter(brigade=brigade, pk=pk)
        .select_related("mine__member__person", "theirs__member__person", "brigade")
        .first()
    )
    if swap is None:
        raise Http404(_("No such swap."))
    if not swap_is_decided_by(actor, swap):
        raise PermissionDenied(_("Only the member asked or the spokesperson decides a swap."))
    return swap
