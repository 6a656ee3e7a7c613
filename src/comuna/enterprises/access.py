"""Who may do what with the enterprises. Every view and API operation goes through here.

- the administrator and the enterprise managers create and edit enterprises and their
  workers, and record the diesel received;
- the treasurer and the comptroller read every enterprise and its month (the books are
  theirs to keep and to audit); the treasurer records the diesel received too;
- a worker reads the enterprises where their login works;
- nobody else sees them. An enterprise of another commune, or out of reach, answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.enterprises.models import Enterprise, Worker
from comuna.enterprises.selectors import enterprises_of_worker
from comuna.users.actors import Actor


def enterprises_are_managed(actor: Actor) -> bool:
    return actor.is_admin or actor.is_enterprise_manager


def enterprises_are_read(actor: Actor) -> bool:
    """Every enterprise of the commune, with its month."""
    return enterprises_are_managed(actor) or actor.is_treasurer or actor.is_comptroller


def diesel_is_recorded(actor: Actor) -> bool:
    return enterprises_are_managed(actor) or actor.is_treasurer


def enterprises_readable(actor: Actor) -> QuerySet[Enterprise]:
    if actor.commune is None or not actor.is_authenticated:
        return Enterprise.objects.none()
    if enterprises_are_read(actor):
        return Enterprise.objects.of(actor.commune)
    return enterprises_of_worker(actor)


def enterprise_for_user(
    actor: Actor, pk: int, *, manage: bool = False, diesel: bool = False
) -> Enterprise:
    """An enterprise to read, to manage, or to record diesel into; else 404 or 403."""
    enterprise = enterprises_readable(actor).filter(pk=pk).first()
    if enterprise is None:
        raise Http404(_("No such enterprise in your reach."))
    if manage and not enterprises_are_managed(actor):
        raise PermissionDenied(_("Only the administrator and the enterprise managers do this."))
    if diesel and not diesel_is_recorded(actor):
        raise PermissionDenied(
            _("Only the administrator, the enterprise managers and the treasurer record diesel.")
        )
    return enterprise


def worker_for_user(actor: Actor, enterprise: Enterprise, pk: int) -> Worker:
    """A worker of an enterprise the actor manages (see ``enterprise_for_user``)."""
    worker = Worker.objects.of(enterprise.commune_id).filter(enterprise=enterprise, pk=pk).first()
    if worker is None:
        raise Http404(_("No such worker."))
    return worker


def enterprises_are_listed(actor: Actor) -> bool:
    """The list of enterprises (and the menu's link): for those who read them all, and for a
    worker of one."""
    return enterprises_are_read(actor) or (
        actor.is_enterprise_worker and enterprises_readable(actor).exists()
    )


def require_enterprises_listed(actor: Actor) -> None:
    if not enterprises_are_listed(actor):
        raise PermissionDenied(_("You work in no enterprise of this commune."))


def require_enterprises_managed(actor: Actor) -> None:
    if not enterprises_are_managed(actor):
        raise PermissionDenied(_("Only the administrator and the enterprise managers do this."))
