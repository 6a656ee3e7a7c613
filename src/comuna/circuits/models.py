"""Communal circuits: producers, products and outlets of a commune, and its cycles (a harvest,
a month) with their offers, needs, plan and deliveries.

Quantities are grams and prices cents per kg, as the books keep them. A cycle's plan is made
by ``comuna.engines.circuits`` (``services.plan_solve``), reviewed as a draft and approved; an
approved plan is frozen, and deliveries are recorded against its lines and posted to the books
in kind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Council
from comuna.core.models import CommunalModel
from comuna.enterprises.models import Enterprise
from comuna.ledger.models import Entry

_LAT = Q(lat__gte=-90) & Q(lat__lte=90)
_LON = Q(lon__gte=-180) & Q(lon__lte=180)


class Product(CommunalModel):
    """A product the circuit moves, and the accessible price the circuit sets for it."""

    name = models.CharField(_("name"), max_length=120)
    price_cents_per_kg = models.PositiveBigIntegerField(_("accessible price (cents per kg)"))

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="circuit_product_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Producer(CommunalModel):
    """A farm, a cooperative or one of the commune's enterprises, at its place."""

    name = models.CharField(_("name"), max_length=150)
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="circuit_producer_unique"),
            models.CheckConstraint(condition=_LAT & _LON, name="circuit_producer_place"),
        ]

    def __str__(self) -> str:
        return self.name


class OutletKind(models.TextChoices):
    CANTEEN = "canteen", _("School canteen")
    KITCHEN = "kitchen", _("Popular kitchen")
    MARKET = "market", _("Communal market")
    SCHOOL = "school", _("School")


class Outlet(CommunalModel):
    """Where the food goes: a canteen, a kitchen, a market or a school, in a council."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=OutletKind.choices)
    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("communal council"),
    )
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    keeper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person who receives"),
    )

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="circuit_outlet_unique"),
            models.CheckConstraint(condition=_LAT & _LON, name="circuit_outlet_place"),
        ]

    def __str__(self) -> str:
        return self.name


class Vehicle(CommunalModel):
    """A vehicle of the circuit, what it carries in a cycle, and who drives it."""

    name = models.CharField(_("name"), max_length=100)
    capacity_kg = models.PositiveIntegerField(_("capacity in a cycle (kg)"))
    driver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("driver"),
    )

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="circuit_vehicle_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class CycleStatus(models.TextChoices):
    OPEN = "open", _("Taking offers and needs")
    DRAFT = "draft", _("Plan drafted, to review")
    APPROVED = "approved", _("Plan approved")


class Cycle(CommunalModel):
    """A harvest or a month of the circuit, with its transport terms."""

    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    cost_cents_per_kg_km = models.PositiveIntegerField(_("transport cost (cents per kg·km)"))
    detour_factor = models.FloatField(_("road detour factor"), default=1.3)
    reach_km = models.FloatField(_("reach (km)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN
    )
    planned_at = models.DateTimeField(_("planned at"), null=True, blank=True)
    plan_cost_cents = models.BigIntegerField(_("transport cost of the plan"), default=0)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vehicles = models.ManyToManyField(Vehicle, blank=True, related_name="cycles")

    class Meta:
        verbose_name = _("circuit cycle")
        verbose_name_plural = _("circuit cycles")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="circuit_cycle_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="circuit_cycle_dates"
            ),
            models.CheckConstraint(condition=Q(detour_factor__gte=1), name="circuit_cycle_detour"),
            models.CheckConstraint(
                condition=Q(status="approved", approved_at__isnull=False) | ~Q(status="approved"),
                name="circuit_cycle_approved_when",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_frozen(self) -> bool:
        return self.status == CycleStatus.APPROVED


class Offer(CommunalModel):
    """A producer offers this much of a product in the cycle."""

    commune_via = ("cycle",)

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="offers")
    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="offers")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="offers")
    quantity_g = models.BigIntegerField(_("quantity (g)"))

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "producer", "product"], name="circuit_offer_unique"
            ),
            models.CheckConstraint(condition=Q(quantity_g__gt=0), name="circuit_offer_positive"),
        ]


class Need(CommunalModel):
    """An outlet needs this much of a product in the cycle; priority 1 is the highest."""

    commune_via = ("cycle",)

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="needs")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="needs")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="needs")
    quantity_g = models.BigIntegerField(_("quantity (g)"))
    priority = models.PositiveSmallIntegerField(_("priority"))
    # What the plan gave it and why (``comuna.engines.circuits.Reason``), filled by the plan.
    met_g = models.BigIntegerField(_("planned (g)"), default=0)
    reason = models.CharField(_("why"), max_length=20, blank=True)
    served_through = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["priority"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "outlet", "product"], name="circuit_need_unique"
            ),
            models.CheckConstraint(condition=Q(quantity_g__gt=0), name="circuit_need_positive"),
            models.CheckConstraint(
                condition=Q(priority__gte=1, priority__lte=9), name="circuit_need_priority"
            ),
            models.CheckConstraint(
                condition=Q(met_g__gte=0, met_g__lte=F("quantity_g")), name="circuit_need_met"
            ),
        ]

    @property
    def short_g(self) -> int:
        return self.quantity_g - self.met_g


class PlanLine(CommunalModel):
    """A load of the plan: a vehicle takes this much from a producer to an outlet."""

    commune_via = ("cycle",)

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="lines")
    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.PROTECT, null=True, blank=True, related_name="lines"
    )
    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="+")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    quantity_g = models.BigIntegerField(_("planned (g)"))
    km = models.FloatField(_("road km"))
    delivered_g = models.BigIntegerField(_("delivered (g)"), default=0)

    class Meta:
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        ordering = ["vehicle__name", "producer__name", "outlet__name", "product__name"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity_g__gt=0), name="circuit_line_positive"),
            models.CheckConstraint(
                condition=Q(delivered_g__gte=0, delivered_g__lte=F("quantity_g")),
                name="circuit_line_delivered_within_plan",
            ),
        ]

    @property
    def left_g(self) -> int:
        return self.quantity_g - self.delivered_g


class Delivery(CommunalModel):
    """Kilograms delivered on a line of an approved plan, posted to the books in kind."""

    commune_via = ("line",)

    line = models.ForeignKey(PlanLine, on_delete=models.PROTECT, related_name="deliveries")
    quantity_g = models.BigIntegerField(_("delivered (g)"))
    price_cents_per_kg = models.PositiveBigIntegerField(_("accessible price (cents per kg)"))
    value_cents = models.BigIntegerField(_("value at the accessible price (cents)"))
    delivered_on = models.DateField(_("delivered on"))
    # The form's one-time key: a second submit of the same form is refused.
    key = models.CharField(max_length=64)
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "key"], name="circuit_delivery_once"),
            models.CheckConstraint(condition=Q(quantity_g__gt=0), name="circuit_delivery_positive"),
        ]
