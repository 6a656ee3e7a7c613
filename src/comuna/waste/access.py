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

from comuna.core.models import Commune
from comuna.enterprises.models import Enterprise, EnterpriseKind
from comuna.users.actors import Actor
from comuna.waste.models import CollectionPoint, DayPlan, Route, Site, Vehicle, VehicleBreakdown


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


def _scoped(actor: Actor) -> Commune:
    if actor.commune is None or not waste_is_readable(actor):
        raise Http404(_("Nothing of waste collection is in your reach."))
    return actor.commune


def _manage_check(actor: Actor, manage: bool) -> None:
    if manage and not waste_is_managed(actor):
        raise PermissionDenied(_("Only the enterprise's manager changes this."))


def enterprise_for_user(actor: Actor, pk: int, *, manage: bool = False) -> Enterprise:
    """A waste-collection enterprise of the actor's commune; 404 outside reach, 403 to change."""
    commune = _scoped(actor)
    found = (
        Enterprise.objects.of(commune).filter(pk=pk, kind=EnterpriseKind.WASTE_COLLECTION).first()
    )
    if found is None:
        raise Http404(_("No such enterprise in your reach."))
    _manage_check(actor, manage)
    return found


def vehicle_for_user(actor: Actor, pk: int, *, manage: bool = False) -> Vehicle:
    commune = _scoped(actor)
    found = Vehicle.objects.of(commune).select_related("enterprise").filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such vehicle in your reach."))
    _manage_check(actor, manage)
    return found


def breakdown_for_user(actor: Actor, pk: int, *, manage: bool = False) -> VehicleBreakdown:
    commune = _scoped(actor)
    found = (
        VehicleBreakdown.objects.of(commune)
        .select_related("vehicle", "vehicle__enterprise")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404(_("No such breakdown in your reach."))
    _manage_check(actor, manage)
    return found


def site_for_user(actor: Actor, pk: int, *, manage: bool = False) -> Site:
    commune = _scoped(actor)
    found = Site.objects.of(commune).select_related("enterprise").filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such site in your reach."))
    _manage_check(actor, manage)
    return found


def point_for_user(actor: Actor, pk: int, *, manage: bool = False) -> CollectionPoint:
    commune = _scoped(actor)
    found = (
        CollectionPoint.objects.of(commune)
        .select_related("enterprise", "council", "sector")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404(_("No such collection point in your reach."))
    _manage_check(actor, manage)
    return found


def plan_for_user(actor: Actor, pk: int, *, manage: bool = False) -> DayPlan:
    commune = _scoped(actor)
    found = DayPlan.objects.of(commune).select_related("enterprise").filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such plan in your reach."))
    _manage_check(actor, manage)
    return found


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
