"""Production plans: what a communal enterprise makes in a month, from what, and for whom.

A ``ProductionPlan`` belongs to one enterprise (any kind) and one month. It lists the
``PlanInput``s (corn, diesel, electricity, packaging, hours of work: a price per unit and what
can be had), the ``Product``s (selling price, the households' target, the demand ceiling) with
what one unit takes of each input (``ProductUse``), and the ``PlanScenario``s to try (corn
30% dearer, no diesel). Solving it (``comuna.production.services.plan_solve``) runs the
``comuna.engines.production`` linear programme and keeps its figures on the plan, names and
all, as they stood when it was solved.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel
from comuna.enterprises.models import Enterprise


class Goal(models.TextChoices):
    UNITS = "units", _("As many units as possible")
    SURPLUS = "surplus", _("The most surplus")


class Currency(models.TextChoices):
    VES = "VES", _("bolívares")
    USD = "USD", _("US dollars")


class InputUnit(models.TextChoices):
    KG = "kg", _("kg")
    LITRE = "L", _("litres")
    KWH = "kWh", _("kWh")
    UNIT = "unit", _("units")
    HOUR = "hour", _("hours of work")


class ProductionPlan(CommunalModel):
    """One enterprise's production for one month, and its solved figures."""

    commune_via = ("enterprise",)

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="production_plans"
    )
    month = models.DateField(_("month"), help_text=_("Its first day."))
    goal = models.CharField(_("goal"), max_length=10, choices=Goal.choices, default=Goal.UNITS)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.VES
    )
    budget = models.DecimalField(
        _("money for inputs"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when money does not limit the month."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    # The engine's figures for the base plan and each scenario (``services.plan_solve``).
    result = models.JSONField(null=True, blank=True, editable=False)
    solved_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by every change after a solve: the figures shown are those of an older plan.
    stale = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("production plan")
        verbose_name_plural = _("production plans")
        ordering = ["-month", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "month"], name="production_plan_one_per_month"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="production_plan_month_first_day"
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="production_plan_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(goal__in=["units", "surplus"]), name="production_plan_goal_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.month:%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("production:plan", args=[self.pk])


class PlanInput(CommunalModel):
    """Something the plan's products take: its price per unit and what can be had."""

    commune_via = ("plan",)

    plan = models.ForeignKey(ProductionPlan, on_delete=models.CASCADE, related_name="inputs")
    name = models.CharField(_("name"), max_length=80)
    unit = models.CharField(_("unit"), max_length=4, choices=InputUnit.choices)
    price = models.DecimalField(_("price per unit"), max_digits=14, decimal_places=4)
    available = models.DecimalField(
        _("available this month"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Leave empty when there is as much as is needed."),
    )

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="plan_input_name_unique"),
            models.CheckConstraint(condition=Q(price__gte=0), name="plan_input_price_not_negative"),
            models.CheckConstraint(
                condition=Q(available__isnull=True) | Q(available__gte=0),
                name="plan_input_available_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("production:input_edit", args=[self.pk])


class Product(CommunalModel):
    """Something the plan makes: its selling price, the households' target and the ceiling."""

    commune_via = ("plan",)

    plan = models.ForeignKey(ProductionPlan, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("name"), max_length=80)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("A 1 kg bag, a 5 kg sack…"))
    price = models.DecimalField(_("selling price"), max_digits=14, decimal_places=2)
    target = models.DecimalField(
        _("target for the households"),
        max_digits=14,
        decimal_places=3,
        default=0,
        help_text=_("Units to make first, before anything else."),
    )
    demand = models.DecimalField(
        _("the most that can be sold"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Leave empty when there is no ceiling."),
    )

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="product_name_unique"),
            models.CheckConstraint(condition=Q(price__gte=0), name="product_price_not_negative"),
            models.CheckConstraint(condition=Q(target__gte=0), name="product_target_not_negative"),
            models.CheckConstraint(
                condition=Q(demand__isnull=True) | Q(demand__gte=F("target")),
                name="product_target_within_demand",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("production:product_edit", args=[self.pk])


class ProductUse(CommunalModel):
    """How much of one input one unit of a product takes."""

    commune_via = ("product",)

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="uses")
    input = models.ForeignKey(PlanInput, on_delete=models.CASCADE, related_name="uses")
    amount = models.DecimalField(_("amount per unit"), max_digits=12, decimal_places=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["product", "input"], name="product_use_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="product_use_positive"),
        ]


class PlanScenario(CommunalModel):
    """What if one input cost more (or less), or less of it could be had."""

    commune_via = ("plan",)

    plan = models.ForeignKey(ProductionPlan, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(_("name"), max_length=80)
    input = models.ForeignKey(PlanInput, on_delete=models.CASCADE, related_name="scenarios")
    price_change = models.DecimalField(
        _("price change (%)"),
        max_digits=7,
        decimal_places=2,
        default=0,
        help_text=_("For example 30 (dearer) or -10 (cheaper)."),
    )
    cut = models.DecimalField(
        _("cut in what can be had (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text=_("100 is none at all."),
    )

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="plan_scenario_name_unique"),
            models.CheckConstraint(
                condition=Q(price_change__gte=-100), name="plan_scenario_price_change_possible"
            ),
            models.CheckConstraint(
                condition=Q(cut__gte=0) & Q(cut__lte=100), name="plan_scenario_cut_percent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("production:scenario_edit", args=[self.pk])
