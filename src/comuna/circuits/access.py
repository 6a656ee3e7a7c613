"""Who may do what in the communal circuits. Every view and API operation asks here.

- The administrator and the enterprises' manager organise: producers, outlets, cycles, offers
  and needs, imports, the plan (solve, approve) and deliveries on any line.
- The comptroller reads every cycle, its plan and its deliveries.
- A council's spokesperson reads the cycles in which their council's outlets have needs, and
  sees those outlets' lines.
- A driver (a vehicle's ``driver``) reads and records deliveries on their vehicle's sheet; the
  person who receives at an outlet (``Outlet.keeper``) records on that outlet's lines.
- Everyone reads the public aggregates.
A record of another commune, or out of the actor's reach, answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.circuits.models import Cycle, CycleStatus, Outlet, PlanLine, Vehicle
from comuna.users.actors import Actor


def circuits_are_organised(actor: Actor) -> bool:
    return actor.commune is not None and (actor.is_admin or actor.is_enterprise_manager)


def organise_require(actor: Actor) -> None:
    if not circuits_are_organised(actor):
        raise PermissionDenied(
            _("Only the administrator and the enterprises' manager organise the circuits.")
        )


def vehicles_driven(actor: Actor) -> QuerySet[Vehicle]:
    if actor.commune is None or actor.login is None:
        return Vehicle.objects.none()
    return Vehicle.objects.of(actor.commune).filter(driver=actor.login)


def outlets_kept(actor: Actor) -> QuerySet[Outlet]:
    if actor.commune is None or actor.login is None:
        return Outlet.objects.none()
    return Outlet.objects.of(actor.commune).filter(keeper=actor.login)


def _sees_everything(actor: Actor) -> bool:
    return circuits_are_organised(actor) or actor.is_comptroller


def circuits_are_readable(actor: Actor) -> bool:
    if actor.commune is None or not actor.is_authenticated:
        return False
    return (
        _sees_everything(actor)
        or actor.is_spokesperson
        or vehicles_driven(actor).exists()
        or outlets_kept(actor).exists()
    )


def read_require(actor: Actor) -> None:
    if not circuits_are_readable(actor):
        raise Http404(_("The circuits are not in your reach."))


def lines_readable(actor: Actor, cycle: Cycle) -> QuerySet[PlanLine]:
    """The plan lines of ``cycle`` the actor reads."""
    lines = PlanLine.objects.of(cycle.commune).filter(cycle=cycle)
    if _sees_everything(actor):
        return lines
    reach = Q(vehicle__in=vehicles_driven(actor)) | Q(outlet__in=outlets_kept(actor))
    if actor.is_spokesperson:
        reach |= Q(outlet__council_id__in=actor.council_ids)
    return lines.filter(reach)


def outlets_readable(actor: Actor, cycle: Cycle) -> QuerySet[Outlet]:
    outlets = Outlet.objects.of(cycle.commune).filter(needs__cycle=cycle).distinct()
    if _sees_everything(actor):
        return outlets
    reach = Q(pk__in=outlets_kept(actor)) | Q(lines__in=lines_readable(actor, cycle))
    if actor.is_spokesperson:
        reach |= Q(council_id__in=actor.council_ids)
    return outlets.filter(reach).distinct()


def cycles_readable(actor: Actor) -> QuerySet[Cycle]:
    if not circuits_are_readable(actor) or actor.commune is None:
        return Cycle.objects.none()
    cycles = Cycle.objects.of(actor.commune)
    if _sees_everything(actor):
        return cycles
    reach = Q(lines__vehicle__in=vehicles_driven(actor)) | Q(needs__outlet__in=outlets_kept(actor))
    if actor.is_spokesperson:
        reach |= Q(needs__outlet__council_id__in=actor.council_ids)
    return cycles.filter(reach).distinct()


def cycle_for_reader(actor: Actor, pk: int) -> Cycle:
    cycle = cycles_readable(actor).filter(pk=pk).first()
    if cycle is None:
        raise Http404(_("No such cycle in your reach."))
    return cycle


def cycle_for_organiser(actor: Actor, pk: int) -> Cycle:
    organise_require(actor)
    return cycle_for_reader(actor, pk)


def vehicle_sheet_for(actor: Actor, cycle: Cycle, vehicle_pk: int) -> Vehicle:
    """A vehicle of the cycle whose sheet the actor reads: organisers and the comptroller read
    every sheet, a driver their own."""
    vehicles = Vehicle.objects.of(cycle.commune).filter(lines__cycle=cycle).distinct()
    if not _sees_everything(actor):
        vehicles = vehicles.filter(driver=actor.login) if actor.login else vehicles.none()
    vehicle = vehicles.filter(pk=vehicle_pk).first()
    if vehicle is None:
        raise Http404(_("No such delivery sheet in your reach."))
    return vehicle


def line_for_recorder(actor: Actor, pk: int) -> PlanLine:
    """A line of an approved plan on which the actor records a delivery: the organisers on any,
    a driver on their vehicle's, an outlet's person on that outlet's."""
    if actor.commune is None or actor.login is None and not actor.operator:
        raise Http404(_("No such line in your reach."))
    lines = PlanLine.objects.of(actor.commune).filter(cycle__status=CycleStatus.APPROVED)
    if not circuits_are_organised(actor):
        lines = lines.filter(Q(vehicle__driver=actor.login) | Q(outlet__keeper=actor.login))
    line = (
        lines.select_related("cycle", "product", "outlet", "producer", "vehicle")
        .filter(pk=pk)
        .first()
    )
    if line is None:
        raise Http404(_("No such line in your reach."))
    return line
