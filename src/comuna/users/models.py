from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a membership lets a user do in one commune (see ``comuna.memberships``)."""

    ADMIN = "admin", _("Administrator")
    SPOKESPERSON = "spokesperson", _("Council spokesperson")
    COMPTROLLER = "comptroller", _("Comptroller")
    TREASURER = "treasurer", _("Treasurer of the communal bank")
    RESIDENT = "resident", _("Resident")
    BRIGADE_MEMBER = "brigade_member", _("Brigade member")
    MEDIATOR = "mediator", _("Peace mediator")
    HEALTH_COMMITTEE = "health_committee", _("Health committee")
    ENTERPRISE_MANAGER = "enterprise_manager", _("Enterprise manager")
    ENTERPRISE_WORKER = "enterprise_worker", _("Enterprise worker")
    FEDERATION_OFFICER = "federation_officer", _("Federation officer")


class User(AbstractUser):
    """A login. What it may see and change in a commune comes from its memberships there
    (``comuna.memberships``); a login with none in a commune is nobody in it."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class ApiToken(models.Model):
    """A personal token for programs. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    # A program acts in one commune: the one the token was made for.
    commune = models.ForeignKey(
        "core.Commune", on_delete=models.CASCADE, related_name="+", verbose_name=_("commune")
    )
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
