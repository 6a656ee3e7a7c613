from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel

ELDERLY_AGE = 60
CHILD_AGE = 12
SMALL_CHILD_AGE = 5


def new_card_code() -> str:
    """A code for the household card's QR: short enough to type, too many to guess."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class Council(CommunalModel):
    """A communal council (consejo comunal): a territory of 150 to 400 families."""

    code = models.CharField(_("code"), max_length=12)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("communal council")
        verbose_name_plural = _("communal councils")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="council_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("census:council", args=[self.code])


class Sector(CommunalModel):
    commune_via = ("council",)

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="sectors", verbose_name=_("council")
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["council__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="sector_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class HouseholdStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DEPARTED = "departed", _("Left the commune")


class Household(CommunalModel):
    """A household as its council writes it down: a reference unique within the council."""

    commune_via = ("council",)

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="households", verbose_name=_("council")
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        related_name="households",
        null=True,
        blank=True,
        verbose_name=_("sector"),
    )
    reference = models.CharField(_("household reference"), max_length=40)
    address = models.CharField(_("address"), max_length=200)
    card_code = models.CharField(_("card code"), max_length=16, unique=True, default=new_card_code)
    status = models.CharField(
        _("status"), max_length=10, choices=HouseholdStatus.choices, default=HouseholdStatus.ACTIVE
    )
    status_date = models.DateField(_("since"), null=True, blank=True)
    # The gas profile: which cylinders the household refills, and whether piped gas reaches it
    # (gas programmes read these to decide who is entitled to what).
    cylinders_10kg = models.PositiveSmallIntegerField(_("10 kg cylinders"), default=0)
    cylinders_18kg = models.PositiveSmallIntegerField(_("18 kg cylinders"), default=0)
    cylinders_43kg = models.PositiveSmallIntegerField(_("43 kg cylinders"), default=0)
    piped_gas = models.BooleanField(_("piped gas"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["council__code", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "reference"], name="household_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="active", status_date__isnull=True)
                | Q(status="departed", status_date__isnull=False),
                name="household_departure_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council.code}-{self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("census:household", args=[self.pk])

    @property
    def label(self) -> str:
        return f"{self.council.code}-{self.reference}"

    def cylinders(self, kg: int) -> int:
        """How many cylinders of ``kg`` kilograms the household uses (0 for an unknown size)."""
        return {10: self.cylinders_10kg, 18: self.cylinders_18kg, 43: self.cylinders_43kg}.get(
            kg, 0
        )


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("Living here")
    DECEASED = "deceased", _("Deceased")
    DEPARTED = "departed", _("Left the commune")


class Person(CommunalModel):
    """A person in the census. Never deleted: a death or a departure is a status with a date."""

    commune_via = ("household",)

    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="members", verbose_name=_("household")
    )
    first_names = models.CharField(_("first names"), max_length=100)
    last_names = models.CharField(_("last names"), max_length=100)
    national_id = models.CharField(_("ID number"), max_length=12, null=True, blank=True)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    is_head = models.BooleanField(_("head of household"), default=False)
    disability = models.BooleanField(_("disability"), default=False)
    pregnant = models.BooleanField(_("pregnancy"), default=False)
    chronic_illness = models.BooleanField(_("chronic illness"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=PersonStatus.choices, default=PersonStatus.ACTIVE
    )
    status_date = models.DateField(_("since"), null=True, blank=True)
    # Lower-case, accent-free "names id" so that search ignores accents and case on any database.
    search_text = models.CharField(max_length=240, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_names", "first_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "national_id"],
                condition=Q(national_id__isnull=False),
                name="person_national_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(status="active", status_date__isnull=True)
                | (~Q(status="active") & Q(status_date__isnull=False)),
                name="person_status_dated",
            ),
            models.CheckConstraint(
                condition=~Q(national_id=""), name="person_national_id_not_blank"
            ),
        ]
        indexes = [models.Index(fields=["household", "status"], name="person_household_status")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_names}"

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    IMPORTED = "imported", _("Imported")
    EDITED = "edited", _("Edited")
    PERSON_MOVED = "person_moved", _("Moved to another household")
    HOUSEHOLD_MOVED = "household_moved", _("Household moved to another council")
    DIED = "died", _("Death")
    PERSON_LEFT = "person_left", _("Left the commune")
    HOUSEHOLD_LEFT = "household_left", _("Household left the commune")


class CensusEvent(CommunalModel):
    """The census's history: every change to a person or household leaves one row here."""

    commune_via = ("person", "household")

    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    from_household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("census event")
        verbose_name_plural = _("census events")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(household__isnull=False),
                name="census_event_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_kind_display()}"
