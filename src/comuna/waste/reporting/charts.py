"""The month's four charts, as ``core.charts`` geometry: the page draws them in SVG, the
printed report on paper. Labels come in the active language (the PDF's is the commune's)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from comuna.core.charts import BarChart, Pair, PairedChart, bar_chart, paired_bar_chart
from comuna.waste.reporting.selectors import MonthReport, litres


@dataclass(frozen=True, slots=True)
class MonthCharts:
    kg: BarChart  # kg collected each day
    litres: PairedChart  # litres each day against the day's allowance
    waits: BarChart  # services by days waited
    ration: BarChart  # the month's diesel: received, used, needed


def month_charts(report: MonthReport) -> MonthCharts:
    def day(report_day: object) -> str:
        return f"{report_day:%d}"

    return MonthCharts(
        kg=bar_chart([(day(d.date), d.kg) for d in report.days]),
        litres=paired_bar_chart(
            [
                (
                    "",
                    [
                        Pair(
                            label=day(d.date),
                            first=d.allowance_ml,
                            second=d.litres_ml,
                            first_text=number_format(litres(d.allowance_ml), use_l10n=True),
                            second_text=number_format(litres(d.litres_ml), use_l10n=True),
                            flagged=d.litres_ml > d.allowance_ml,
                        )
                        for d in report.days
                    ],
                )
            ]
        ),
        waits=bar_chart([(band.label, band.count) for band in report.bands]),
        ration=bar_chart(
            [
                (_("Received"), litres(report.received_ml)),
                (_("Used"), litres(report.litres_ml)),
                (_("Need"), litres(report.need_ml)),
            ]
        ),
    )
