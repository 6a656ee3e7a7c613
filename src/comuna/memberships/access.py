"""Who may see and manage the memberships of a commune: its administrators only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.memberships.models import Membership
from comuna.users.actors import Actor


def memberships_are_manageable(actor: Actor) -> bool:
    return actor.is_admin


def check_memberships_manageable(actor: Actor) -> None:
    if not actor.is_authenticated or actor.commune is None or not actor.is_member:
        raise Http404(_("Nothing here in your reach."))
    if not actor.is_admin:
        raise PermissionDenied(_("Only the commune's administrators manage its members."))


def check_commune_settings_changeable(actor: Actor) -> None:
    """The commune's settings (its name, its address for phones) are its administrators'."""
    if not actor.is_authenticated or actor.commune is None or not actor.is_member:
        raise Http404(_("Nothing here in your reach."))
    if not actor.is_admin:
        raise PermissionDenied(_("Only the commune's administrators change its settings."))


def membership_for_actor(actor: Actor, pk: int) -> Membership:
    check_memberships_manageable(actor)
    membership = (
        Membership.objects.of(actor.commune).select_related("user").filter(pk=pk).first()
        if actor.commune is not None
        else None
    )
    if membership is None:
        raise Http404(_("No such membership in your reach."))
    return membership
