"""A plan's inputs, products and scenarios: add, change and remove them."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.core.web import apply, render, run
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
    request: HttpRequest,
    form: forms.BaseForm,
    title: str,
    plan: ProductionPlan,
    remove: str | None = None,
) -> HttpResponse:
    """The form of a part of ``plan``; ``remove`` is where its Remove button posts, once it
    exists."""
    return render(
        request,
        "production/part_form.html",
        {"form": form, "title": title, "back": plan.get_absolute_url(), "remove": remove},
    )


def _removed(
    request: HttpRequest, plan: ProductionPlan, remove: Callable[[], object]
) -> HttpResponse:
    if run(request, remove, _("Removed. Solve the plan again to see its figures.")):
        return redirect(plan)
    return redirect(request.path.removesuffix("quitar/"))


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
    remove = reverse("production:input_delete", args=[item.pk]) if item else None
    return _page(request, form, title, plan, remove)


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
    remove = reverse("production:product_delete", args=[item.pk]) if item else None
    return _page(request, form, title, plan, remove)


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
    remove = reverse("production:scenario_delete", args=[item.pk]) if item else None
    return _page(request, form, title, plan, remove)


@login_required
@require_http_methods(["GET", "POST"])
def scenario_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _scenario(request, plan_for_user(actor_of(request), pk, manage=True), None)


@login_required
@require_http_methods(["GET", "POST"])
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = scenario_for_user(actor_of(request), pk)
    return _scenario(request, item.plan, item)


@login_required
@require_POST
def input_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = input_for_user(actor_of(request), pk)
    return _removed(request, item.plan, lambda: services.input_delete(item=item))


@login_required
@require_POST
def product_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = product_for_user(actor_of(request), pk)
    return _removed(request, item.plan, lambda: services.product_delete(item=item))


@login_required
@require_POST
def scenario_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = scenario_for_user(actor_of(request), pk)
    return _removed(request, item.plan, lambda: services.scenario_delete(item=item))
