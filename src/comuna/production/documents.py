"""The printable production plan: what to make, from what, at what cost, and the scenarios."""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from comuna.core.pdf import WIDTH, document_build, paragraph, particulars, table
from comuna.production.figures import scenario_label
from comuna.production.models import ProductionPlan
from comuna.production.selectors import plan_base, plan_scenario_rows


def _n(value: float | None, places: int = 0) -> str:
    if value is None:
        return "—"
    return formats.number_format(round(value, places), places, use_l10n=True, force_grouping=True)


def plan_pdf(plan: ProductionPlan) -> bytes:
    """The plan as last solved: its products, its inputs, its break-even prices, its
    scenarios. Call only when ``plan.result`` is set."""
    base: dict[str, Any] = plan_base(plan) or {}
    rows = plan_scenario_rows(plan)
    currency = plan.currency
    title = _("Production plan · %(plan)s") % {"plan": plan}
    products = [
        [_("Product"), _("Units"), _("Target"), _("Price"), _("Break-even price"), _("Surplus")]
    ]
    products += [
        [
            f"{p['name']} ({p['unit']})",
            _n(p["quantity"]),
            _n(p["target"]),
            _n(p["price"], 2),
            _n(p["break_even_price"], 2),
            _n(p["surplus"], 2),
        ]
        for p in base.get("products", [])
    ]
    inputs = [[_("Input"), _("Used"), _("Available"), _("Cost"), _("All used")]]
    inputs += [
        [
            f"{i['name']} ({i['unit']})",
            _n(i["used"], 1),
            _n(i["available"], 1),
            _n(i["cost"], 2),
            _("yes") if i["binding"] else "",
        ]
        for i in base.get("inputs", [])
    ]
    scenarios = [[_("Scenario"), _("Units"), _("Cost"), _("Income"), _("Surplus"), _("Targets")]]
    scenarios += [
        [
            scenario_label(r),
            _n(r.units),
            _n(r.cost, 2),
            _n(r.income, 2),
            _n(r.surplus, 2),
            _("met") if r.targets_met else _("short"),
        ]
        for r in rows
    ]
    story = [
        paragraph(title, "title"),
        particulars(
            [
                (_("Enterprise"), plan.enterprise.name),
                (_("Month"), f"{plan.month:%m/%Y}"),
                (_("Goal"), plan.get_goal_display()),
                (_("Currency"), currency),
                (_("Cost"), _n(base.get("cost"), 2)),
                (_("Income"), _n(base.get("income"), 2)),
                (_("Surplus"), _n(base.get("surplus"), 2)),
            ]
        ),
        Spacer(1, 4 * mm),
        paragraph(_("What to make"), "heading"),
        table(
            products,
            [WIDTH - 130 * mm, 22 * mm, 22 * mm, 20 * mm, 34 * mm, 32 * mm],
            numeric={1, 2, 3, 4, 5},
        ),
        Spacer(1, 4 * mm),
        paragraph(_("What it takes"), "heading"),
        table(inputs, [WIDTH - 110 * mm, 26 * mm, 26 * mm, 30 * mm, 28 * mm], numeric={1, 2, 3}),
        Spacer(1, 4 * mm),
        paragraph(_("What if"), "heading"),
        table(
            scenarios,
            [WIDTH - 130 * mm, 22 * mm, 28 * mm, 28 * mm, 28 * mm, 24 * mm],
            numeric={1, 2, 3, 4},
        ),
    ]
    if plan.stale:
        story.insert(1, paragraph(_("The plan changed after these figures were worked out.")))
    return document_build(story, title=title, commune_name=plan.commune.name, note=str(plan))
