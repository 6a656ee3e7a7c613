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
from django.utils.translation import pgettext

from comuna.brigades.models import Brigade
from comuna.census.models import Council, Household, Person, Sector
from comuna.core.models import CommunalModel


class IncidentKind(CommunalModel):
    """What failed: water, electricity, gas… and the kinds the commune adds."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    # A standard kind keeps its English name as the msgid and is shown translated; a kind the
    # commune adds is shown as written.
    standard = models.BooleanField(_("standard"), default=False)

    class Meta:
        verbose_name = _("kind of incident")
        verbose_name_plural = _("kinds of incident")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="incident_kind_code_unique"),
            models.UniqueConstraint(fields=["commune", "name"], name="incident_kind_name_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return pgettext("incident kind", self.name) if self.standard else self.name


class IncidentPriority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


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
    priority = models.CharField(
        _("priority"),
        max_length=10,
        choices=IncidentPriority.choices,
        default=IncidentPriority.NORMAL,
    )
    brigade = models.ForeignKey(
        Brigade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("brigade"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
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
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("household"),
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

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class IncidentEvent(CommunalModel):
    """One change in an incident's life, with who made it and when: its timeline."""

    commune_via = ("incident",)

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="events", verbose_name=_("incident")
    )
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    status = models.CharField(_("status"), max_length=20, choices=IncidentStatus.choices)
    priority = models.CharField(
        _("priority"), max_length=10, choices=IncidentPriority.choices, blank=True
    )
    brigade = models.ForeignKey(
        Brigade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("brigade"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("incident event")
        verbose_name_plural = _("incident events")
        ordering = ["at", "pk"]


class RepairMaterial(CommunalModel):
    """A material the brigades take from the commune's store for repairs (pipe, cement…).

    It is kept in the books in kind: ``received_account`` (income: what came in),
    ``stock_account`` (asset, never below zero: what is in the store) and ``used_account``
    (expense: what went into repairs), opened through the ledger when it is created.
    """

    name = models.CharField(_("name"), max_length=100)
    unit = models.CharField(_("unit"), max_length=8)
    received_account = models.CharField(_("account of what came in"), max_length=20)
    stock_account = models.CharField(_("stock account"), max_length=20)
    used_account = models.CharField(_("account of what was used"), max_length=20)

    class Meta:
        verbose_name = _("repair material")
        verbose_name_plural = _("repair materials")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="repair_material_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class WorkLog(CommunalModel):
    """A day's work of the brigade on an incident, and what it took from the store."""

    commune_via = ("incident",)

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="work_logs", verbose_name=_("incident")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    people = models.PositiveSmallIntegerField(_("people"))
    done = models.TextField(_("what was done"), max_length=2000)
    material = models.ForeignKey(
        RepairMaterial,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uses",
        verbose_name=_("material"),
    )
    # In the material unit's minor units (grams, millilitres), as the books keep them.
    quantity = models.BigIntegerField(_("quantity"), default=0)
    entry = models.ForeignKey(
        "ledger.Entry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entry"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("work log")
        verbose_name_plural = _("work logs")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24 * 31), name="worklog_hours_positive"
            ),
            models.CheckConstraint(condition=Q(people__gte=1), name="worklog_people_positive"),
            models.CheckConstraint(
                condition=(Q(material__isnull=True) & Q(quantity=0))
                | (Q(material__isnull=False) & Q(quantity__gt=0)),
                name="worklog_material_has_quantity",
            ),
        ]


class IncidentPhoto(CommunalModel):
    """A photo of an incident, stored under ``COMUNA_HOME/incidents/`` (never in static)."""

    commune_via = ("incident",)

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="photos", verbose_name=_("incident")
    )
    # Relative to the incidents' folder: ``<commune>/<incident>/<uuid>.<ext>``.
    path = models.CharField(_("file"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["uploaded_at", "pk"]
