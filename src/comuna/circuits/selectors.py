"""Reads of the communal circuits: a cycle's figures, why each need got what it got, the
sheets, and the public aggregates."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from comuna.circuits.models import Cycle, CycleStatus, Delivery, Need, PlanLine
from comuna.circuits.services import kg_text
from comuna.core.charts import Pair, PairedChart, paired_bar_chart
from comuna.core.models import Commune


def reason_text(need: Need) -> str:
    """Why the need got what it got, in the reader's language."""
    product = need.product.name
    if need.reason == "met":
        return _("Met in full.")
    short = kg_text(need.short_g)
    if need.reason == "nobody_offers":
        return _("Short by %(kg)s kg: nobody offers %(product)s in this cycle.") % {
            "kg": short,
            "product": product,
        }
    if need.reason == "out_of_reach":
        return _("Short by %(kg)s kg: nobody offers %(product)s within reach of this outlet.") % {
            "kg": short,
            "product": product,
        }
    if need.reason == "fleet_full":
        return _("Short by %(kg)s kg: the vehicles of the cycle were full.") % {"kg": short}
    if need.reason == "supply_ran_out":
        through = need.served_through
        if through is not None and through >= need.priority:
            return _(
                "Short by %(kg)s kg: the %(product)s within reach ran out; it was shared among "
                "needs of priority %(priority)s, the nearest first."
            ) % {"kg": short, "product": product, "priority": need.priority}
        if through is not None:
            return _(
                "Short by %(kg)s kg: the %(product)s within reach ran out after the needs of "
                "priority 1 to %(through)s were served."
            ) % {"kg": short, "product": product, "through": through}
        return _("Short by %(kg)s kg: the %(product)s within reach ran out.") % {
            "kg": short,
            "product": product,
        }
    return _("Not planned yet.")


@dataclass(frozen=True)
class ProductFigures:
    name: str
    needed_g: int
    planned_g: int
    delivered_g: int


def product_figures(cycle: Cycle, lines: QuerySet[PlanLine]) -> list[ProductFigures]:
    needs = {
        row["product__name"]: row["g"]
        for row in Need.objects.of(cycle.commune)
        .filter(cycle=cycle)
        .values("product__name")
        .annotate(g=Sum("quantity_g"))
    }
    rows = {
        row["product__name"]: (row["planned"], row["delivered"])
        for row in lines.values("product__name").annotate(
            planned=Sum("quantity_g"), delivered=Sum("delivered_g")
        )
    }
    return [
        ProductFigures(name, needs.get(name, 0), *rows.get(name, (0, 0)))
        for name in sorted(set(needs) | set(rows))
    ]


def planned_delivered_chart(figures: list[ProductFigures]) -> PairedChart:
    return paired_bar_chart(
        [
            (
                _("kg"),
                [
                    Pair(
                        label=f.name,
                        first=f.planned_g / 1000,
                        second=f.delivered_g / 1000,
                        first_text=kg_text(f.planned_g),
                        second_text=kg_text(f.delivered_g),
                    )
                    for f in figures
                ],
            )
        ]
    )


def priority_figures(cycle: Cycle) -> list[tuple[int, int, int]]:
    """(priority, grams needed, grams planned) for each priority of the cycle."""
    return [
        (row["priority"], row["needed"], row["met"])
        for row in Need.objects.of(cycle.commune)
        .filter(cycle=cycle)
        .values("priority")
        .annotate(needed=Sum("quantity_g"), met=Sum("met_g"))
        .order_by("priority")
    ]


def sheet_lines(cycle: Cycle, vehicle_id: int) -> QuerySet[PlanLine]:
    return (
        PlanLine.objects.of(cycle.commune)
        .filter(cycle=cycle, vehicle_id=vehicle_id)
        .select_related("producer", "outlet", "product")
        .order_by("producer__name", "outlet__name", "product__name")
    )


@dataclass(frozen=True)
class PublicFigures:
    cycle: Cycle | None
    by_product: list[ProductFigures]
    by_priority: list[tuple[int, int, int]]
    outlets: int
    deliveries: int


def public_figures(commune: Commune) -> PublicFigures:
    """The latest approved cycle, in aggregates only: kg by product, needs met by priority."""
    cycle = (
        Cycle.objects.of(commune).filter(status=CycleStatus.APPROVED).order_by("-starts_on").first()
    )
    if cycle is None:
        return PublicFigures(None, [], [], 0, 0)
    lines = PlanLine.objects.of(commune).filter(cycle=cycle)
    outlets = (
        Need.objects.of(commune).filter(cycle=cycle).aggregate(n=Count("outlet", distinct=True))
    )
    deliveries = Delivery.objects.of(commune).filter(line__cycle=cycle).count()
    return PublicFigures(
        cycle, product_figures(cycle, lines), priority_figures(cycle), outlets["n"], deliveries
    )
