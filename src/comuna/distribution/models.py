"""Programmes, rounds, entitlements and deliveries of scarce goods (food bags, gas cylinders).

The rule that decides who gets what when stock is short lives in ``comuna.engines.rationing``;
these rows keep its inputs and outputs, frozen when a round opens, so the list printed for the
distribution day is the list anyone can re-run from the recorded seed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel
from comuna.engines.rationing import texts


class ProgrammeKind(models.TextChoices):
    FOOD_BAG = "food_bag", _("Food bags (CLAP)")
    GAS = "gas", _("Gas cylinders")
    OTHER = "other", _("Other")


class ProgrammeUnit(models.TextChoices):
    # Units of comuna.engines.ledger.units, so stock can be posted to the in-kind accounts.
    BAG = "BAG", _("bag")
    CYL = "CYL", _("cylinder")


class Currency(models.TextChoices):
    VES = "VES", _("bolívares")
    USD = "USD", _("US dollars")


class Programme(CommunalModel):
    """Who is entitled to what, as data: ``min(cap, base + per_member × members)`` units.

    A gas programme for one cylinder size serves only households that use that size, never
    more cylinders than they have, and may exclude households on piped gas.
    """

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=ProgrammeKind.choices)
    unit = models.CharField(_("unit"), max_length=3, choices=ProgrammeUnit.choices)
    base_quantity = models.PositiveSmallIntegerField(_("base quantity"), default=1)
    per_member = models.PositiveSmallIntegerField(_("quantity per member"), default=0)
    cap = models.PositiveSmallIntegerField(_("at most"), default=1)
    vulnerable_only = models.BooleanField(_("vulnerable households only"), default=False)
    cylinder_kg = models.PositiveSmallIntegerField(
        _("cylinder size (kg)"),
        null=True,
        blank=True,
        choices=[(10, "10 kg"), (18, "18 kg"), (43, "43 kg")],
    )
    exclude_piped_gas = models.BooleanField(_("exclude households on piped gas"), default=False)
    fee_minor = models.PositiveIntegerField(_("fee per unit (cents)"), default=0)
    fee_currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.VES
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="programme_name_unique"),
            models.CheckConstraint(condition=Q(cap__gte=1), name="programme_cap_positive"),
            models.CheckConstraint(
                condition=Q(cylinder_kg__isnull=True) | Q(cylinder_kg__in=[10, 18, 43]),
                name="programme_cylinder_size",
            ),
            models.CheckConstraint(
                condition=Q(unit__in=["BAG", "CYL"]), name="programme_unit_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("distribution:programme_edit", args=[self.pk])


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Round(CommunalModel):
    """One distribution of a programme: its stock, its day and, once open, its frozen list."""

    commune_via = ("programme",)

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="rounds")
    status = models.CharField(
        _("status"), max_length=6, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    stock_received = models.PositiveIntegerField(_("stock received"))
    received_on = models.DateField(_("stock received on"))
    distribution_on = models.DateField(_("distribution day"))
    points = models.CharField(_("distribution points"), max_length=300, blank=True)
    tables = models.PositiveSmallIntegerField(_("tables"), default=1)
    seed = models.CharField(_("lottery seed"), max_length=100, blank=True)
    input_hash = models.CharField(_("list hash"), max_length=64, blank=True)
    rule = models.CharField(max_length=40, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    remaining_counted = models.PositiveIntegerField(_("stock counted at the close"), null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-distribution_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(tables__gte=1), name="round_has_a_table"),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(opened_at__isnull=False) & ~Q(input_hash="")),
                name="round_open_has_list",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed")
                | (Q(closed_at__isnull=False) & Q(remaining_counted__isnull=False)),
                name="round_closed_is_counted",
            ),
            models.CheckConstraint(
                condition=Q(remaining_counted__isnull=True)
                | Q(remaining_counted__lte=F("stock_received")),
                name="round_remaining_within_stock",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.name} · {self.distribution_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("distribution:round", args=[self.pk])


class Entitlement(CommunalModel):
    """A household's place in an open round, frozen at opening: its claim and what it got."""

    commune_via = ("round",)

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="entitlements")
    household = models.ForeignKey(
        "census.Household", on_delete=models.PROTECT, related_name="entitlements"
    )
    group = models.CharField(max_length=12)
    priority = models.PositiveSmallIntegerField()
    claimed = models.PositiveSmallIntegerField()
    short_streak = models.PositiveSmallIntegerField(default=0)
    short_total = models.PositiveSmallIntegerField(default=0)
    awarded = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10)
    reason = models.CharField(max_length=40)
    queue_position = models.PositiveIntegerField(null=True)
    queue_size = models.PositiveIntegerField(default=0)
    lottery_key = models.CharField(max_length=64)
    next_short_streak = models.PositiveSmallIntegerField(default=0)
    next_short_total = models.PositiveSmallIntegerField(default=0)
    # The facts of the household's group and class that its explanation quotes; the sentence
    # itself is written from them when read, in the reader's language.
    group_share = models.PositiveIntegerField(default=0)
    class_level = models.PositiveIntegerField(null=True)
    leftover = models.PositiveIntegerField(null=True)
    queue_reached = models.PositiveIntegerField(null=True)

    class Meta:
        ordering = ["group", "priority", "queue_position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "household"], name="entitlement_once"),
            models.CheckConstraint(
                condition=Q(awarded__lte=F("claimed")), name="entitlement_within_claim"
            ),
            models.CheckConstraint(condition=Q(priority__lte=3), name="entitlement_priority"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.household_id}: {self.awarded} of {self.claimed}"

    def explanation(self, language: str) -> str:
        """Why the household got what it got, as the rationing engine words it."""
        return texts.explain(
            texts.Facts(
                reason=self.reason,
                group=self.group,
                priority=self.priority,
                claimed=self.claimed,
                awarded=self.awarded,
                group_share=self.group_share,
                class_level=self.class_level,
                leftover=self.leftover,
                queue_reached=self.queue_reached,
                queue_position=self.queue_position,
                queue_size=self.queue_size,
                short_streak=self.short_streak,
            ),
            "es" if language.startswith("es") else "en",
        )

    @property
    def explanation_es(self) -> str:
        return self.explanation("es")

    @property
    def explanation_en(self) -> str:
        return self.explanation("en")


class Collector(models.TextChoices):
    HEAD = "head", _("The household itself")
    PROXY = "proxy", _("A named proxy")


class Delivery(CommunalModel):
    """Proof that a household received its award. Never twice per round: the database says so."""

    commune_via = ("round",)

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="deliveries")
    household = models.ForeignKey(
        "census.Household", on_delete=models.PROTECT, related_name="deliveries"
    )
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    collected_by = models.CharField(
        _("collected by"), max_length=5, choices=Collector.choices, default=Collector.HEAD
    )
    proxy_name = models.CharField(_("proxy's name"), max_length=120, blank=True)
    table = models.PositiveSmallIntegerField(_("table"), default=1)
    fee_minor = models.PositiveIntegerField(_("fee collected (cents)"), default=0)
    delivered_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-delivered_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "household"], name="delivery_once_per_round"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="delivery_quantity_positive"),
            models.CheckConstraint(
                condition=Q(collected_by="head") | ~Q(proxy_name=""), name="delivery_proxy_named"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.household_id}: {self.quantity}"


class NonDeliveryReason(models.TextChoices):
    ABSENT = "absent", _("Nobody came")
    NO_MONEY = "no_money", _("Could not pay the fee")
    NO_CYLINDER = "no_cylinder", _("Did not bring the empty cylinder")
    REFUSED = "refused", _("Did not want it")
    OUT_OF_STOCK = "out_of_stock", _("Stock ran out at the table")
    OTHER = "other", _("Other")


class NonDelivery(CommunalModel):
    """Why an entitled household did not receive; replaced by a delivery if it comes later."""

    commune_via = ("round",)

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="non_deliveries")
    household = models.ForeignKey(
        "census.Household", on_delete=models.PROTECT, related_name="non_deliveries"
    )
    reason = models.CharField(_("reason"), max_length=12, choices=NonDeliveryReason.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "household"], name="non_delivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.household_id}: {self.reason}"
