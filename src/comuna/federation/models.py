"""The federation's levels above the communes, and what it holds of each commune.

A federation server holds many communes (each its own, as on any installation) and the
levels they join into: communal cities, states, the nation. A commune is placed in one
communal city; a city in a state; a state in the nation. Officers act for one level and see
what that level may see of the communes below it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comuna.core.models import Commune


class Unit(models.Model):
    """A level of the federation: a communal city, a state or the nation."""

    class Level(models.TextChoices):
        CITY = "city", _("communal city")
        STATE = "state", _("state")
        NATION = "nation", _("nation")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )

    class Meta:
        verbose_name = _("federation level")
        verbose_name_plural = _("federation levels")
        ordering = ["level", "name"]
        constraints = [
            # The nation stands above all; every other level is part of one above it.
            models.CheckConstraint(
                condition=Q(level="nation", parent__isnull=True)
                | (~Q(level="nation") & Q(parent__isnull=False)),
                name="federation_unit_parent_by_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CommuneUnit(models.Model):
    """Which communal city a commune belongs to (one, on this server). Published: a commune's
    laptop learns its city from it, and with it the city's consultations and actions."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.OneToOneField(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="communes", verbose_name=_("communal city")
    )

    class Meta:
        verbose_name = _("commune's communal city")
        verbose_name_plural = _("communes' communal cities")

    def __str__(self) -> str:
        return f"{self.commune_id} → {self.unit_id}"


class CommuneKey(models.Model):
    """The public half of a commune's signing key (Ed25519), as its accepted registration
    gave it: the server accepts a commune's bundles only when this key verifies them."""

    commune = models.OneToOneField(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    public_key = models.BinaryField(_("public key"), max_length=32)
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)

    class Meta:
        verbose_name = _("commune's key")
        verbose_name_plural = _("communes' keys")

    def __str__(self) -> str:
        return f"key of {self.commune_id}"


class Officer(models.Model):
    """A login that acts for one level of the federation (and so sees the levels below)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("login"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="officers", verbose_name=_("level")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("federation officer")
        verbose_name_plural = _("federation officers")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="federation_officer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.unit_id}"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for correction")


ACTA_MAX_BYTES = 5 * 1024 * 1024


class Registration(models.Model):
    """A commune's request to join a communal city, as the national registry takes it: the acta
    of its founding assembly, the vote there, its spokespeople and its signing key.

    ``commune_uuid`` is the commune's own id (its laptop made it), so that the commune keeps
    its identity when the registration is accepted. A returned registration is corrected and
    sent again as the same row; an accepted one names the commune it created.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune_uuid = models.UUIDField(_("commune's id"), unique=True)
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=150)
    municipality = models.CharField(_("municipality"), max_length=100)
    state = models.CharField(_("state"), max_length=100)
    city = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("communal city"),
    )
    public_key = models.BinaryField(_("public key"), max_length=32)
    acta = models.BinaryField(_("acta of the founding assembly"), max_length=ACTA_MAX_BYTES)
    acta_sha256 = models.CharField(_("SHA-256 of the acta"), max_length=64)
    assembly_on = models.DateField(_("date of the founding assembly"))
    registered_voters = models.PositiveIntegerField(_("registered voters"))
    present = models.PositiveIntegerField(_("present"))
    votes_for = models.PositiveIntegerField(_("votes for"))
    votes_against = models.PositiveIntegerField(_("votes against"))
    abstentions = models.PositiveIntegerField(_("abstentions"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(_("submitted"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    commune = models.OneToOneField(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    # The one-time token of the form that sent it: a second submit of the same form finds
    # this row instead of making another.
    form_token = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(present__lte=models.F("registered_voters")),
                name="federation_registration_present_within_registered",
            ),
            models.CheckConstraint(
                condition=Q(
                    present=models.F("votes_for")
                    + models.F("votes_against")
                    + models.F("abstentions")
                ),
                name="federation_registration_votes_add_up",
            ),
            models.CheckConstraint(
                condition=Q(status="accepted", commune__isnull=False, decided_at__isnull=False)
                | Q(status="returned", commune__isnull=True, decided_at__isnull=False)
                & ~Q(reason="")
                | Q(status="pending", commune__isnull=True),
                name="federation_registration_status_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class RegistrationSpokesperson(models.Model):
    """One spokesperson a registration names (personal data: only the reviewing officers
    read it)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="spokespeople"
    )
    name = models.CharField(_("name"), max_length=150)
    national_id = models.CharField(_("ID number"), max_length=12)
    council = models.CharField(_("council"), max_length=150)
    role = models.CharField(_("role"), max_length=150)

    class Meta:
        verbose_name = _("spokesperson of a registration")
        verbose_name_plural = _("spokespeople of a registration")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class IdentityFlag(models.Model):
    """A national ID found in the census of two communes of this server: flagged to both,
    never merged. ``first`` is the commune with the smaller id, so a pair is recorded once."""

    national_id = models.CharField(_("ID number"), max_length=12)
    first = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+")
    found_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        verbose_name = _("identity flag")
        verbose_name_plural = _("identity flags")
        ordering = ["-found_at", "national_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id", "first", "second"], name="federation_identity_flag_once"
            ),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")),
                name="federation_identity_flag_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.national_id}: {self.first_id} / {self.second_id}"


class CommuneTally(models.Model):
    """A commune's figures as a state's or the nation's page adds them up, counted once rather
    than at every visit: the nation's page then reads some 3,500 of these instead of scanning
    8 million households and their people. A communal city's page counts its few communes
    live. A tally is recounted when a bundle of its commune is applied, by ``comuna federation
    tally`` (nightly), and whenever a level's page finds it counted before today (ages and the
    distribution's coverage move with the calendar even when nothing is written).

    ``ages`` holds the population by sex and age band (``f0``, ``m0``, ``u0``…, as
    :data:`comuna.census.selectors.AGE_BANDS` orders them); ``kinds`` the incidents by kind,
    ``[name, standard, count]``, a standard kind's name translated when it is shown."""

    commune = models.OneToOneField(
        Commune, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    households = models.PositiveIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)
    reached = models.PositiveIntegerField(default=0)
    incidents = models.PositiveIntegerField(default=0)
    incidents_open = models.PositiveIntegerField(default=0)
    statements_approved = models.PositiveIntegerField(default=0)
    decisions = models.PositiveIntegerField(default=0)
    decisions_done = models.PositiveIntegerField(default=0)
    ages = models.JSONField(default=dict)
    kinds = models.JSONField(default=list)
    counted_on = models.DateField()
    counted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("commune tally")
        verbose_name_plural = _("commune tallies")
        constraints = [
            models.CheckConstraint(
                condition=Q(incidents_open__lte=models.F("incidents"))
                & Q(decisions_done__lte=models.F("decisions")),
                name="federation_tally_parts_within_wholes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.counted_at:%Y-%m-%d %H:%M}"
