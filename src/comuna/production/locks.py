"""The row locks of production plans: one, the plan's, taken before any change to it or its
parts, so that a solve reads a plan no one is changing and two edits queue."""

from __future__ import annotations

from comuna.production.models import ProductionPlan


def plan_lock(plan: ProductionPlan) -> ProductionPlan:
    """Lock ``plan``'s row until the transaction ends; call inside ``transaction.atomic``."""
    return ProductionPlan.objects.of(plan.commune_id).select_for_update().get(pk=plan.pk)
