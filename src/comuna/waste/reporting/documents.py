"""The month's report and the letter to an institution, printed in the house style.

Both are documents of the commune, so both are written in the commune's language
(``records_language``), whatever the language of the screen they were asked from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from comuna.core.charts import Bar, BarChart, PairedChart
from comuna.core.language import records_language
from comuna.core.pdf import (
    ACCENT,
    FONT,
    RULE,
    WIDTH,
    document_build,
    paragraph,
    particulars,
    printable,
    signature_lines,
    table,
)
from comuna.waste.reporting.charts import month_charts
from comuna.waste.reporting.estimate import RationOutcome, current_ration_ml, ration_outcomes
from comuna.waste.reporting.selectors import MonthReport, litres


def _n(value: int | float | Decimal | None) -> str:
    """A figure as the commune's language writes it (thousands grouped); a dash for none."""
    if value is None:
        return "—"
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _l(ml: int) -> str:
    return _n(litres(ml))


def month_name(start: dt.date) -> str:
    return formats.date_format(start, "YEAR_MONTH_FORMAT")


# The colours of comuna.css's chart variables, for the same charts on paper.
_COLOURS = {"var(--m)": colors.HexColor("#3566a8"), "var(--u)": RULE, "var(--accent)": ACCENT}
_CHART_FONT = 7.5
_CHART_MAX_HEIGHT = 620.0  # of an A4 page's 740 points of text, with room for the title


def _draw_bar(drawing: Drawing, bar: Bar, height: float, value: str) -> None:
    """One bar of ``core.charts`` geometry (y down) on a drawing (y up), its value after it."""
    drawing.add(
        Rect(
            bar.x,
            height - bar.y - bar.height,
            bar.width,
            bar.height,
            fillColor=_COLOURS.get(bar.colour, colors.black),
            strokeColor=None,
        )
    )
    drawing.add(_text(bar.value_x, height - bar.text_y + 1, value))


def _text(x: float, y: float, text: str, anchor: str = "start") -> String:
    return String(x, y, printable(text), textAnchor=anchor, fontName=FONT, fontSize=_CHART_FONT)


def chart_drawing(chart: BarChart | PairedChart, title: str) -> Flowable:
    """A chart of ``core.charts`` drawn for paper, under its title, kept on one page."""
    # A month of days is taller than a page: shrink it to fit one, text and all.
    shrink = min(1.0, _CHART_MAX_HEIGHT / chart.height)
    drawing = Drawing(chart.width * shrink, chart.height * shrink)
    drawing.scale(shrink, shrink)
    if isinstance(chart, BarChart):
        for bar in chart.bars:
            drawing.add(_text(bar.label_x, chart.height - bar.text_y + 1, bar.text, "end"))
            _draw_bar(drawing, bar, chart.height, _n(bar.value))
    else:
        for group in chart.groups:
            for row in group.rows:
                drawing.add(
                    _text(row.first.label_x, chart.height - row.text_y + 1, row.text, "end")
                )
                _draw_bar(drawing, row.first, chart.height, row.first.text)
                _draw_bar(drawing, row.second, chart.height, row.second.text)
    return KeepTogether([paragraph(title, "heading"), drawing])


def _summary_rows(report: MonthReport) -> list[tuple[str, str]]:
    return [
        (_("Kg collected"), _n(report.kg)),
        (
            _("Points served"),
            _("%(served)s of %(points)s")
            % {"served": _n(report.points_served), "points": _n(report.points)},
        ),
        (_("Services"), _n(report.services)),
        (
            _("Days waited"),
            _("%(mean)s on average, %(max)s at most")
            % {"mean": _n(report.mean_wait), "max": _n(report.max_wait)},
        ),
        (_("Diesel used (L)"), _l(report.litres_ml)),
        (_("Litres per tonne"), _n(report.litres_per_tonne)),
        (_("Diesel received (L)"), _l(report.received_ml)),
        (_("Diesel to serve every point (L)"), _l(report.need_ml)),
        (_("Gap (L)"), _l(report.gap_ml)),
        (_("Point-days left unserved"), _n(report.points_left)),
    ]


def _day_table(report: MonthReport) -> Flowable:
    rows: list[Sequence[object]] = [
        (
            _("Day"),
            _("Kg"),
            _("Points served"),
            _("Points left"),
            _("Litres"),
            _("Allowance"),
            _("Need"),
        )
    ]
    rows += [
        (
            formats.date_format(day.date, "SHORT_DATE_FORMAT") + ("" if day.logged else " *"),
            _n(day.kg),
            _n(day.points_served),
            _n(day.points_left),
            _l(day.litres_ml),
            _l(day.allowance_ml),
            _l(day.need_ml),
        )
        for day in report.days
    ]
    width = (WIDTH - 28 * mm) / 6
    return table(rows, [28 * mm, *[width] * 6], numeric={1, 2, 3, 4, 5, 6})


def _council_table(report: MonthReport) -> Flowable:
    rows: list[Sequence[object]] = [
        (
            _("Council"),
            _("Points"),
            _("Points served"),
            _("Kg"),
            _("Mean wait"),
            _("Longest wait"),
        )
    ]
    rows += [
        (
            f"{c.code} {c.name}",
            _n(c.points),
            _n(c.points_served),
            _n(c.kg),
            _n(c.mean_wait),
            _n(c.max_wait),
        )
        for c in report.councils
    ]
    width = (WIDTH - 60 * mm) / 5
    return table(rows, [60 * mm, *[width] * 5], numeric={1, 2, 3, 4, 5})


