"""The route sheets (PDF), the crew's phone page of a route with its trip log form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.web import apply, pdf_response, render
from comuna.users.actors import actor_of
from comuna.waste.access import plan_for_user, route_for_user, trips_are_loggable
from comuna.waste.models import StopKind, TripLog, TripSource
from comuna.waste.trips import services
from comuna.waste.trips.forms import TripLogForm, kg_field_name
from comuna.waste.trips.sheets import plan_sheets_pdf, route_picture, route_sheet_pdf, route_stops

MAP_WIDTH, MAP_HEIGHT = 360, 260


def _number(thousandths: int) -> str:
    """Metres as km, or mL as litres, with one decimal in the reader's language."""
    return formats.number_format(thousandths / 1000, 1, use_l10n=True, force_grouping=True)


@login_required
def route_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    route = route_for_user(actor_of(request), pk)
    return pdf_response(route_sheet_pdf(route), f"hoja-ruta-{route.plan.date}-{route.pk}.pdf")


@login_required
def plan_sheets(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user(actor_of(request), pk)
    return pdf_response(plan_sheets_pdf(plan), f"hojas-ruta-{plan.date}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def route_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The route in order for the crew (390 px first), and the trip log form until logged."""
    actor = actor_of(request)
    route = route_for_user(actor, pk, log=request.method == "POST")
    stops = route_stops(route)
    log = TripLog.objects.of(route.commune_id).filter(route=route).first()
    form = None
    if log is None and trips_are_loggable(actor):
        form = TripLogForm(request.POST or None, stops=stops)
        source = TripSource.PHONE if actor.is_enterprise_worker else TripSource.SHEET
        if request.method == "POST" and apply(
            form,
            lambda: services.trip_log_record(
                route=route,
                metres=form.metres(),
                litres_ml=form.litres_ml(),
                weighings=form.weighings(),
                by=request.user,  # type: ignore[arg-type]
                token=request.POST.get("form_once", ""),
                note=form.cleaned_data["note"],
                source=source,
            ),
        ):
            messages.success(
                request,
                _("Trip logged: %(litres)s L of diesel out of the stock.")
                % {"litres": _number(form.litres_ml())},
            )
            return redirect(reverse("waste:route", args=[route.pk]))
    weighed = {w.stop_id: w for w in log.weighings.all()} if log else {}
    rows = [
        {
            "number": n,
            "stop": stop,
            "is_point": stop.kind == StopKind.POINT,
            "field": form[kg_field_name(stop)]
            if form is not None and stop.kind == StopKind.POINT
            else None,
            "weighed": weighed.get(stop.pk),
        }
        for n, stop in enumerate(stops)
    ]
    picture = route_picture(route, stops, MAP_WIDTH, MAP_HEIGHT)
    return render(
        request,
        "waste/trips/route.html",
        {
            "route": route,
            "rows": rows,
            "form": form,
            "log": log,
            "logged_kg": services.trip_logged_kg(log) if log else 0,
            "log_km": _number(log.metres) if log else "",
            "log_litres": _number(log.litres_ml) if log else "",
            "picture": picture,
            "markers": list(zip(picture.stops, range(len(stops)), strict=False)),
            "line": " ".join(f"{x:.1f},{y:.1f}" for x, y in picture.line),
        },
    )
