"""Who may do what with production plans. Every view and API operation goes through here.

- the administrator and the enterprise manager make and change plans, and solve them;
- the treasurer, the comptroller and the enterprises' workers read them;
- nobody else sees them: a plan of another commune, or out of reach, answers 404.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.enterprises.models import Enterprise
from comuna.production.models import PlanInput, PlanScenario, Product, ProductionPlan
from comuna.users.actors import Actor


def production_is_managed(actor: Actor) -> bool:
    return actor.is_admin or actor.is_enterprise_manager


def production_is_readable(actor: Actor) -> bool:
    return (
        production_is_managed(actor)
        or actor.is_treasurer
        or actor.is_comptroller
        or actor.is_enterprise_worker
    )


def plans_readable(actor: Actor) -> QuerySet[ProductionPlan]:
    if not production_is_readable(actor) or actor.commune is None:
        return ProductionPlan.objects.none()
    return ProductionPlan.objects.of(actor.commune).select_related("enterprise")


def enterprises_plannable(actor: Actor) -> QuerySet[Enterprise]:
    if not production_is_managed(actor) or actor.commune is None:
        return Enterprise.objects.none()
    return Enterprise.objects.of(actor.commune)


def plan_for_user(actor: Actor, pk: int, *, manage: bool = False) -> ProductionPlan:
    """A plan to read, or to change with ``manage``; else 404 (out of reach) or 403."""
    try:
        plan: ProductionPlan = plans_readable(actor).get(pk=pk)
    except ProductionPlan.DoesNotExist:
        raise Http404(_("No such production plan in your reach.")) from None
    if manage and not production_is_managed(actor):
        raise PermissionDenied(
            _("Only the administrator and the enterprise manager change production plans.")
        )
    return plan


_M = TypeVar("_M", PlanInput, Product, PlanScenario)


def _part(actor: Actor, model: type[_M], pk: int) -> _M:
    if not production_is_readable(actor) or actor.commune is None:
        raise Http404(_("No such production plan in your reach."))
    try:
        part: _M = (
            model.objects.of(actor.commune).select_related("plan", "plan__enterprise").get(pk=pk)
        )
    except model.DoesNotExist:
        raise Http404(_("No such production plan in your reach.")) from None
    if not production_is_managed(actor):
        raise PermissionDenied(
            _("Only the administrator and the enterprise manager change production plans.")
        )
    return part


def input_for_user(actor: Actor, pk: int) -> PlanInput:
    return _part(actor, PlanInput, pk)


def product_for_user(actor: Actor, pk: int) -> Product:
    return _part(actor, Product, pk)


def scenario_for_user(actor: Actor, pk: int) -> PlanScenario:
    return _part(actor, PlanScenario, pk)
