"""Every write to production plans: the plan, its inputs, products and scenarios, its solve.

Each function runs in one transaction, takes the plan's lock (``locks.plan_lock``), checks
what the database constraints also hold so that the person gets a clear message, and marks the
plan's figures as stale until it is solved again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal
from comuna.engines.production import ProductionError, UnboundedPlanError, scenarios_solve
from comuna.enterprises.models import Enterprise
from comuna.production.locks import plan_lock
from comuna.production.models import (
    Currency,
    Goal,
    InputUnit,
    PlanInput,
    PlanScenario,
    Product,
    ProductionPlan,
    ProductUse,
)
from comuna.production.selectors import plan_problem


def _not_negative(value: Decimal | None, field: str) -> None:
    if value is not None and value < 0:
        raise Refusal(_("This cannot be negative."), field=field, code="negative")


def _name(name: str) -> str:
    name = name.strip()
    if not name:
        raise Refusal(_("Give it a name."), field="name", code="no_name")
    return name


def _save_unique(row: Model) -> None:
    """Save ``row``; a name the plan already has (even from a race) is a refusal."""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise Refusal(
            _("This plan already has one with that name."), field="name", code="duplicate"
        ) from None


def _stale(plan: ProductionPlan) -> None:
    if plan.result is not None and not plan.stale:
        plan.stale = True
        plan.save(update_fields=["stale"])


def plan_create(
    *,
    enterprise: Enterprise,
    month: dt.date,
    goal: str = Goal.UNITS,
    currency: str = Currency.VES,
    budget: Decimal | None = None,
    notes: str = "",
) -> ProductionPlan:
    """A new, empty plan for ``enterprise`` in the month of ``month``."""
    month = month.replace(day=1)
    _not_negative(budget, "budget")
    if goal not in Goal.values:
        raise Refusal(_("Choose a goal."), field="goal")
    if currency not in Currency.values:
        raise Refusal(_("Choose a currency."), field="currency")
    with transaction.atomic():
        if (
            ProductionPlan.objects.of(enterprise.commune_id)
            .filter(enterprise=enterprise, month=month)
            .exists()
        ):
            raise Refusal(
                _("This enterprise already has a plan for that month."),
                field="month",
                code="duplicate",
            )
        plan = ProductionPlan(
            enterprise=enterprise,
            month=month,
            goal=goal,
            currency=currency,
            budget=budget,
            notes=notes,
        )
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError:
            raise Refusal(
                _("This enterprise already has a plan for that month."),
                field="month",
                code="duplicate",
            ) from None
    return plan


def plan_update(
    *,
    plan: ProductionPlan,
    goal: str,
    currency: str,
    budget: Decimal | None,
    notes: str = "",
) -> ProductionPlan:
    """Change what the plan aims at and the money it has."""
    _not_negative(budget, "budget")
    if goal not in Goal.values:
        raise Refusal(_("Choose a goal."), field="goal")
    if currency not in Currency.values:
        raise Refusal(_("Choose a currency."), field="currency")
    with transaction.atomic():
        locked = plan_lock(plan)
        locked.goal, locked.currency, locked.budget, locked.notes = goal, currency, budget, notes
        locked.stale = locked.result is not None
        locked.save(update_fields=["goal", "currency", "budget", "notes", "stale"])
    return locked


def plan_copy(*, plan: ProductionPlan, month: dt.date) -> ProductionPlan:
    """A new plan for ``plan``'s enterprise in the month of ``month``, with the same goal,
    money, inputs, products and scenarios, to be brought up to date and solved: next month
    starts from this one."""
    with transaction.atomic():
        locked = plan_lock(plan)
        copy = plan_create(
            enterprise=locked.enterprise,
            month=month,
            goal=locked.goal,
            currency=locked.currency,
            budget=locked.budget,
            notes=locked.notes,
        )
        inputs = {}
        for item in locked.inputs.all():
            inputs[item.pk] = PlanInput.objects.create(
                plan=copy,
                name=item.name,
                unit=item.unit,
                price=item.price,
                available=item.available,
            )
        for product in locked.products.prefetch_related("uses"):
            new = Product.objects.create(
                plan=copy,
                name=product.name,
                unit=product.unit,
                price=product.price,
                target=product.target,
                demand=product.demand,
            )
            ProductUse.objects.bulk_create(
                ProductUse(
                    commune_id=copy.commune_id,
                    product=new,
                    input=inputs[use.input_id],
                    amount=use.amount,
                )
                for use in product.uses.all()
            )
        for scenario in locked.scenarios.all():
            PlanScenario.objects.create(
                plan=copy,
                name=scenario.name,
                input=inputs[scenario.input_id],
                price_change=scenario.price_change,
                cut=scenario.cut,
            )
    return copy


def input_save(
    *,
    plan: ProductionPlan,
    item: PlanInput | None = None,
    name: str,
    unit: str,
    price: Decimal,
    available: Decimal | None = None,
) -> PlanInput:
    """Add an input to ``plan`` (or change ``item``): its price per unit and what can be had
    (``None``: as much as is needed)."""
    name = _name(name)
    _not_negative(price, "price")
    _not_negative(available, "available")
    if unit not in InputUnit.values:
        raise Refusal(_("Choose a unit."), field="unit")
    if item is not None and item.plan_id != plan.pk:
        raise Refusal(_("That input is not of this plan."), code="unknown_input")
    with transaction.atomic():
        locked = plan_lock(plan)
        row = item or PlanInput(plan=locked)
        row.name, row.unit, row.price, row.available = name, unit, price, available
        _save_unique(row)
        _stale(locked)
    return row


def product_save(
    *,
    plan: ProductionPlan,
    item: Product | None = None,
    name: str,
    unit: str,
    price: Decimal,
    target: Decimal = Decimal(0),
    demand: Decimal | None = None,
    uses: Mapping[int, Decimal | None],
) -> Product:
    """Add a product to ``plan`` (or change ``item``) with what one unit takes of each input,
    by the input's id (an amount of zero or ``None`` drops the input)."""
    name = _name(name)
    unit = unit.strip()
    if not unit:
        raise Refusal(_("Say what one unit is."), field="unit")
    _not_negative(price, "price")
    _not_negative(target, "target")
    _not_negative(demand, "demand")
    if demand is not None and target > demand:
        raise Refusal(
            _("The target cannot be above the most that can be sold."),
            field="target",
            code="target_above_demand",
        )
    for amount in uses.values():
        _not_negative(amount, "uses")
    if item is not None and item.plan_id != plan.pk:
        raise Refusal(_("That product is not of this plan."), code="unknown_product")
    with transaction.atomic():
        locked = plan_lock(plan)
        inputs = {i.pk: i for i in PlanInput.objects.of(locked.commune_id).filter(plan=locked)}
        unknown = set(uses) - set(inputs)
        if unknown:
            raise Refusal(
                _("This plan has no such input: %(ids)s.")
                % {"ids": ", ".join(str(i) for i in sorted(unknown))},
                field="uses",
                code="unknown_input",
            )
        row = item or Product(plan=locked)
        row.name, row.unit, row.price, row.target, row.demand = name, unit, price, target, demand
        _save_unique(row)
        ProductUse.objects.of(locked.commune_id).filter(product=row).delete()
        ProductUse.objects.bulk_create(
            ProductUse(commune_id=locked.commune_id, product=row, input=inputs[pk], amount=amount)
            for pk, amount in sorted(uses.items())
            if amount
        )
        _stale(locked)
    return row


