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

from comuna.users.actors import Actor
from comuna.waste.models import DayPlan, Route


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


# Trips: the routes a person may read or log, and the plans whose sheets they may print. ------


def route_for_user(actor: Actor, pk: int, *, log: bool = False) -> Route:
    """A route of the actor's commune to read (its sheet, its page) or to log; else 404/403."""
    if not waste_is_readable(actor) or actor.commune is None:
        raise Http404(_("No such route in your reach."))
    routes = Route.objects.of(actor.commune).select_related(
        "plan", "plan__enterprise", "plan__commune", "vehicle"
    )
    try:
        route: Route = routes.get(pk=pk)
    except Route.DoesNotExist:
        raise Http404(_("No such route in your reach.")) from None
    if log and not trips_are_loggable(actor):
        raise PermissionDenied(_("Only the enterprise's manager and crews log trips."))
    return route


def plan_for_user(actor: Actor, pk: int) -> DayPlan:
    """A day's plan of the actor's commune to print the sheets of; else 404."""
    if not waste_is_readable(actor) or actor.commune is None:
        raise Http404(_("No such plan in your reach."))
    try:
        plan: DayPlan = DayPlan.objects.of(actor.commune).select_related("enterprise").get(pk=pk)
    except DayPlan.DoesNotExist:
        raise Http404(_("No such plan in your reach.")) from None
    return plan
