"""The commune's enterprises (EPS): what each is, who works in it, and where its books are.

An enterprise keeps its own accounts in the commune's books (``comuna.ledger``): its cash and
its stocks in kind are accounts of the commune's chart, named on the enterprise, so the
waste-collection, recycling and production apps post to them through the enterprise.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel


class EnterpriseKind(models.TextChoices):
    WASTE_COLLECTION = "waste_collection", _("Waste collection")
    RECYCLING = "recycling", _("Recycling")
    PRODUCTION = "production", _("Production")
    SERVICES = "services", _("Services")
    OTHER = "other", _("Other")


class Enterprise(CommunalModel):
    """A communal property enterprise (EPS)."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=EnterpriseKind.choices)
    description = models.TextField(_("what it does"), blank=True, max_length=2000)
    active = models.BooleanField(_("working"), default=True)
    # The code of its cash account in the commune's chart (``comuna.ledger.chart``).
    cash_account = models.CharField(_("cash account"), max_length=32)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="enterprise_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name
