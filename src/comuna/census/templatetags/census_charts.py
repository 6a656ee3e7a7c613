"""The census's statistics as charts, for the chart templates of core::

    {% include "core/_chart_bars.html" with chart=stats|vulnerability_chart chart_id="v" %}

The filters turn :class:`~comuna.census.selectors.CensusStatistics` (aggregates only) into
the geometry of :mod:`comuna.core.charts`, with labels in the language of the request.
"""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from comuna.census.models import CHILD_AGE, ELDERLY_AGE, SMALL_CHILD_AGE
from comuna.census.selectors import CensusStatistics
from comuna.core.charts import BarChart, Pyramid, bar_chart, population_pyramid

register = template.Library()


def vulnerability_labels() -> dict[str, str]:
    """What each count of ``CensusStatistics.vulnerability`` means, in the active language."""
    return {
        "elderly": _("aged %(age)s and over") % {"age": ELDERLY_AGE},
        "children": _("children under %(age)s") % {"age": CHILD_AGE},
        "small_children": _("children under %(age)s") % {"age": SMALL_CHILD_AGE},
        "disability": _("disability"),
        "pregnant": _("pregnancy"),
        "chronic_illness": _("chronic illness"),
    }


@register.filter
def age_pyramid(stats: CensusStatistics) -> Pyramid:
    return population_pyramid(stats.age_bands)


@register.filter
def vulnerability_chart(stats: CensusStatistics) -> BarChart:
    labels = vulnerability_labels()
    items = [(label, stats.vulnerability[key]) for key, label in labels.items()]
    return bar_chart(items, colour="var(--accent)")


@register.filter
def council_people_chart(stats: CensusStatistics) -> BarChart:
    """People per council (commune statistics only: a council's own has no rows)."""
    return bar_chart([(f"{row.code} {row.name}", row.people) for row in stats.council_rows])
