"""The page of plan against actual: a month's days, each with its routes, and two charts."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from comuna.core.charts import Pair, PairedChart, paired_bar_chart
from comuna.core.tenancy import commune_of
from comuna.core.web import render
from comuna.users.actors import actor_of
from comuna.waste.access import waste_is_readable
from comuna.waste.trips.selectors import (
    Month,
    month_start,
    next_month,
    plan_against_actual,
)


def _month(text: str) -> dt.date:
    if not text:
        return month_start(timezone.localdate())
    try:
        return dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        return month_start(timezone.localdate())


def _number(value: float) -> str:
    return formats.number_format(value, 1, use_l10n=True, force_grouping=True)


def _charts(month: Month) -> list[tuple[str, str, PairedChart]]:
    days = [(row, formats.date_format(row.date, "d/m")) for row in month.days]
    kg = [
        Pair(
            label=label,
            first=row.figures.planned_kg,
            second=row.figures.logged_kg,
            first_text=str(row.figures.planned_kg),
            second_text=str(row.figures.logged_kg),
        )
        for row, label in days
    ]
    litres = [
        Pair(
            label=label,
            first=row.figures.planned_litres_ml / 1000,
            second=row.figures.logged_litres_ml / 1000,
            first_text=_number(row.figures.planned_litres_ml / 1000),
            second_text=_number(row.figures.logged_litres_ml / 1000),
            flagged=row.figures.logged_litres_ml > row.figures.planned_litres_ml,
        )
        for row, label in days
    ]
    return [
        ("kg", _("kg planned and collected, day by day"), paired_bar_chart([("kg", kg)])),
        (
            "litres",
            _("Litres of diesel planned and used, day by day"),
            paired_bar_chart([(_("Litres"), litres)]),
        ),
    ]


@login_required
@require_GET
def plan_actual(request: HttpRequest) -> HttpResponse:
    if not waste_is_readable(actor_of(request)):
        raise Http404(_("No waste collection in your reach."))
    start = _month(request.GET.get("mes", ""))
    month = plan_against_actual(commune_of(request), start)
    previous = month_start(start - dt.timedelta(days=1))
    return render(
        request,
        "waste/trips/actual.html",
        {
            "month": month,
            "charts": _charts(month) if month.days else [],
            "previous": previous.strftime("%Y-%m"),
            "next": next_month(start).strftime("%Y-%m"),
        },
    )
