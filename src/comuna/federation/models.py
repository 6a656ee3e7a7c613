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
    """Which communal city a commune belongs to (one, on this server)."""

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
