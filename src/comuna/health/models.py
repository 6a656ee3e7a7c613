"""The commune's health work: clinic days, the medicine stock under two keys, help cases.

Quantities are whole units of an item's unit (tablets, boxes, pairs of gloves). Every issue of
medicine (``Dispensation``) and every count (``StockCount``) is recorded by one login and
confirmed by a second, different one (the one who hands it over and a witness): it moves the
stock only once both have signed, and the database itself refuses a row whose witness is its
issuer. The stock of a batch is what was received, less what was issued and confirmed, less
what confirmed counts found missing (``comuna.health.selectors.batch_stock``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Household, Person
from comuna.core.models import CommunalModel
from comuna.ledger.models import Entry


class Clinic(CommunalModel):
    """A place where the health committee attends (the Ambulatorio)."""

    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("clinic")
        verbose_name_plural = _("clinics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="health_clinic_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ClinicDay(CommunalModel):
    """A day the clinic attends, and who of the health committee attends it."""

    commune_via = ("clinic",)

    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="days", verbose_name=_("clinic")
    )
    date = models.DateField(_("date"))
    attendants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("who attends")
    )
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("clinic day")
        verbose_name_plural = _("clinic days")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "date"], name="health_clinic_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.clinic} {self.date:%Y-%m-%d}"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    ATTENDED = "attended", _("Attended")
    MISSED = "missed", _("Missed")


class Appointment(CommunalModel):
    """A person of the census seen (or to be seen) on a clinic day; without a time, waiting."""

    commune_via = ("day",)

    day = models.ForeignKey(
        ClinicDay, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("day")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    time = models.TimeField(_("time"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = [F("time").asc(nulls_last=True), "pk"]
        constraints = [
            models.UniqueConstraint(fields=["day", "person"], name="health_appointment_once"),
            models.CheckConstraint(
                condition=Q(status="waiting") | Q(time__isnull=False),
                name="health_appointment_timed_unless_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.person}"


class Item(CommunalModel):
    """A medicine or supply the clinic keeps: ``name`` (Amoxicilina 500 mg), ``form``
    (capsules), ``unit`` (capsule)."""

    name = models.CharField(_("name"), max_length=120)
    form = models.CharField(_("form"), max_length=60, blank=True)
    unit = models.CharField(_("unit"), max_length=30)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="health_item_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Batch(CommunalModel):
    """A lot of an item as it was received."""

    commune_via = ("item",)

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="batches", verbose_name=_("item")
    )
    lot = models.CharField(_("lot"), max_length=40)
    expiry = models.DateField(_("expires on"))
    received = models.PositiveIntegerField(_("quantity received"))
    received_on = models.DateField(_("received on"))
    supplier = models.CharField(_("from whom"), max_length=120)

    class Meta:
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        ordering = ["item__name", "expiry", "lot"]
        constraints = [
            models.UniqueConstraint(fields=["item", "lot"], name="health_batch_lot_unique"),
            models.CheckConstraint(condition=Q(received__gt=0), name="health_batch_received"),
        ]

    def __str__(self) -> str:
        return f"{self.item} ({self.lot})"


class TwoKeys(CommunalModel):
    """A record one login makes and a second, different login confirms.

    The database holds the rule that the witness is never the issuer, and that a confirmed row
    has its witness; ``comuna.health.services`` checks it first, under the row's lock, to say so
    in the person's language.
    """

    commune_via = ("batch",)

    batch = models.ForeignKey(
        Batch, on_delete=models.PROTECT, related_name="+", verbose_name=_("batch")
    )
    date = models.DateField(_("date"))
    issuer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    witness = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("witness"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


def _two_keys(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(witness__isnull=True) | ~Q(witness=F("issuer")),
            name=f"{prefix}_witness_not_issuer",
        ),
        models.CheckConstraint(
            condition=Q(confirmed_at__isnull=True) | Q(witness__isnull=False),
            name=f"{prefix}_confirmed_by_witness",
        ),
    ]


class Dispensation(TwoKeys):
    """Medicine handed to a person of the census against a prescription."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    prescription = models.CharField(_("prescription"), max_length=60)
    prescriber = models.CharField(_("prescribed by"), max_length=120)

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-date", "-pk"]
        constraints = [
            *_two_keys("health_dispensation"),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="health_dispensation_quantity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch}: {self.quantity}"


class StockCount(TwoKeys):
    """A batch counted: ``counted`` against ``recorded``, the record when it was confirmed."""

    counted = models.PositiveIntegerField(_("counted"))
    recorded = models.IntegerField(_("on record"), null=True, blank=True)

    class Meta:
        verbose_name = _("stock count")
        verbose_name_plural = _("stock counts")
        ordering = ["-date", "-pk"]
        constraints = [
            *_two_keys("health_stockcount"),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(recorded__isnull=False),
                name="health_stockcount_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch}: {self.counted}"

    @property
    def difference(self) -> int | None:
        """Units missing (positive) or found beyond the record (negative), once confirmed."""
        return None if self.recorded is None else self.recorded - self.counted


class Discrepancy(CommunalModel):
    """A confirmed count that did not match the record, for the comptroller to close."""

    commune_via = ("count",)

    count = models.OneToOneField(
        StockCount, on_delete=models.PROTECT, related_name="discrepancy", verbose_name=_("count")
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    finding = models.TextField(_("finding"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    class Meta:
        verbose_name = _("discrepancy")
        verbose_name_plural = _("discrepancies")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | ~Q(finding=""),
                name="health_discrepancy_closed_with_finding",
            ),
        ]

    def __str__(self) -> str:
        return str(self.count)


class HelpCase(CommunalModel):
    """A family helped with what an illness or an operation needs, paid from the emergency
    fund: ``entry`` is the payment in the books, set when it is paid."""

    commune_via = ("household",)

    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="+", verbose_name=_("household")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    needed = models.TextField(_("what is needed"))
    amount_cents = models.PositiveBigIntegerField(_("amount"))
    opened_on = models.DateField(_("opened on"))
    entry = models.OneToOneField(
        Entry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("payment"),
    )

    class Meta:
        verbose_name = _("help case")
        verbose_name_plural = _("help cases")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="health_helpcase_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.household} {self.opened_on:%Y-%m-%d}"
