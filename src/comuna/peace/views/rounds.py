"""The security brigades' rounds: the log, a round with its reports, and the phone page on
which a member records one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.tenancy import commune_of
from comuna.core.web import apply, render
from comuna.peace import selectors, services
from comuna.peace.access import (
    brigades_walked_by,
    round_for_recorder,
    round_for_user,
    round_record_require,
    rounds_are_recordable,
    rounds_read_require,
    rounds_readable,
)
from comuna.peace.forms import ReportForm, RoundForm
from comuna.users.actors import acting_user, actor_of


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    """The log of rounds within the reader's reach, newest first."""
    actor = actor_of(request)
    rounds_read_require(actor)
    shown = selectors.rounds_list(rounds_readable(actor))[:100]
    return render(
        request,
        "peace/rounds.html",
        {"rounds": shown, "may_record": rounds_are_recordable(actor)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    """The brigade member's phone page: one round, and what was seen on it."""
    actor = actor_of(request)
    round_record_require(actor)
    commune = commune_of(request)
    form = RoundForm(request.POST or None)
    form.offer(commune, brigades_walked_by(actor))
    done = []

    def record() -> None:
        data = form.cleaned_data
        reports = [(data["category"], data["sector"], data["what"])] if data["category"] else []
        done.append(
            services.round_record(
                brigade=data["brigade"],
                date=data["date"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                sector=data["sector"],
                route=data["route"],
                members=list(data["members"]),
                notes=data["notes"],
                by=acting_user(request),
                reports=reports,
            )
        )

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Round recorded."))
        return redirect("peace:round", pk=done[0].pk)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Record a round"),
            "back": reverse("peace:rounds"),
            "submit_label": _("Save the round"),
        },
    )


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    walked = round_for_user(actor, pk)
    may_report = brigades_walked_by(actor).filter(pk=walked.brigade_id).exists()
    form = ReportForm()
    form.offer(commune_of(request))
    return render(
        request,
        "peace/round.html",
        {
            "round": selectors.rounds_list(rounds_readable(actor)).get(pk=walked.pk),
            "form": form if may_report else None,
        },
    )


@login_required
@require_http_methods(["POST"])
def report_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add what was seen to a round of one's own brigade."""
    walked = round_for_recorder(actor_of(request), pk)
    form = ReportForm(request.POST)
    form.offer(commune_of(request))

    def record() -> None:
        data = form.cleaned_data
        services.round_report_add(
            round=walked, category=data["category"], sector=data["sector"], what=data["what"]
        )

    if apply(form, record):
        messages.success(request, _("Report added."))
        return redirect("peace:round", pk=walked.pk)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Add a report"),
            "back": reverse("peace:round", args=[walked.pk]),
        },
    )
