"""Mediation cases. The list is counts (and cases without content) for those who oversee;
a case's page, forms, agreement and read log are for its own mediators only, and every read
of its content is logged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.tenancy import commune_of
from comuna.core.web import apply, pdf_response, render
from comuna.peace import selectors, services
from comuna.peace.access import (
    case_for_mediator,
    case_open_require,
    cases_are_overseen,
    cases_list_require,
    cases_of_mediator,
    mediator_of,
)
from comuna.peace.documents import agreement_pdf
from comuna.peace.forms import (
    AgreementForm,
    CaseOpenForm,
    CloseForm,
    FollowUpForm,
    SessionForm,
)
from comuna.peace.models import Agreement, CaseStatus, MediationCase
from comuna.users.actors import acting_user, actor_of


@login_required
def cases(request: HttpRequest) -> HttpResponse:
    """A mediator's own cases; counts by kind and outcome and the cases' numbers, kinds and
    dates (never their parties or content) for the administrator and the comptroller."""
    actor = actor_of(request)
    cases_list_require(actor)
    commune = commune_of(request)
    overseen = cases_are_overseen(actor)
    return render(
        request,
        "peace/cases.html",
        {
            "mine": cases_of_mediator(actor).prefetch_related("parties__person"),
            "is_mediator": mediator_of(actor) is not None,
            "overseen": overseen,
            "all_cases": MediationCase.objects.of(commune) if overseen else None,
            "kinds": selectors.cases_by_kind(commune) if overseen else None,
            "statuses": [str(label) for _v, label in CaseStatus.choices],
            "may_open": mediator_of(actor) is not None or actor.is_admin,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_open(request: HttpRequest) -> HttpResponse:
    """A mediator opens a case and is assigned to it; the administrator opens one with only
    its kind and mediators, and cannot read it afterwards."""
    actor = actor_of(request)
    mediator = case_open_require(actor)
    commune = commune_of(request)
    blind = mediator is None
    form = CaseOpenForm(request.POST or None, blind=blind)
    form.offer(commune)
    done: list[MediationCase] = []

    def record() -> None:
        data = form.cleaned_data
        chosen = list(data["mediators"])
        if mediator is not None and mediator not in chosen:
            chosen.insert(0, mediator)
        done.append(
            services.case_open(
                commune=commune,
                kind=data["kind"],
                opened_on=data["opened_on"],
                mediators=chosen,
                by=acting_user(request),
                summary=data.get("summary", ""),
                persons=data.get("national_ids", []),
                outsiders=data.get("outsiders", []),
            )
        )

    if request.method == "POST" and apply(form, record):
        messages.success(
            request, _("Case %(reference)s opened.") % {"reference": done[0].reference}
        )
        if blind:
            return redirect("peace:cases")
        return redirect("peace:case", pk=done[0].pk)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Open a mediation case"),
            "back": reverse("peace:cases"),
            "intro": _(
                "Only the mediators assigned read the case: choose them here. You will not "
                "read it yourself."
            )
            if blind
            else _("You are assigned to the case. Add the other mediators, if any."),
        },
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    case = case_for_mediator(actor, pk)
    services.case_read_log(case=case, user=acting_user(request), what="page")
    agreement = Agreement.objects.of(case.commune_id).filter(case=case).first()
    return render(
        request,
        "peace/case.html",
        {
            "case": case,
            "parties": case.parties.select_related("person", "person__household"),
            "mediators": case.mediators.select_related("person"),
            "sessions": case.sessions.all(),
            "agreement": agreement,
            "followups": case.followups.all(),
            "is_open": case.status == CaseStatus.OPEN,
        },
    )


def _case_form(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    title: str,
    action: Callable[[MediationCase, dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    case = case_for_mediator(actor_of(request), pk)
    form = form_class(request.POST or None)

    def record() -> None:
        action(case, form.cleaned_data)

    if request.method == "POST" and apply(form, record):
        messages.success(request, success)
        return redirect("peace:case", pk=case.pk)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": f"{title} · {case.reference}",
            "back": reverse("peace:case", args=[case.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form(
        request,
        pk,
        SessionForm,
        _("Record a session"),
        lambda case, data: services.session_record(case=case, **data),
        _("Session recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form(
        request,
        pk,
        AgreementForm,
        _("Record the agreement"),
        lambda case, data: services.agreement_record(case=case, **data),
        _("Agreement recorded: print it for both parties to sign."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def followup_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form(
        request,
        pk,
        FollowUpForm,
        _("Record a follow-up"),
        lambda case, data: services.followup_record(case=case, **data),
        _("Follow-up recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form(
        request,
        pk,
        CloseForm,
        _("Close without agreement"),
        lambda case, data: services.case_close(case=case, **data),
        _("Case closed."),
    )


@login_required
def agreement_print(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_mediator(actor_of(request), pk)
    agreement = (
        Agreement.objects.of(case.commune_id)
        .filter(case=case)
        .select_related("case__commune")
        .first()
    )
    if agreement is None:
        messages.error(request, _("The case has no agreement yet."))
        return redirect("peace:case", pk=case.pk)
    services.case_read_log(case=case, user=acting_user(request), what="agreement_pdf")
    return pdf_response(agreement_pdf(agreement), f"{case.reference}-acuerdo.pdf")


@login_required
def case_reads(request: HttpRequest, pk: int) -> HttpResponse:
    """Who read the case, when and what: shown to its mediators only."""
    case = case_for_mediator(actor_of(request), pk)
    return render(
        request,
        "peace/reads.html",
        {"case": case, "reads": case.reads.select_related("user")[:500], "now": timezone.now()},
    )
