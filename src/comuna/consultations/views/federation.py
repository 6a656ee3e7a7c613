"""The federation's pages: the officers' list and form, a consultation's page with its
actions (open, close, publish) and the communes' results as they arrive."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comuna.consultations import access, selectors, services
from comuna.consultations.forms import ConsultationForm
from comuna.consultations.models import Consultation
from comuna.core.web import apply, form_page, render, run
from comuna.federation.models import Unit
from comuna.users.actors import acting_user


@login_required
def create(request: HttpRequest) -> HttpResponse:
    units = access.officer_require(request.user)
    form = ConsultationForm(request.POST or None)
    form.offer(Unit.objects.filter(pk__in=units).order_by("level", "name"))
    done: list[Consultation] = []

    def record() -> None:
        data = form.cleaned_data
        done.append(
            services.consultation_create(
                unit=data["unit"],
                kind=data["kind"],
                title=data["title"],
                question=data["question"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                budget=data["budget"],
                options=data["options"],
                by=acting_user(request),
            )
        )

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Consultation saved as a draft: open it when it is ready."))
        return redirect("consultations:detail", pk=done[0].pk)
    return form_page(
        request, form, _("Open a popular consultation"), reverse("consultations:index")
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = access.consultation_for_officer(request.user, pk)
    arrived, expected = selectors.arrivals(consultation)
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            "options": consultation.options.order_by("position"),
            "arrived": arrived,
            "expected": expected,
        },
    )


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    consultation = access.consultation_for_officer(request.user, pk)
    by = acting_user(request)
    steps = {
        "open": (services.consultation_open, _("The consultation is open: the communes hold it.")),
        "close": (services.consultation_close, _("The consultation is closed.")),
        "publish": (services.consultation_publish, _("The result is published.")),
    }
    service, success = steps[action]
    run(request, lambda: service(consultation=consultation, by=by), success)
    return redirect("consultations:detail", pk=pk)


@login_required
@require_POST
def open_(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "open")


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "close")


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "publish")
