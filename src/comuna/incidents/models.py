"""Incidents in the commune's public services: a broken pipe, a street without light.

A resident reports one from a phone, or a spokesperson for a household with no phone; the
public-services committee triages it and assigns a brigade, which logs its work until the
incident is resolved. Who reported is personal data: the public sees counts only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.brigades.models import Brigade
from comuna.census.models import Council, Person, Sector
from comuna.core.models import CommunalModel


class IncidentKind(CommunalModel):
    """What failed: water, electricity, gas… and the kinds the commune adds."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("kind of incident")
        verbose_name_plural = _("kinds of incident")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="incident_kind_code_unique"),
            models.UniqueConstraint(fields=["commune", "name"], name="incident_kind_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class IncidentStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned to a brigade")
    IN_PROGRESS = "in_progress", _("Being worked on")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


OPEN_STATUSES = (
    IncidentStatus.REPORTED,
    IncidentStatus.TRIAGED,
    IncidentStatus.ASSIGNED,
    IncidentStatus.IN_PROGRESS,
)


class Incident(CommunalModel):
    """One incident, numbered in its commune (``INC-<number>``)."""

    commune_via = ("council",)

    number = models.PositiveIntegerField(_("number"))
    kind = models.ForeignKey(
        IncidentKind, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("kind")
    )
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("council")
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("sector"),
    )
    address = models.CharField(_("address"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    description = models.TextField(_("what happened"), max_length=4000)
    since = models.DateField(_("since"))
    households_affected = models.PositiveIntegerField(_("households affected"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.REPORTED
    )
    brigade = models.ForeignKey(
        Brigade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("brigade"),
    )
    # Who reported: the login that typed it, and the person it speaks for (a spokesperson
    # reports for a household with no phone). Never shown outside the commune's officers.
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reporter = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents_reported",
        verbose_name=_("on behalf of"),
    )
    reported_at = models.DateTimeField(_("reported at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-reported_at", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "number"], name="incident_number_unique"),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | Q(resolved_at__gte=F("reported_at")),
                name="incident_resolved_after_reported",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[IncidentStatus.RESOLVED, IncidentStatus.DISMISSED])
                | Q(resolved_at__isnull=False),
                name="incident_closed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "status"], name="incident_commune_status"),
            models.Index(fields=["commune", "reported_at"], name="incident_commune_reported"),
        ]

    def __str__(self) -> str:
        return f"INC-{self.number}"

    @property
    def reference(self) -> str:
        return f"INC-{self.number:05d}"
