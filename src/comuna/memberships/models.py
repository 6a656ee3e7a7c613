from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel
from comuna.users.models import Role


class Membership(CommunalModel):
    """A role a user holds in one commune, over a council, a household or an organ when the
    role needs one (a spokesperson speaks for a council; a resident lives in a household).

    A user may hold several, in one commune or in several; each commune sees only its own.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    council = models.ForeignKey(
        "census.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("council"),
    )
    household = models.ForeignKey(
        "census.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    organ = models.ForeignKey(
        "governance.Organ",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organ"),
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["commune_id", "user__username", "role"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.SPOKESPERSON) | Q(council__isnull=False),
                name="membership_spokesperson_has_council",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.RESIDENT) | Q(household__isnull=False),
                name="membership_resident_has_household",
            ),
            models.UniqueConstraint(
                fields=["user", "commune", "role"],
                condition=Q(council__isnull=True, household__isnull=True, organ__isnull=True),
                name="membership_unique_in_commune",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "council"],
                condition=Q(council__isnull=False),
                name="membership_unique_in_council",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "household"],
                condition=Q(household__isnull=False),
                name="membership_unique_in_household",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organ"],
                condition=Q(organ__isnull=False),
                name="membership_unique_in_organ",
            ),
        ]
        indexes = [models.Index(fields=["user", "commune"], name="membership_user_commune")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    @property
    def scope(self) -> object | None:
        """What the role covers: the council, household or organ, or the whole commune."""
        return self.council or self.household or self.organ
