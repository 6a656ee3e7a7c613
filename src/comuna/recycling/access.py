"""Who may do what at the recycling yard. Every view and API operation goes through here.

- the administrator and the enterprise manager keep the materials and prices, form bales,
  record sales and import weigh-ins;
- a worker of an enterprise (the scale operator) records weigh-ins on the phone page;
- the comptroller and the treasurer read everything and change nothing;
- anyone else: nothing of the yard (its public figures are the books').
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.recycling.models import Material
from comuna.users.actors import Actor


def yard_is_managed(actor: Actor) -> bool:
    """Materials, prices, bales, sales and imports."""
    return actor.is_admin or actor.is_enterprise_manager


def weighins_are_recordable(actor: Actor) -> bool:
    """The scale operator's phone page, and the manager's."""
    return yard_is_managed(actor) or actor.is_enterprise_worker


def yard_is_readable(actor: Actor) -> bool:
    return weighins_are_recordable(actor) or actor.is_comptroller or actor.is_treasurer


def yard_read_require(actor: Actor) -> None:
    if not yard_is_readable(actor):
        raise Http404(_("The recycling yard is not in your reach."))


def yard_manage_require(actor: Actor) -> None:
    yard_read_require(actor)
    if not yard_is_managed(actor):
        raise PermissionDenied(_("Only the yard's manager or the administrator does this."))


def weighin_record_require(actor: Actor) -> None:
    yard_read_require(actor)
    if not weighins_are_recordable(actor):
        raise PermissionDenied(_("Only the yard's workers record weigh-ins."))


def material_for_user(actor: Actor, pk: int) -> Material:
    """A material of the actor's commune to read; 404 for another commune's or none."""
    yard_read_require(actor)
    material = (
        Material.objects.of(actor.commune).filter(pk=pk).first()
        if actor.commune is not None
        else None
    )
    if material is None:
        raise Http404(_("No such material."))
    return material
