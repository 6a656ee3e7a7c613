"""The page of plan against actual (a month's days, each with its routes, two charts, and
today's routes to follow), and the page of the collection fees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comuna.core.charts import Pair, PairedChart, paired_bar_chart
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, render
from comuna.users.actors import actor_of
from comuna.waste.access import waste_is_managed, waste_is_readable
from comuna.waste.models import CollectionFees, Route
from comuna.waste.services import waste_enterprise_of
from comuna.waste.trips import services
from comuna.waste.trips.forms import FeesForm
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
@require_http_methods(["GET", "POST"])
def fees(request: HttpRequest) -> HttpResponse:
    """The manager sets what the enterprise charges per kg and per point."""
    if not waste_is_managed(actor_of(request)):
        raise PermissionDenied(_("Only the enterprise's manager sets the fees."))
    enterprise = waste_enterprise_of(commune_of(request))
    if enterprise is None:
        raise Http404(_("The commune has no waste-collection enterprise yet."))
    current = CollectionFees.objects.of(enterprise.commune_id).filter(enterprise=enterprise).first()
    initial = {
        "per_kg": Decimal(current.cents_per_kg if current else 0) / 100,
        "per_point": Decimal(current.cents_per_point if current else 0) / 100,
    }
    form = FeesForm(request.POST or None, initial=initial)
    if request.method == "POST" and apply(
        form,
        lambda: services.collection_fees_set(
            enterprise=enterprise,
            cents_per_kg=int(form.cleaned_data["per_kg"] * 100),
            cents_per_point=int(form.cleaned_data["per_point"] * 100),
        ),
    ):
        messages.success(request, _("Fees saved."))
        return redirect("waste:actual")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Collection fees of %(enterprise)s") % {"enterprise": enterprise},
            "intro": _("Posted to the enterprise's cash with each trip log."),
            "back": reverse("waste:actual"),
        },
    )


@login_required
@require_GET
def plan_actual(request: HttpRequest) -> HttpResponse:
    if not waste_is_readable(actor_of(request)):
        raise Http404(_("No waste collection in your reach."))
    start = _month(request.GET.get("mes", ""))
    month = plan_against_actual(commune_of(request), start)
    previous = month_start(start - dt.timedelta(days=1))
    actor = actor_of(request)
    today = list(
        Route.objects.of(commune_of(request))
        .filter(plan__date=timezone.localdate(), plan__current=True)
        .select_related("vehicle", "plan", "log")
        .order_by("vehicle__plate")
    )
    return render(
        request,
        "waste/trips/actual.html",
        {
            "month": month,
            "charts": _charts(month) if month.days else [],
            "previous": previous.strftime("%Y-%m"),
            "next": next_month(start).strftime("%Y-%m"),
            "today_routes": today,
            "today_plan": today[0].plan if today else None,
            "can_manage": waste_is_managed(actor),
        },
    )
