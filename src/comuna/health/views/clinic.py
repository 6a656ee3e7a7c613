"""The clinic days: the list, a day with its appointments and waiting list, booking, marking
attended or missed, and the printable day list. The health committee's pages alone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comuna.core.pdf import document_build, particulars, table
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, pdf_response, render, run
from comuna.health import services
from comuna.health.access import (
    appointment_for_user,
    clinicday_for_user,
    committee_require,
)
from comuna.health.forms import AppointmentForm, ClinicDayForm, ClinicForm
from comuna.health.models import ClinicDay
from comuna.health.views.records import _person
from comuna.health.views.stock import roles
from comuna.users.actors import acting_user, actor_of


@login_required
@require_GET
def days(request: HttpRequest) -> HttpResponse:
    committee_require(actor_of(request))
    rows = ClinicDay.objects.of(commune_of(request)).select_related("clinic")[:120]
    return render(request, "health/days.html", {"days": rows, **roles(request)})


@login_required
@require_http_methods(["GET", "POST"])
def clinic_create(request: HttpRequest) -> HttpResponse:
    """The committee names a place where it attends (the Ambulatorio, a school's room…)."""
    committee_require(actor_of(request))
    form = ClinicForm(request.POST or None)

    def create() -> None:
        services.clinic_create(commune=commune_of(request), name=form.cleaned_data["name"])

    if request.method == "POST" and apply(form, create):
        return redirect("health:day_create")
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("New clinic"), "back": reverse("health:days")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def day_create(request: HttpRequest) -> HttpResponse:
    committee_require(actor_of(request))
    form = ClinicDayForm(request.POST or None)
    form.offer(commune_of(request))
    done: list[ClinicDay] = []

    def create() -> None:
        data = form.cleaned_data
        done.append(
            services.clinicday_create(
                clinic=data["clinic"],
                date=data["date"],
                notes=data["notes"],
                by=acting_user(request),
            )
        )

    if request.method == "POST" and apply(form, create):
        return redirect("health:day", pk=done[0].pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("New clinic day"), "back": reverse("health:days")},
    )


def _day_page(request: HttpRequest, day: ClinicDay, form: AppointmentForm) -> HttpResponse:
    appointments = day.appointments.select_related("person")
    return render(
        request,
        "health/day.html",
        {
            "day": day,
            "booked": [a for a in appointments if a.time is not None],
            "waiting": [a for a in appointments if a.time is None],
            "attendants": day.attendants.all(),
            "form": form,
            **roles(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def day(request: HttpRequest, pk: int) -> HttpResponse:
    """A clinic day: who attends, the appointments by time, the waiting list, and booking."""
    found = clinicday_for_user(actor_of(request), pk)
    form = AppointmentForm(request.POST or None)

    def book() -> None:
        data = form.cleaned_data
        services.appointment_book(
            day=found,
            person=_person(found.clinic.commune, data["national_id"]),
            time=data["time"],
            reason=data["reason"],
        )

    if request.method == "POST" and apply(form, book):
        messages.success(request, _("Booked."))
        return redirect("health:day", pk=pk)
    return _day_page(request, found, form)


@login_required
@require_POST
def day_attend(request: HttpRequest, pk: int) -> HttpResponse:
    found = clinicday_for_user(actor_of(request), pk)
    services.clinicday_attend(day=found, by=acting_user(request))
    return redirect("health:day", pk=pk)


@login_required
@require_POST
def appointment_status(request: HttpRequest, pk: int) -> HttpResponse:
    found = appointment_for_user(actor_of(request), pk)
    run(
        request,
        lambda: services.appointment_status_set(
            appointment=found, status=request.POST.get("status", "")
        ),
    )
    return redirect("health:day", pk=found.day_id)


@login_required
@require_GET
def day_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The day's list to print: time, person, ID number, reason, and a column to tick."""
    found = clinicday_for_user(actor_of(request), pk)
    rows = found.appointments.select_related("person")
    when = formats.date_format(found.date, "DATE_FORMAT")
    title = _("Clinic day list")
    story = [
        particulars(
            [
                (_("Clinic"), found.clinic.name),
                (_("Date"), when),
                (_("Who attends"), ", ".join(u.get_username() for u in found.attendants.all())),
            ]
        ),
        table(
            [
                [_("Time"), _("Person"), _("ID number"), _("Reason"), _("Attended")],
                *(
                    [
                        a.time.strftime("%H:%M") if a.time else _("Waiting"),
                        a.person.full_name,
                        a.person.national_id or "",
                        a.reason,
                        "",
                    ]
                    for a in rows
                ),
            ],
            [50, 150, 70, 170, 60],
            row_height=22,
        ),
    ]
    content = document_build(
        story,
        title=f"{title} {when}",
        commune_name=found.clinic.commune.name,
        note=found.clinic.name,
    )
    return pdf_response(content, f"consulta-{found.date:%Y-%m-%d}.pdf")
