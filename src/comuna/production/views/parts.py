"""A plan's inputs, products and scenarios: add and change them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.web import apply, render
from comuna.production import services
from comuna.production.access import (
    input_for_user,
    plan_for_user,
    product_for_user,
    scenario_for_user,
)
from comuna.production.forms import InputForm, ProductForm, ScenarioForm
from comuna.production.models import PlanInput, PlanScenario, Product, ProductionPlan
from comuna.users.actors import actor_of


def _page(
    request: HttpRequest, form: forms.BaseForm, title: str, plan: ProductionPlan
) -> HttpResponse:
    return render(
        request, "core/form.html", {"form": form, "title": title, "back": plan.get_absolute_url()}
    )


def _saved(request: HttpRequest, plan: ProductionPlan) -> HttpResponse:
    messages.success(request, _("Saved. Solve the plan again to see its figures."))
    return redirect(plan)


def _input(request: HttpRequest, plan: ProductionPlan, item: PlanInput | None) -> HttpResponse:
    form = InputForm(request.POST or None, instance=item)
    if request.method == "POST" and apply(
        form, lambda: services.input_save(plan=plan, item=item, **form.cleaned_data)
    ):
        return _saved(request, plan)
    title = _("Input %(name)s") % {"name": item} if item else _("New input")
    return _page(request, form, title, plan)


@login_required
@require_http_methods(["GET", "POST"])
def input_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _input(request, plan_for_user(actor_of(request), pk, manage=True), None)


@login_required
@require_http_methods(["GET", "POST"])
def input_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = input_for_user(actor_of(request), pk)
    return _input(request, item.plan, item)


def _product(request: HttpRequest, plan: ProductionPlan, item: Product | None) -> HttpResponse:
    form = ProductForm(request.POST or None, instance=item, plan=plan)
    if request.method == "POST" and apply(
        form,
        lambda: services.product_save(
            plan=plan, item=item, uses=form.uses(), **form.product_fields()
        ),
    ):
        return _saved(request, plan)
    title = _("Product %(name)s") % {"name": item} if item else _("New product")
    return _page(request, form, title, plan)


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _product(request, plan_for_user(actor_of(request), pk, manage=True), None)


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = product_for_user(actor_of(request), pk)
    return _product(request, item.plan, item)


def _scenario(
    request: HttpRequest, plan: ProductionPlan, item: PlanScenario | None
) -> HttpResponse:
    form = ScenarioForm(request.POST or None, instance=item, plan=plan)
    if request.method == "POST" and apply(
        form, lambda: services.scenario_save(plan=plan, item=item, **form.cleaned_data)
    ):
        return _saved(request, plan)
    title = _("Scenario %(name)s") % {"name": item} if item else _("New scenario")
    return _page(request, form, title, plan)


@login_required
@require_http_methods(["GET", "POST"])
def scenario_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _scenario(request, plan_for_user(actor_of(request), pk, manage=True), None)


@login_required
@require_http_methods(["GET", "POST"])
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = scenario_for_user(actor_of(request), pk)
    return _scenario(request, item.plan, item)
