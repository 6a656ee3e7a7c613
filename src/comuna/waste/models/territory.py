"""The fleet and the territory of a waste-collection enterprise."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Council, Sector
from comuna.core.models import CommunalModel
from comuna.enterprises.models import Enterprise

_LAT = Q(latitude__gte=-90) & Q(latitude__lte=90)
_LON = Q(longitude__gte=-180) & Q(longitude__lte=180)


class SiteKind(models.TextChoices):
    DEPOT = "depot", _("Depot")
    LANDFILL = "landfill", _("Landfill")
    RECYCLING_YARD = "recycling_yard", _("Recycling yard")


class Site(CommunalModel):
    """The depot where the trucks sleep, and the places they unload (with opening hours)."""

    commune_via = ("enterprise",)

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="sites", verbose_name=_("enterprise")
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=SiteKind.choices)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "name"], name="site_name_unique"),
            models.CheckConstraint(condition=_LAT & _LON, name="site_coordinates_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class PointKind(models.TextChoices):
    CONTAINER = "container", _("Street container")
    MARKET = "market", _("Market")
    SCHOOL = "school", _("School")
    CLINIC = "clinic", _("Clinic")
    OTHER = "other", _("Other")


class CollectionPoint(CommunalModel):
    """Where waste waits to be collected, in a council's sector.

    ``fill_kg_per_day`` starts as an estimate and the weigh-ins correct it over time.
    """

    commune_via = ("enterprise",)

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="points", verbose_name=_("enterprise")
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("place"), max_length=150)
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="+", verbose_name=_("council")
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("sector"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PointKind.choices)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    fill_kg_per_day = models.PositiveIntegerField(_("estimated fill (kg per day)"))
    required = models.BooleanField(_("always served"), default=False)
    last_served = models.DateField(_("last served"), null=True, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("collection point")
        verbose_name_plural = _("collection points")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "code"], name="point_code_unique"),
            models.CheckConstraint(condition=_LAT & _LON, name="point_coordinates_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Vehicle(CommunalModel):
    commune_via = ("enterprise",)

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="vehicles",
        verbose_name=_("enterprise"),
    )
    plate = models.CharField(_("plate"), max_length=12)
    name = models.CharField(_("name"), max_length=60, blank=True)
    capacity_kg = models.PositiveIntegerField(_("capacity (kg)"))
    # Litres of diesel per 100 km, in hundredths (31.5 L/100 km is 3150).
    litres_per_100km_centi = models.PositiveIntegerField(_("diesel (L per 100 km)"))
    active = models.BooleanField(_("in the fleet"), default=True)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["plate"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "plate"], name="vehicle_plate_unique"),
            models.CheckConstraint(condition=Q(capacity_kg__gt=0), name="vehicle_capacity"),
            models.CheckConstraint(
                condition=Q(litres_per_100km_centi__gt=0), name="vehicle_consumption"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plate} {self.name}".strip()

    @property
    def litres_per_100km(self) -> float:
        return self.litres_per_100km_centi / 100


class VehicleBreakdown(CommunalModel):
    """A vehicle out of service from ``start`` until ``end`` (open while not repaired)."""

    commune_via = ("vehicle",)

    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.CASCADE, related_name="breakdowns", verbose_name=_("vehicle")
    )
    start = models.DateField(_("broke down on"))
    end = models.DateField(_("back in service on"), null=True, blank=True)
    note = models.CharField(_("what happened"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("breakdown")
        verbose_name_plural = _("breakdowns")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="breakdown_ends_after_start",
            ),
        ]


class RationPolicy(models.TextChoices):
    LEFT_PER_DAY = "left_per_day", _("What is left, shared over the collection days left")
    FIXED = "fixed", _("A fixed number of litres a day")
    SHARE = "share", _("A share of what is left")


class CollectionSettings(CommunalModel):
    """How a waste-collection enterprise plans: its days, its ration policy, its distances.

    One row per enterprise, made when first needed (``comuna.waste.services``). The street
    network is a file in the data folder (``network_file``, relative to ``COMUNA_HOME``) read
    from the OpenStreetMap extract the commune imported; with none, distances are straight
    lines times ``detour_centi`` / 100.
    """

    commune_via = ("enterprise",)

    enterprise = models.OneToOneField(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="collection_settings",
        verbose_name=_("enterprise"),
    )
    # Weekdays the trucks go out, Monday 0 … Sunday 6, as digits ("012345": Monday to Saturday).
    weekdays = models.CharField(_("collection days"), max_length=7, default="012345")
    policy = models.CharField(
        _("daily allowance"),
        max_length=16,
        choices=RationPolicy.choices,
        default=RationPolicy.LEFT_PER_DAY,
    )
    fixed_ml = models.BigIntegerField(_("fixed litres a day (mL)"), default=0)
    share_percent = models.PositiveSmallIntegerField(_("share of what is left (%)"), default=10)
    detour_centi = models.PositiveIntegerField(_("detour factor (hundredths)"), default=130)
    network_file = models.CharField(_("street network file"), max_length=200, blank=True)
    network_name = models.CharField(_("extract imported"), max_length=255, blank=True)
    network_fingerprint = models.CharField(_("network fingerprint"), max_length=64, blank=True)
    network_imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("collection settings")
        verbose_name_plural = _("collection settings")
        constraints = [
            models.CheckConstraint(condition=Q(fixed_ml__gte=0), name="settings_fixed_positive"),
            models.CheckConstraint(
                condition=Q(share_percent__gte=1) & Q(share_percent__lte=100),
                name="settings_share_percent",
            ),
            models.CheckConstraint(
                condition=Q(detour_centi__gte=100) & Q(detour_centi__lte=500),
                name="settings_detour_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.enterprise)

    @property
    def detour(self) -> float:
        return self.detour_centi / 100

    @property
    def weekday_set(self) -> frozenset[int]:
        return frozenset(int(d) for d in self.weekdays if d.isdigit() and int(d) < 7)
