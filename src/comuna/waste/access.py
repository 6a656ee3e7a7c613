"""Who may do what in waste collection. Every view and API operation goes through here.

- the administrator and the enterprise manager keep the fleet, the points and the ration, and
  make the day's plan;
- a worker of the enterprise (a truck's crew) follows their route and logs the trip;
- the comptroller and the treasurer read everything and change nothing;
- anyone sees the public figures (kg collected, points served), never a person.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.enterprises.models import Enterprise, EnterpriseKind
from comuna.users.actors import Actor


def waste_is_managed(actor: Actor) -> bool:
    """The fleet, the points, the ration and the day's plan."""
    return actor.is_admin or actor.is_enterprise_manager


def waste_is_readable(actor: Actor) -> bool:
    return (
        waste_is_managed(actor)
        or actor.is_enterprise_worker
        or actor.is_comptroller
        or actor.is_treasurer
    )


def trips_are_loggable(actor: Actor) -> bool:
    """A route's trip log: the crew on their phone, or the manager typing the paper sheet."""
    return waste_is_managed(actor) or actor.is_enterprise_worker


# The month's report and the letter to an institution ------------------------------------


def waste_reports_are_readable(actor: Actor) -> bool:
    """The month's report: who runs the enterprise, and who keeps and checks the books."""
    return waste_is_managed(actor) or actor.is_comptroller or actor.is_treasurer


def waste_letters_are_written(actor: Actor) -> bool:
    """A letter speaks for the enterprise: its manager or the administrator writes it."""
    return waste_is_managed(actor)


def report_enterprise_for_user(actor: Actor, pk: int | None) -> Enterprise:
    """The waste-collection enterprise whose month ``actor`` reads: ``pk``, or the commune's
    first by name when none is named. 403 for a role that reads no report, 404 for an
    enterprise of another commune or kind (and when the commune has none)."""
    if not waste_reports_are_readable(actor):
        raise PermissionDenied(_("The month's report is for the enterprise and the books."))
    enterprises = Enterprise.objects.of(actor.commune).filter(kind=EnterpriseKind.WASTE_COLLECTION)
    found = (
        enterprises.filter(pk=pk).first()
        if pk is not None
        else enterprises.order_by("name").first()
    )
    if found is None:
        raise Http404(_("No waste-collection enterprise."))
    return found
