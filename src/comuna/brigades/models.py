"""The commune's brigades and committees: who is in each, who speaks for it, who funds it.

A brigade (the water brigade, a council's security brigade) or a committee (health, public
services) is a group of people from the census who serve the commune. Its members may have a
login (``BrigadeMember.login``): that is how a brigade member's login reaches the incidents,
rounds and shifts of their own brigade, and no other's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Council, Person
from comuna.core.models import CommunalModel


class BrigadeKind(models.TextChoices):
    WATER = "water", _("Water")
    ELECTRICITY = "electricity", _("Electricity")
    SECURITY = "security", _("Security")
    HEALTH = "health", _("Health")
    PUBLIC_SERVICES = "public_services", _("Public services")
    OTHER = "other", _("Other")


class Brigade(CommunalModel):
    """A brigade or committee of the commune, or of one council (a security brigade)."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=BrigadeKind.choices)
    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brigades",
        verbose_name=_("council"),
        help_text=_("Empty for a brigade of the whole commune."),
    )
    # Who pays its members, if anyone: the water ministry's regional office pays the water
    # brigade's salaries while the commune organises the work.
    funder = models.CharField(_("funded by"), max_length=200, blank=True)
    description = models.TextField(_("what it does"), blank=True, max_length=2000)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("brigade")
        verbose_name_plural = _("brigades")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="brigade_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class BrigadeMember(CommunalModel):
    """A person of the census in a brigade, from ``joined_on`` until ``left_on``."""

    commune_via = ("brigade",)

    brigade = models.ForeignKey(
        Brigade, on_delete=models.CASCADE, related_name="members", verbose_name=_("brigade")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="brigades", verbose_name=_("person")
    )
    # The login with which they act for the brigade, if they have one.
    login = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="brigade_memberships",
        verbose_name=_("login"),
    )
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    is_spokesperson = models.BooleanField(_("spokesperson"), default=False)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("brigade member")
        verbose_name_plural = _("brigade members")
        ordering = ["brigade", "-is_spokesperson", "person__last_names", "person__first_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["brigade", "person"],
                condition=Q(left_on__isnull=True),
                name="brigade_member_once",
            ),
            models.UniqueConstraint(
                fields=["brigade"],
                condition=Q(left_on__isnull=True, is_spokesperson=True),
                name="brigade_one_spokesperson",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="brigade_member_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.brigade}"
