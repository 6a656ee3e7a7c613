"""A vehicle's delivery sheet: the phone page on which the driver (or the outlet's person)
records the kg delivered on each line, and the printable sheet."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comuna.circuits import selectors, services
from comuna.circuits.access import (
    cycle_for_reader,
    line_for_recorder,
    read_require,
    vehicle_sheet_for,
)
from comuna.circuits.documents import sheet_pdf
from comuna.circuits.forms import DeliveryForm
from comuna.core.refusals import Refusal
from comuna.core.web import form_errors_flash, pdf_response, render
from comuna.users.actors import acting_user, actor_of


@login_required
def sheet(request: HttpRequest, pk: int, circuit_vehicle: int) -> HttpResponse:
    actor = actor_of(request)
    read_require(actor)
    c = cycle_for_reader(actor, pk)
    v = vehicle_sheet_for(actor, c, circuit_vehicle)
    lines = [(line, DeliveryForm(prefix=f"l{line.pk}")) for line in selectors.sheet_lines(c, v.pk)]
    return render(request, "circuits/sheet.html", {"cycle": c, "vehicle": v, "lines": lines})


@login_required
def sheet_print(request: HttpRequest, pk: int, circuit_vehicle: int) -> HttpResponse:
    actor = actor_of(request)
    read_require(actor)
    c = cycle_for_reader(actor, pk)
    v = vehicle_sheet_for(actor, c, circuit_vehicle)
    content = sheet_pdf(c, v, list(selectors.sheet_lines(c, v.pk)))
    return pdf_response(content, f"hoja-{c.pk}-{v.pk}.pdf")


@login_required
@require_POST
def deliver(request: HttpRequest, pk: int) -> HttpResponse:
    """Record kg delivered on one line; back to the sheet it came from."""
    line = line_for_recorder(actor_of(request), pk)
    form = DeliveryForm(request.POST, prefix=f"l{line.pk}")
    if not form.is_valid():
        form_errors_flash(request, form)
    else:
        try:
            services.delivery_record(
                line=line,
                quantity_g=form.grams,
                key=form.cleaned_data["key"],
                by=acting_user(request),
            )
        except Refusal as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Recorded: %(kg)s kg of %(product)s at %(outlet)s.")
                % {
                    "kg": services.kg_text(form.grams),
                    "product": line.product.name,
                    "outlet": line.outlet.name,
                },
            )
    if line.vehicle_id is None:
        return redirect("circuits:cycle", pk=line.cycle_id)
    return redirect(f"{_sheet_url(line.cycle_id, line.vehicle_id)}#line-{line.pk}")


def _sheet_url(cycle_pk: int, vehicle_pk: int) -> str:
    from django.urls import reverse

    return reverse("circuits:sheet", args=[cycle_pk, vehicle_pk])
