"""The charts of a plan's page and PDF: what each scenario makes and leaves."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from comuna.core.charts import BarChart, bar_chart
from comuna.production.selectors import ScenarioRow


def scenario_label(row: ScenarioRow) -> str:
    return row.name or _("The plan")


@dataclass(frozen=True)
class PlanCharts:
    units: BarChart
    surplus: BarChart


def plan_charts(rows: list[ScenarioRow]) -> PlanCharts | None:
    """Units made and surplus left, per scenario beside the plan (a loss is drawn as an empty
    bar with its figure)."""
    if not rows:
        return None
    return PlanCharts(
        units=bar_chart(
            [(scenario_label(r), round(r.units)) for r in rows], colour="var(--accent)"
        ),
        surplus=bar_chart(
            [(scenario_label(r), round(r.surplus)) for r in rows], colour="var(--ok)"
        ),
    )
