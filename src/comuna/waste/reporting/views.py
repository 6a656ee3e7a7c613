"""The month's report (page, CSV, PDF) and the letter to an institution."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comuna.core.spreadsheets import write_csv
from comuna.core.web import render
from comuna.enterprises.models import Enterprise
from comuna.users.actors import actor_of
from comuna.waste.access import (
    report_enterprise_for_user,
    waste_letters_are_written,
)
from comuna.waste.reporting.charts import month_charts
from comuna.waste.reporting.documents import letter_pdf, month_report_pdf
from comuna.waste.reporting.estimate import ration_outcomes
from comuna.waste.reporting.forms import LetterForm
from comuna.waste.reporting.selectors import (
    MonthReport,
    litres,
    month_report,
)
from comuna.waste.services.territory import waste_enterprises


def _enterprise(request: HttpRequest) -> Enterprise:
    """The enterprise named by ``?empresa=`` (the commune's first when none or not a number)."""
    raw = request.GET.get("empresa", "")
    pk = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else None
    return report_enterprise_for_user(actor_of(request), pk)


def _suffix(request: HttpRequest, enterprise: Enterprise) -> str:
    return f"?empresa={enterprise.pk}" if "empresa" in request.GET else ""


def _charts(report: MonthReport) -> dict[str, Any]:
    charts = month_charts(report)
    return {
        "kg_chart": charts.kg,
        "litres_chart": charts.litres,
        "wait_chart": charts.waits,
        "ration_chart": charts.ration,
    }


@login_required
@require_GET
def month_current(request: HttpRequest) -> HttpResponse:
    """This month's report (the menu leads here)."""
    enterprise = _enterprise(request)
    today = timezone.localdate().replace(day=1)
    return redirect(reverse("waste:report_month", args=[today]) + _suffix(request, enterprise))


@login_required
@require_GET
def month(request: HttpRequest, month: dt.date) -> HttpResponse:
    enterprise = _enterprise(request)
    report = month_report(enterprise, month)
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    following = report.end + dt.timedelta(days=1)
    suffix = _suffix(request, enterprise)
    return render(
        request,
        "waste/report/month.html",
        {
            "report": report,
            "enterprises": waste_enterprises(enterprise.commune),
            "previous": reverse("waste:report_month", args=[previous]) + suffix,
            "following": reverse("waste:report_month", args=[following]) + suffix,
            "suffix": suffix,
            "can_write_letter": waste_letters_are_written(actor_of(request)),
            **_charts(report),
        },
    )


@login_required
@require_GET
def month_csv(request: HttpRequest, month: dt.date) -> HttpResponse:
    report = month_report(_enterprise(request), month)
    header = [
        "fecha",
        "registrado",
        "kg",
        "puntos_servidos",
        "puntos_pendientes",
        "litros",
        "litros_asignados",
        "litros_para_todos",
    ]
    rows = [
        [
            d.date.isoformat(),
            "si" if d.logged else "no",
            str(d.kg),
            str(d.points_served),
            str(d.points_left),
            str(litres(d.litres_ml)),
            str(litres(d.allowance_ml)),
            str(litres(d.need_ml)),
        ]
        for d in report.days
    ]
    response = HttpResponse(write_csv(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="recoleccion-{report.month}.csv"'
    return response


@login_required
@require_GET
def month_pdf(request: HttpRequest, month: dt.date) -> HttpResponse:
    report = month_report(_enterprise(request), month)
    return HttpResponse(
        month_report_pdf(report),
        content_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition_header(
                False, f"recoleccion-{report.month}.pdf"
            )
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter(request: HttpRequest, month: dt.date) -> HttpResponse:
    enterprise = _enterprise(request)
    if not waste_letters_are_written(actor_of(request)):
        raise PermissionDenied(_("A letter speaks for the enterprise: its manager writes it."))
    report = month_report(enterprise, month)
    need_litres = int(litres(report.need_ml).to_integral_value()) or None
    form = LetterForm(
        request.POST or None, commune=enterprise.commune, initial={"asked_litres": need_litres}
    )
    if request.method == "POST" and form.is_valid():
        content = letter_pdf(
            report,
            addressee=form.addressee_name(),
            asked_ml=form.cleaned_data["asked_litres"] * 1000,
            signatories=form.signatory_lines(),
            place=form.cleaned_data.get("place", "").strip(),
        )
        return HttpResponse(
            content,
            content_type="application/pdf",
            headers={
                "Content-Disposition": content_disposition_header(
                    True, f"carta-gasoil-{report.month}.pdf"
                )
            },
        )
    back = reverse("waste:report_month", args=[report.start]) + _suffix(request, enterprise)
    return render(
        request,
        "waste/report/letter.html",
        {
            "form": form,
            "title": _("A letter asking for diesel"),
            "intro": _(
                "The letter sets out the month's figures and what the ration asked for would "
                "serve, estimated from the day's plans. It is printed in the commune's language."
            ),
            "submit_label": _("Make the letter (PDF)"),
            "back": back,
            "report": report,
            "outcomes": ration_outcomes(report, report.need_ml),
        },
    )
