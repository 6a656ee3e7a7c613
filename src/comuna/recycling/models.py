"""The recycling yard: materials on the European List of Waste, weigh-ins, bales and sales.

Weights are kept in grams and money in cents, as the books keep them. Every weigh-in and every
sale is posted to the commune's books when it is recorded (``comuna.recycling.services``); the
rows here say what was weighed or sold, the books say what it did to the stock and the cash.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Household, Person
from comuna.core.models import CommunalModel
from comuna.ledger.models import Entry
from comuna.waste.models import CollectionPoint, TripLog


class Material(CommunalModel):
    """A material the yard takes in, coded on the List of Waste (``20 01 01``) or the
    commune's own code. The standard ones are named in English in the database and shown in
    the reader's language; a commune's own are shown as written."""

    code = models.CharField(_("code"), max_length=12)
    name = models.CharField(_("name"), max_length=120)
    standard = models.BooleanField(_("from the List of Waste"), default=False)
    active = models.BooleanField(_("taken in"), default=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="material_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"

    @property
    def display_name(self) -> str:
        return gettext(self.name) if self.standard else self.name


class SourceKind(models.TextChoices):
    TRIP = "trip", _("A collection trip")
    POINT = "point", _("A collection point")
    HOUSEHOLD = "household", _("A household")
    PERSON = "person", _("A person")
    NAMED = "named", _("Someone else (by name)")


_NO_LINK = Q(trip__isnull=True, point__isnull=True, household__isnull=True, person__isnull=True)
_ONE_SOURCE = (
    (
        Q(source=SourceKind.TRIP, trip__isnull=False)
        & Q(point__isnull=True, household__isnull=True, person__isnull=True)
    )
    | (
        Q(source=SourceKind.POINT, point__isnull=False)
        & Q(trip__isnull=True, household__isnull=True, person__isnull=True)
    )
    | (
        Q(source=SourceKind.HOUSEHOLD, household__isnull=False)
        & Q(trip__isnull=True, point__isnull=True, person__isnull=True)
    )
    | (
        Q(source=SourceKind.PERSON, person__isnull=False)
        & Q(trip__isnull=True, point__isnull=True, household__isnull=True)
    )
    | (Q(source=SourceKind.NAMED) & _NO_LINK & ~Q(source_name=""))
)


class WeighIn(CommunalModel):
    """One load weighed at the yard: where it came from, the material, gross, tare and net.

    ``net_g`` is ``gross_g - tare_g``, held by the database; a load weighs something (the
    tare is below the gross). ``entry`` is its posting: goods into the recycling stock.
    """

    commune_via = ("material",)

    date = models.DateField(_("date"))
    material = models.ForeignKey(
        Material, on_delete=models.PROTECT, related_name="weighins", verbose_name=_("material")
    )
    source = models.CharField(_("came from"), max_length=10, choices=SourceKind.choices)
    trip = models.ForeignKey(
        TripLog,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trip"),
    )
    point = models.ForeignKey(
        CollectionPoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collection point"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    source_name = models.CharField(_("name"), max_length=150, blank=True)
    gross_g = models.BigIntegerField(_("gross (g)"))
    tare_g = models.BigIntegerField(_("tare (g)"))
    net_g = models.BigIntegerField(_("net (g)"))
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("weigh-in")
        verbose_name_plural = _("weigh-ins")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["commune", "date"], name="weighin_commune_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(tare_g__gte=0) & Q(gross_g__gt=F("tare_g")),
                name="weighin_tare_below_gross",
            ),
            models.CheckConstraint(
                condition=Q(net_g=F("gross_g") - F("tare_g")), name="weighin_net_is_gross_less_tare"
            ),
            models.CheckConstraint(condition=_ONE_SOURCE, name="weighin_one_source"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.material.code} {self.net_g} g"

    @property
    def source_label(self) -> str:
        """Where the load came from, as the desk list shows it."""
        if self.trip_id is not None:
            return gettext("Trip %(id)s") % {"id": self.trip_id}
        if self.point is not None:
            return str(self.point)
        if self.household is not None:
            return gettext("Household %(reference)s") % {"reference": self.household.reference}
        if self.person is not None:
            return f"{self.person.first_names} {self.person.last_names}"
        return self.source_name


class Sale(CommunalModel):
    """Material sold to a buyer: kg times the price per kg, posted as money in, goods out."""

    commune_via = ("material",)

    date = models.DateField(_("date"))
    material = models.ForeignKey(
        Material, on_delete=models.PROTECT, related_name="sales", verbose_name=_("material")
    )
    weight_g = models.BigIntegerField(_("weight (g)"))
    price_cents_per_kg = models.BigIntegerField(_("price per kg (cents)"))
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    buyer = models.CharField(_("buyer"), max_length=150)
    reference = models.CharField(_("invoice or receipt"), max_length=100, blank=True)
    money_entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goods_entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("sale")
        verbose_name_plural = _("sales")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight_g__gt=0) & Q(price_cents_per_kg__gt=0) & Q(amount_cents__gt=0),
                name="sale_positive",
            ),
            models.CheckConstraint(condition=~Q(buyer=""), name="sale_has_buyer"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.material.code} {self.buyer}"


class Bale(CommunalModel):
    """A bale pressed from the loose stock of one material. A sale takes the loose material
    first and then the bales, the first formed first (``sold_in``)."""

    commune_via = ("material",)

    material = models.ForeignKey(
        Material, on_delete=models.PROTECT, related_name="bales", verbose_name=_("material")
    )
    weight_g = models.BigIntegerField(_("weight (g)"))
    formed_on = models.DateField(_("formed on"))
    sold_in = models.ForeignKey(
        Sale,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bales",
        verbose_name=_("sold in"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("bale")
        verbose_name_plural = _("bales")
        ordering = ["-formed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight_g__gt=0), name="bale_weighs"),
        ]

    def __str__(self) -> str:
        return f"{self.material.code} {self.weight_g} g {self.formed_on}"


class ReferencePrice(CommunalModel):
    """The yard's reference price list: what a kg of a material should fetch from a date on."""

    commune_via = ("material",)

    material = models.ForeignKey(
        Material, on_delete=models.PROTECT, related_name="prices", verbose_name=_("material")
    )
    valid_from = models.DateField(_("from"))
    price_cents_per_kg = models.BigIntegerField(_("price per kg (cents)"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("reference price")
        verbose_name_plural = _("reference prices")
        ordering = ["material", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["material", "valid_from"], name="reference_price_one_per_day"
            ),
            models.CheckConstraint(condition=Q(price_cents_per_kg__gt=0), name="reference_price"),
        ]

    def __str__(self) -> str:
        return f"{self.material.code} {self.valid_from} {self.price_cents_per_kg}"
