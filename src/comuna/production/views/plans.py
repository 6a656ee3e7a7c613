"""Production plans: the list, a plan with its figures and scenarios, its PDF, its solve."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.core.web import apply, pdf_response, render, run
from comuna.production import services
from comuna.production.access import (
    enterprises_plannable,
    plan_for_user,
    plans_readable,
    production_is_managed,
    production_is_readable,
)
from comuna.production.documents import plan_pdf as plan_pdf_build
from comuna.production.figures import plan_charts
from comuna.production.forms import CopyForm, PlanEditForm, PlanForm
from comuna.production.models import ProductionPlan
from comuna.production.selectors import plan_base, plan_scenario_rows
from comuna.users.actors import actor_of


@login_required
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not production_is_readable(actor):
        raise Http404(_("No production plans in your reach."))
    return render(
        request,
        "production/index.html",
        {"plans": plans_readable(actor), "can_manage": production_is_managed(actor)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not production_is_managed(actor):
        raise PermissionDenied(
            _("Only the administrator and the enterprise manager make production plans.")
        )
    form = PlanForm(request.POST or None, enterprises=enterprises_plannable(actor))
    created: list[ProductionPlan] = []
    if request.method == "POST" and apply(
        form, lambda: created.append(services.plan_create(**form.cleaned_data))
    ):
        messages.success(request, _("Plan created. Add its inputs and products."))
        return redirect(created[0])
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("New production plan"), "back": "/produccion/"},
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    plan = plan_for_user(actor, pk)
    rows = plan_scenario_rows(plan)
    return render(
        request,
        "production/plan.html",
        {
            "plan": plan,
            "inputs": plan.inputs.all(),
            "products": plan.products.prefetch_related("uses__input"),
            "scenarios": plan.scenarios.select_related("input"),
            "base": plan_base(plan),
            "rows": rows,
            "charts": plan_charts(rows),
            "can_manage": production_is_managed(actor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user(actor_of(request), pk, manage=True)
    form = PlanEditForm(request.POST or None, instance=plan)
    if request.method == "POST" and apply(
        form, lambda: services.plan_update(plan=plan, **form.cleaned_data)
    ):
        messages.success(request, _("Plan saved. Solve it again to see its figures."))
        return redirect(plan)
    title = _("Edit plan %(plan)s") % {"plan": plan}
    return render(
        request, "core/form.html", {"form": form, "title": title, "back": plan.get_absolute_url()}
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_copy(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user(actor_of(request), pk, manage=True)
    form = CopyForm(request.POST or None)
    created: list[ProductionPlan] = []
    if request.method == "POST" and apply(
        form,
        lambda: created.append(services.plan_copy(plan=plan, month=form.cleaned_data["month"])),
    ):
        messages.success(request, _("Plan copied. Bring its prices up to date, then solve it."))
        return redirect(created[0])
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Copy plan %(plan)s to another month") % {"plan": plan},
            "back": plan.get_absolute_url(),
            "submit_label": _("Copy"),
        },
    )


@login_required
@require_POST
def plan_solve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user(actor_of(request), pk, manage=True)
    run(request, lambda: services.plan_solve(plan=plan), _("Plan solved."))
    return redirect(plan)


@login_required
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for_user(actor_of(request), pk)
    if not plan.result:
        raise Http404(_("This plan has not been solved yet."))
    return pdf_response(plan_pdf_build(plan), f"plan-produccion-{plan.pk}.pdf")
