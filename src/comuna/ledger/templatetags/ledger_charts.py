"""The books' figures as charts, for the chart templates of core::

    {% for chart in rows|budget_charts %}{% include "core/_chart_pairs.html" ... %}{% endfor %}

The filters turn selector rows (aggregates only) into the geometry of
:mod:`comuna.core.charts`, with amounts written as the ``money`` filter writes them.
"""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from comuna.core.charts import Pair, PairedChart, paired_bar_chart
from comuna.ledger.selectors import BudgetRow, budget_by_organ
from comuna.ledger.templatetags.ledger import money

register = template.Library()


@register.filter
def budget_charts(rows: list[BudgetRow]) -> list[tuple[str, PairedChart]]:
    """Budget against actual per line, grouped by organ: one chart per unit (bars of
    bolívares and of dollars share no scale), as ``(unit, chart)``."""
    units = sorted({row.unit for row in rows}, key=lambda unit: (unit != "VES", unit))
    charts = []
    for unit in units:
        groups = [
            (
                organ.organ,
                [
                    Pair(
                        label=row.line.account.display_name,
                        first=row.line.amount,
                        second=max(row.actual, 0),
                        first_text=money(row.line.amount, unit),
                        second_text=_("%(amount)s (%(percent)s%%)")
                        % {"amount": money(row.actual, unit), "percent": row.percent},
                        flagged=row.over,
                    )
                    for row in organ.rows
                    if row.unit == unit
                ],
            )
            for organ in budget_by_organ(rows)
        ]
        charts.append((unit, paired_bar_chart([(name, pairs) for name, pairs in groups if pairs])))
    return charts
