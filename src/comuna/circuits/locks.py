"""The circuits' row locks, in the order they are taken: the cycle, then a plan line, then the
books' posting lock (which the ledger's services take themselves)."""

from __future__ import annotations

from comuna.circuits.models import Cycle, PlanLine


def cycle_lock(cycle: Cycle) -> Cycle:
    """Lock the cycle's row and read it afresh (plan, approval and changes to offers/needs)."""
    return Cycle.objects.of(cycle.commune_id).select_for_update().get(pk=cycle.pk)


def line_lock(line: PlanLine) -> PlanLine:
    """Lock a plan line's row and read it afresh with what a delivery needs."""
    return (
        PlanLine.objects.of(line.commune_id)
        .select_for_update(of=("self",))
        .select_related("cycle", "product", "producer", "outlet", "commune")
        .get(pk=line.pk)
    )