def scenario_save(
    *,
    plan: ProductionPlan,
    item: PlanScenario | None = None,
    name: str,
    input: PlanInput,
    price_change: Decimal = Decimal(0),
    cut: Decimal = Decimal(0),
) -> PlanScenario:
    """Add a what-if to ``plan`` (or change ``item``): ``input``'s price changed by
    ``price_change`` percent, and ``cut`` percent less of it to be had."""
    name = _name(name)
    if input.plan_id != plan.pk:
        raise Refusal(_("This plan has no such input."), field="input", code="unknown_input")
    if price_change < -100:
        raise Refusal(_("A price cannot fall by more than 100%."), field="price_change")
    if not 0 <= cut <= 100:
        raise Refusal(_("A cut goes from 0 to 100%."), field="cut")
    if item is not None and item.plan_id != plan.pk:
        raise Refusal(_("That scenario is not of this plan."), code="unknown_scenario")
    with transaction.atomic():
        locked = plan_lock(plan)
        row = item or PlanScenario(plan=locked)
        row.name, row.input, row.price_change, row.cut = name, input, price_change, cut
        _save_unique(row)
        _stale(locked)
    return row


def input_delete(*, item: PlanInput) -> None:
    """Take an input off its plan; refused while a product takes it or a scenario is about it,
    so that no product silently loses part of what it takes."""
    with transaction.atomic():
        plan = plan_lock(item.plan)
        if ProductUse.objects.of(plan.commune_id).filter(input=item).exists():
            raise Refusal(
                _("Products take this input: leave its amount empty on each of them first."),
                code="input_in_use",
            )
        if PlanScenario.objects.of(plan.commune_id).filter(input=item).exists():
            raise Refusal(
                _("A scenario is about this input: remove the scenario first."),
                code="input_in_use",
            )
        item.delete()
        _stale(plan)


def product_delete(*, item: Product) -> None:
    """Take a product (and what it takes) off its plan."""
    with transaction.atomic():
        plan = plan_lock(item.plan)
        item.delete()
        _stale(plan)


def scenario_delete(*, item: PlanScenario) -> None:
    """Take a scenario off its plan."""
    with transaction.atomic():
        plan = plan_lock(item.plan)
        item.delete()
        _stale(plan)


def plan_solve(*, plan: ProductionPlan) -> ProductionPlan:
    """Solve ``plan`` and each of its scenarios with ``comuna.engines.production`` and keep the
    figures on the plan (with the names and units of its products and inputs as they are now)."""
    with transaction.atomic():
        locked = plan_lock(plan)
        problem, scenarios, names = plan_problem(locked)
        if problem is None:
            raise Refusal(_("Add a product before solving the plan."), code="no_product")
        try:
            outcomes = scenarios_solve(problem, [s for _row, s in scenarios])
        except UnboundedPlanError:
            raise Refusal(
                _(
                    "Nothing limits this plan: give a product the most that can be sold, an "
                    "input what can be had, or the plan its money for inputs."
                ),
                code="unbounded",
            ) from None
        except ProductionError as error:  # pragma: no cover - the services keep data valid
            raise Refusal(str(error), code="invalid") from None
        result = []
        for outcome, row in zip(outcomes, [None, *(r for r, _s in scenarios)], strict=True):
            figures = outcome.plan.as_dict()
            for part in (*figures["products"], *figures["inputs"]):  # type: ignore[misc]
                part.update(names[part["code"]])
            result.append(
                {
                    "scenario": row.name if row else "",
                    "input": names[f"i{row.input_id}"]["name"] if row else "",
                    "price_change": float(row.price_change) if row else 0.0,
                    "cut": float(row.cut) if row else 0.0,
                    "plan": figures,
                }
            )
        locked.result = {"currency": locked.currency, "outcomes": result}
        locked.solved_at = timezone.now()
        locked.stale = False
        locked.save(update_fields=["result", "solved_at", "stale"])
    return locked
