"""A day's plan, as ``comuna.engines.routing`` made it: its routes and their ordered stops.

A plan keeps the engine's inputs that matter to re-run it (seed, allowance) and its figures.
Re-planning a day (a truck broke down mid-route) supersedes the current plan with a new one
that points back to it; at most one plan per enterprise and day is current.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel
from comuna.enterprises.models import Enterprise
from comuna.waste.models.territory import CollectionPoint, Site, Vehicle


class DayPlan(CommunalModel):
    commune_via = ("enterprise",)

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="day_plans", verbose_name=_("enterprise")
    )
    date = models.DateField(_("date"))
    seed = models.PositiveIntegerField(_("seed"), default=1)
    current = models.BooleanField(_("current"), default=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaces"),
    )
    # Litres in millilitres, as the books keep them (unit L, three decimals).
    allowance_ml = models.BigIntegerField(_("day's allowance (mL)"))
    litres_ml = models.BigIntegerField(_("diesel planned (mL)"))
    litres_to_serve_all_ml = models.BigIntegerField(_("diesel to serve every point (mL)"))
    required_shortfall_ml = models.BigIntegerField(_("diesel missing for required points (mL)"))
    prize = models.BigIntegerField(_("prize"))
    kg = models.BigIntegerField(_("kg expected"))
    points_left = models.PositiveIntegerField(_("points left for tomorrow"))
    result = models.JSONField(_("engine result"), default=dict)
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )

    class Meta:
        verbose_name = _("day's plan")
        verbose_name_plural = _("day's plans")
        ordering = ["-date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "date"],
                condition=Q(current=True),
                name="dayplan_one_current_per_day",
            ),
            models.CheckConstraint(
                condition=Q(allowance_ml__gte=0)
                & Q(litres_ml__gte=0)
                & Q(litres_ml__lte=models.F("allowance_ml")),
                name="dayplan_within_allowance",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("waste:plan", args=[self.pk])


class Route(CommunalModel):
    """One vehicle's day: depot, points, unloadings (several trips), back to the depot."""

    commune_via = ("plan",)

    plan = models.ForeignKey(
        DayPlan, on_delete=models.CASCADE, related_name="routes", verbose_name=_("plan")
    )
    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.PROTECT, related_name="routes", verbose_name=_("vehicle")
    )
    kg = models.BigIntegerField(_("kg expected"))
    metres = models.BigIntegerField(_("distance (m)"))
    litres_ml = models.BigIntegerField(_("diesel (mL)"))
    trips = models.PositiveSmallIntegerField(_("trips"))

    class Meta:
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        ordering = ["plan", "vehicle__plate"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "vehicle"], name="route_one_per_vehicle"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.vehicle}"


class StopKind(models.TextChoices):
    POINT = "point", _("Collection point")
    UNLOAD = "unload", _("Unloading")
    DEPOT = "depot", _("Depot")


class Stop(CommunalModel):
    commune_via = ("route",)

    route = models.ForeignKey(
        Route, on_delete=models.CASCADE, related_name="stops", verbose_name=_("route")
    )
    sequence = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=8, choices=StopKind.choices)
    point = models.ForeignKey(
        CollectionPoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stops",
        verbose_name=_("collection point"),
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stops",
        verbose_name=_("site"),
    )
    expected_kg = models.PositiveIntegerField(_("kg expected"), default=0)
    arrive_s = models.PositiveIntegerField(_("arrival (seconds into the shift)"), default=0)

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["route", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["route", "sequence"], name="stop_order_unique"),
            models.CheckConstraint(
                condition=(Q(kind="point") & Q(point__isnull=False) & Q(site__isnull=True))
                | (~Q(kind="point") & Q(point__isnull=True) & Q(site__isnull=False)),
                name="stop_is_a_point_or_a_site",
            ),
        ]
