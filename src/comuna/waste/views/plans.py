"""The day's plan: choose the day and make it, read it, re-plan after a breakdown."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.web import apply, render
from comuna.users.actors import acting_user, actor_of
from comuna.waste import access, selectors, services
from comuna.waste.forms import PlanForm, ReplanForm
from comuna.waste.models import DayPlan, Vehicle


@login_required
@require_http_methods(["GET", "POST"])
def plan_index(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    owner = access.enterprise_for_user(actor, pk, manage=request.method == "POST")
    today = timezone.localdate()
    form = PlanForm(request.POST or None, initial={"date": today, "seed": 1})
    made: list[DayPlan] = []
    if request.method == "POST" and apply(
        form,
        lambda: made.append(
            services.day_plan_make(
                enterprise=owner,
                date=form.cleaned_data["date"],
                seed=form.cleaned_data["seed"],
                by=acting_user(request),
            )
        ),
    ):
        messages.success(request, _("The day's plan is made."))
        return redirect("waste:plan", pk=made[0].pk)
    plans = DayPlan.objects.of(owner.commune_id).filter(enterprise=owner, current=True)[:31]
    return render(
        request,
        "waste/plan_index.html",
        {
            "enterprise": owner,
            "form": form,
            "plans": plans,
            "allowance": services.day_allowance(owner, today),
            "can_manage": access.waste_is_managed(actor),
        },
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    plan = access.plan_for_user(actor, pk)
    form = ReplanForm()
    form.fields["vehicle"].queryset = Vehicle.objects.of(  # type: ignore[attr-defined]
        plan.commune_id
    ).filter(routes__plan=plan)
    return render(
        request,
        "waste/plan.html",
        {
            "plan": plan,
            "routes": selectors.routes_of(plan),
            "map": selectors.territory_map(plan.enterprise, plan=plan),
            "replan_form": form,
            "can_manage": access.waste_is_managed(actor),
            "shortfall": plan.required_shortfall_ml / 1000,
            "gap": max(0, plan.litres_to_serve_all_ml - plan.allowance_ml) / 1000,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_replan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for_user(actor_of(request), pk, manage=True)
    form = ReplanForm(request.POST or None)
    form.fields["vehicle"].queryset = Vehicle.objects.of(  # type: ignore[attr-defined]
        plan.commune_id
    ).filter(routes__plan=plan)
    made: list[DayPlan] = []
    if request.method == "POST" and apply(
        form,
        lambda: made.append(
            services.day_plan_replan_after_breakdown(
                plan=plan,
                vehicle=form.cleaned_data["vehicle"],
                after_stop=form.cleaned_data["after_stop"],
                by=acting_user(request),
            )
        ),
    ):
        messages.success(request, _("The rest of the day is planned again."))
        return redirect("waste:plan", pk=made[0].pk)
    return render(
        request,
        "waste/form.html",
        {
            "form": form,
            "title": _("A truck broke down"),
            "back": plan.get_absolute_url(),
            "submit_label": _("Plan the rest of the day"),
        },
    )
