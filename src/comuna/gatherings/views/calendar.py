"""The calendar of actions: the month, an action with what each commune reported, the
officers' forms, and the calendar as an .ics file."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.charts import bar_chart
from comuna.core.web import apply, form_page, render
from comuna.gatherings import access, documents, selectors, services
from comuna.gatherings.forms import ActionForm, OrganisationForm, ParticipationForm
from comuna.gatherings.models import Action, Gathering, Organisation
from comuna.users.actors import acting_user


def _month(value: str) -> dt.date:
    """The first day of the month asked (``2026-12``), or of this month."""
    try:
        first = dt.date.fromisoformat(f"{value}-01")
    except ValueError:
        return timezone.localdate().replace(day=1)
    return first if 2000 <= first.year <= 2100 else timezone.localdate().replace(day=1)


def _next_month(first: dt.date) -> dt.date:
    return (first + dt.timedelta(days=32)).replace(day=1)


def index(request: HttpRequest) -> HttpResponse:
    actor = access.actor_federation(request)
    first = _month(request.GET.get("mes", ""))
    last = _next_month(first) - dt.timedelta(days=1)
    actions = list(selectors.actions_between(first, last))
    return render(
        request,
        "gatherings/calendar.html",
        {
            "first": first,
            "previous": (first - dt.timedelta(days=1)).replace(day=1),
            "following": _next_month(first),
            "weeks": selectors.month_grid(first.year, first.month, actions),
            "actions": actions,
            "today": timezone.localdate(),
            "officer": access.is_officer(actor),
            "gatherings": Gathering.objects.select_related("unit")[:20],
        },
    )


def calendar_ics(request: HttpRequest) -> HttpResponse:
    """A year of actions around today, for a phone's calendar."""
    today = timezone.localdate()
    actions = selectors.actions_between(
        today - dt.timedelta(days=92), today + dt.timedelta(days=366)
    )
    response = HttpResponse(
        documents.calendar_ics(actions, host=request.get_host().split(":")[0] or "comuna"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(True, "acciones.ics") or ""
    return response


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor_federation(request)
    action = access.action_for(actor, pk)
    reports = selectors.participation_by_commune(action)
    return render(
        request,
        "gatherings/action.html",
        {
            "action": action,
            "organisations": [
                t.organisation for t in action.taking_part.select_related("organisation")
            ],
            "reports": reports,
            "totals": selectors.participation_totals(action),
            "chart": bar_chart([(r.commune.name, r.people) for r in reports]),
            "hours_chart": bar_chart([(r.commune.name, r.hours) for r in reports]),
            "notes": access.notes_readable(actor, action),
            "may_report": access.participation_may_report(actor, action),
            "ours": access.participation_of(actor, action),
            "begun": action.starts_on <= timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def participation_report(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor_federation(request)
    action = access.action_for(actor, pk)
    commune = access.participation_report_require(actor, action)
    ours = access.participation_of(actor, action)
    initial = {"people": ours.people, "hours": ours.hours, "note": ours.note} if ours else None
    form = ParticipationForm(request.POST or None, initial=initial)

    def record() -> None:
        services.participation_report(
            commune=commune, action=action, **form.cleaned_data, by=acting_user(request)
        )

    back = reverse("gatherings:action", args=[action.pk])
    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Participation reported."))
        return redirect(back)
    title = _("Participation of %(commune)s in %(action)s") % {
        "commune": commune.name,
        "action": action.title,
    }
    return form_page(request, form, title, back)


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest) -> HttpResponse:
    actor = access.actor_federation(request)
    access.officer_require(actor)
    form = ActionForm(request.POST or None)
    form.offer(access.units_organised(actor))
    done: list[Action] = []

    def record() -> None:
        done.append(services.action_call(**form.cleaned_data, by=acting_user(request)))

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Action put on the calendar."))
        return redirect("gatherings:action", pk=done[0].pk)
    return form_page(request, form, _("Call an action"), reverse("gatherings:index"))


def organisations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "gatherings/organisations.html",
        {
            "organisations": Organisation.objects.all(),
            "officer": access.is_officer(access.actor_federation(request)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    access.officer_require(access.actor_federation(request))
    form = OrganisationForm(request.POST or None)

    def record() -> None:
        services.organisation_create(**form.cleaned_data, by=acting_user(request))

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Organisation added."))
        return redirect("gatherings:organisations")
    return form_page(request, form, _("Add an organisation"), reverse("gatherings:organisations"))
