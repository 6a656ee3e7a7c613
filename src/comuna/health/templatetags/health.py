"""The home page's notices of the clinic: what waits for the second key, what waits for the
comptroller."""

from __future__ import annotations

from typing import Any

from django import template

from comuna.health.access import discrepancy_is_closable, health_is_committee
from comuna.health.models import Discrepancy
from comuna.health.selectors import pending_for
from comuna.users.actors import actor_nobody

register = template.Library()


@register.inclusion_tag("health/_home_notice.html", takes_context=True)
def health_home_notice(context: dict[str, Any]) -> dict[str, Any]:
    """A committee member: the issues and counts waiting for them as the witness. The
    comptroller: the discrepancies waiting for a finding."""
    actor = context.get("actor") or actor_nobody()
    pending = open_discrepancies = 0
    if actor.commune is not None and actor.login is not None and health_is_committee(actor):
        issues, counts = pending_for(actor.commune, actor.login)
        pending = issues.count() + counts.count()
    if actor.commune is not None and discrepancy_is_closable(actor):
        open_discrepancies = (
            Discrepancy.objects.of(actor.commune).filter(closed_at__isnull=True).count()
        )
    return {"pending": pending, "discrepancies": open_discrepancies}
