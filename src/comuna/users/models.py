from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    SPOKESPERSON = "spokesperson", _("Council spokesperson")
    COMPTROLLER = "comptroller", _("Comptroller")
    RESIDENT = "resident", _("Resident")


class User(AbstractUser):
    """A login. Its role decides what it may see and change (see ``census.access``).

    A spokesperson speaks for one council; a resident belongs to one household.
    """

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RESIDENT)
    council = models.ForeignKey(
        "census.Council",
        verbose_name=_("council"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    household = models.ForeignKey(
        "census.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="spokesperson") | Q(council__isnull=False),
                name="user_spokesperson_has_council",
            ),
            models.CheckConstraint(
                condition=~Q(role="resident") | Q(household__isnull=False) | Q(is_superuser=True),
                name="user_resident_has_household",
            ),
        ]

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def is_comptroller(self) -> bool:
        return self.role == Role.COMPTROLLER

    @property
    def is_spokesperson(self) -> bool:
        return self.role == Role.SPOKESPERSON


class ApiToken(models.Model):
    """A personal token for programs. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