def _charts(report: MonthReport) -> list[Flowable]:
    if report.is_empty:
        return []
    charts = month_charts(report)
    return [
        chart_drawing(charts.kg, _("Kg collected each day")),
        chart_drawing(charts.litres, _("Litres each day against the day's allowance")),
        paragraph(
            _("Grey: the day's allowance; blue: the litres used; red: used above the allowance."),
            "small",
        ),
        chart_drawing(charts.waits, _("Days a point waited between two services")),
        chart_drawing(charts.ration, _("The month's diesel: received, used and needed (litres)")),
    ]


def month_report_pdf(report: MonthReport) -> bytes:
    """The month's report: the figures, each day, each council, and the days waited."""
    enterprise = report.enterprise
    with records_language():
        title = _("%(enterprise)s: %(month)s") % {
            "enterprise": enterprise.name,
            "month": month_name(report.start),
        }
        story: list[Flowable] = [
            paragraph(title, "title"),
            paragraph(_("The month's report of waste collection"), "small"),
            Spacer(1, 3 * mm),
            particulars(_summary_rows(report), label_width=65 * mm),
            *_charts(report),
            paragraph(_("Each day"), "heading"),
            _day_table(report),
            paragraph(
                _("* planned figures: the crews have not logged every route of that day."),
                "small",
            ),
            paragraph(_("Each council"), "heading"),
            _council_table(report),
            paragraph(_("Days waited between services"), "heading"),
            table(
                [(_("Days"), _("Services")), *[(b.label, _n(b.count)) for b in report.bands]],
                [40 * mm, 30 * mm],
                numeric={1},
            ),
        ]
        return document_build(
            story, title=title, commune_name=enterprise.commune.name, note=enterprise.name
        )


def _outcome_label(key: str) -> str:
    return {
        "current": _("The current ration"),
        "asked": _("The ration asked for"),
        "need": _("Every point every day"),
    }[key]


def _outcome_table(outcomes: list[tuple[str, RationOutcome]]) -> Flowable:
    rows: list[Sequence[object]] = [
        (_("Monthly ration"), _("Litres"), _("Point services"), _("Kg"), _("Mean days waited"))
    ]
    rows += [
        (
            _outcome_label(key) + (" *" if outcome.estimated else ""),
            _l(outcome.ration_ml),
            _n(outcome.services),
            _n(outcome.kg),
            _n(outcome.mean_wait),
        )
        for key, outcome in outcomes
    ]
    width = (WIDTH - 55 * mm) / 4
    return table(rows, [55 * mm, *[width] * 4], numeric={1, 2, 3, 4})


def letter_pdf(
    report: MonthReport,
    *,
    addressee: str,
    asked_ml: int,
    signatories: Sequence[str],
    place: str = "",
) -> bytes:
    """A letter asking ``addressee`` for a monthly ration of ``asked_ml``, with the month's
    figures, what the ration asked for would serve and how that was estimated."""
    enterprise = report.enterprise
    commune = enterprise.commune
    outcomes = ration_outcomes(report, asked_ml)
    with records_language():
        title = _("Diesel for the collection of waste: %(commune)s") % {"commune": commune.name}
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
        values = {
            "enterprise": enterprise.name,
            "commune": commune.name,
            "month": month_name(report.start),
            "received": _l(current_ration_ml(report)),
            "served": _n(report.points_served),
            "points": _n(report.points),
            "kg": _n(report.kg),
            "mean": _n(report.mean_wait),
            "max": _n(report.max_wait),
            "per_tonne": _n(report.litres_per_tonne),
            "need": _l(report.need_ml),
            "gap": _l(max(report.gap_ml, 0)),
            "left": _n(report.points_left),
            "asked": _l(asked_ml),
        }
        story: list[Flowable] = [
            paragraph(f"{place}, {today}" if place else today, "small"),
            Spacer(1, 4 * mm),
            paragraph(_("To: %(addressee)s") % {"addressee": addressee}, "bold"),
            paragraph(_("From: %(enterprise)s, %(commune)s") % values),
            Spacer(1, 3 * mm),
            paragraph(title, "title"),
            paragraph(
                _(
                    "In %(month)s the communal enterprise %(enterprise)s received "
                    "%(received)s litres of diesel to collect the waste of %(commune)s. With "
                    "them it served %(served)s of its %(points)s collection points and "
                    "collected %(kg)s kg; a point waited %(mean)s days on average between two "
                    "collections, and %(max)s days at the longest. Each tonne collected took "
                    "%(per_tonne)s litres."
                )
                % values
            ),
            Spacer(1, 2 * mm),
            paragraph(
                (
                    _(
                        "The day's plans of the month show that %(need)s litres would have "
                        "served every point on every collection day: %(gap)s litres more than "
                        "we received. %(left)s times a point was left waiting for another day."
                    )
                    if report.gap_ml > 0
                    else _(
                        "The day's plans of the month show that %(need)s litres would have "
                        "served every point on every collection day: the diesel we received "
                        "was enough."
                    )
                )
                % values
            ),
            paragraph(_("What each ration serves"), "heading"),
            _outcome_table(outcomes),
            Spacer(1, 2 * mm),
            paragraph(
                _(
                    "* Estimated. How: the plans say how many litres would serve every point; "
                    "a ration between the current one and that figure serves the same share "
                    "of the collections left undone as the share of the missing litres it "
                    "adds, each collection bringing in the month's average kg; and a point "
                    "waits less in proportion to how much more often it is served. The "
                    "current ration's figures are what was logged (or planned, for routes "
                    "not yet logged)."
                ),
                "small",
            ),
            Spacer(1, 3 * mm),
            paragraph(
                _(
                    "We therefore ask for a monthly ration of %(asked)s litres of diesel for "
                    "the waste collection of %(commune)s."
                )
                % values
            ),
            signature_lines(list(signatories), heading=_("Signed")),
        ]
        return document_build(
            story, title=title, commune_name=commune.name, note=_("Letter") + f" {report.month}"
        )
