"""The incidents' forms: a report from a phone, triage, assignment, status, a work log, a
photo. Each parses, checks access and calls one service; a refused form shows on the
incident's page again with its errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.census.models import Household
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, render
from comuna.incidents import access, services
from comuna.incidents.forms import (
    AssignForm,
    PhotoForm,
    ReportForm,
    StatusForm,
    TriageForm,
    WorkLogForm,
    thousandths,
)
from comuna.incidents.models import Incident, RepairMaterial
from comuna.incidents.views.pages import incident_context
from comuna.users.actors import acting_user, actor_of


def _own_household(request: HttpRequest) -> Household | None:
    actor = actor_of(request)
    if not actor.is_resident or actor.is_admin or actor.is_spokesperson:
        return None
    return Household.objects.of(commune_of(request)).filter(pk__in=actor.household_ids).first()


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """The phone page: a resident reports for their household, a spokesperson for a household
    of their council, the administrator for anyone."""
    actor = actor_of(request)
    access.incident_report_require(actor)
    commune = commune_of(request)
    own = _own_household(request)
    form = ReportForm(request.POST or None, request.FILES or None, initial=_initial(own))
    form.offer(
        commune,
        council_ids=None
        if actor.is_admin
        else frozenset({own.council_id} if own is not None else actor.council_ids),
        # A spokesperson picks a household of their council; the administrator reports for
        # the commune (a list of every household would be thousands long).
        on_behalf=own is None and actor.is_spokesperson,
    )
    done: list[Incident] = []

    def record() -> None:
        data = form.cleaned_data
        incident = services.incident_report(
            commune=commune,
            kind=data["kind"],
            council=data["council"],
            sector=data["sector"],
            household=own if own is not None else data.get("household"),
            address=data["address"],
            description=data["description"],
            since=data["since"],
            households_affected=data["households"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            by=acting_user(request),
        )
        if data.get("photo"):
            services.incident_photo_add(
                incident=incident, content=data["photo"].read(), by=acting_user(request)
            )
        done.append(incident)

    if request.method == "POST" and apply(form, record):
        incident = done[0]
        messages.success(
            request,
            _("Thank you: your report is %(ref)s. You can follow it here.")
            % {"ref": incident.reference},
        )
        return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/report.html", {"form": form, "own": own})


def _initial(own: Household | None) -> dict[str, Any]:
    if own is None:
        return {}
    return {"council": own.council_id, "sector": own.sector_id, "address": own.address}


def _act(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    name: str,
    check: Callable[[Incident], None],
    action: Callable[[Incident, dict[str, Any]], object],
    success: str,
    prepare: Callable[[forms.Form, Incident], None] | None = None,
) -> HttpResponse:
    """Run one action of the incident's page; a refused form goes back onto the page."""
    actor = actor_of(request)
    incident = access.incident_for_user(actor, pk)
    check(incident)
    form = form_class(request.POST, request.FILES or None)
    if prepare is not None:
        prepare(form, incident)
    if apply(form, lambda: action(incident, form.cleaned_data)):
        messages.success(request, success)
        return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/detail.html", incident_context(request, pk, **{name: form}))


@login_required
@require_POST
def triage(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        TriageForm,
        "triage_form",
        lambda _i: access.incident_manage_require(actor_of(request)),
        lambda i, d: services.incident_triage(
            incident=i, priority=d["priority"], note=d["note"], by=acting_user(request)
        ),
        _("Priority saved."),
    )


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    def prepare(form: forms.Form, _incident: Incident) -> None:
        form.fields["brigade"].queryset = access.brigades_for(actor_of(request))  # type: ignore[attr-defined]

    return _act(
        request,
        pk,
        AssignForm,
        "assign_form",
        lambda _i: access.incident_manage_require(actor_of(request)),
        lambda i, d: services.incident_assign(
            incident=i, brigade=d["brigade"], note=d["note"], by=acting_user(request)
        ),
        _("Incident assigned."),
        prepare,
    )


@login_required
@require_POST
def status(request: HttpRequest, pk: int) -> HttpResponse:
    def prepare(form: forms.Form, incident: Incident) -> None:
        form.fields["status"].choices = [(s, s) for s in services.next_statuses(incident)]  # type: ignore[attr-defined]

    return _act(
        request,
        pk,
        StatusForm,
        "status_form",
        lambda i: access.incident_work_require(actor_of(request), i),
        lambda i, d: services.incident_status_set(
            incident=i, status=d["status"], note=d["note"], by=acting_user(request)
        ),
        _("Status changed."),
        prepare,
    )


@login_required
@require_POST
def worklog(request: HttpRequest, pk: int) -> HttpResponse:
    def prepare(form: forms.Form, incident: Incident) -> None:
        form.fields["material"].queryset = RepairMaterial.objects.of(incident.commune_id)  # type: ignore[attr-defined]

    return _act(
        request,
        pk,
        WorkLogForm,
        "worklog_form",
        lambda i: access.incident_work_require(actor_of(request), i),
        lambda i, d: services.worklog_record(
            incident=i,
            date=d["date"],
            hours=d["hours"],
            people=d["people"],
            done=d["done"],
            material=d["material"],
            quantity=thousandths(d["quantity"]),
            by=acting_user(request),
        ),
        _("Work recorded."),
        prepare,
    )


@login_required
@require_POST
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)

    def check(incident: Incident) -> None:
        if not (
            access.incident_works(actor, incident)
            or incident.reported_by_id == acting_user(request).pk
        ):
            access.incident_work_require(actor, incident)

    return _act(
        request,
        pk,
        PhotoForm,
        "photo_form",
        check,
        lambda i, d: services.incident_photo_add(
            incident=i, content=d["photo"].read(), by=acting_user(request)
        ),
        _("Photo added."),
    )
