"""Popular consultations: the federation asks, every commune below answers in its assembly.

Two kinds of rows, written on two kinds of machine:

- **the federation's** (``Consultation``, ``Option``, ``PublishedResult``, ``PublishedCount``):
  written only by the federation server and copied down to the communes' laptops by the sync
  (``comuna.core.published``). They name communes by UUID, code and name rather than by a
  foreign key, because a laptop holds only its own commune;
- **the commune's** (``Holding``, ``HoldingCount``): a communal record of how the commune
  held the consultation in its citizens' assembly, written on its own machine and carried up
  by the sync like any other.

A consultation is a question (yes/no, or listed options) or a list of projects with their
costs and a budget. Each person present votes once, for one option or one project.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel
from comuna.federation.models import Unit


class ConsultationKind(models.TextChoices):
    QUESTION = "question", _("A question")
    PROJECTS = "projects", _("Projects to fund")


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open: the communes hold it")
    CLOSED = "closed", _("Closed: counting")
    PUBLISHED = "published", _("Published")


class Consultation(models.Model):
    """A consultation opened by the federation for one of its levels: every commune below
    that level holds it in its citizens' assembly between ``opens_on`` and ``closes_on``."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("level")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ConsultationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), max_length=2000, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    budget = models.DecimalField(
        _("budget (Bs.)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("popular consultation")
        verbose_name_plural = _("popular consultations")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="consultation_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(kind="question", budget__isnull=True)
                | Q(kind="projects", budget__gt=0),
                name="consultation_budget_for_projects",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", opened_at__isnull=True)
                | Q(status="open", opened_at__isnull=False, closed_at__isnull=True)
                | Q(status="closed", opened_at__isnull=False, closed_at__isnull=False)
                & Q(published_at__isnull=True)
                | Q(
                    status="published",
                    opened_at__isnull=False,
                    closed_at__isnull=False,
                    published_at__isnull=False,
                ),
                name="consultation_status_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_projects(self) -> bool:
        return self.kind == ConsultationKind.PROJECTS


class Option(models.Model):
    """One answer of a question, or one project of a list (with its cost). Once published,
    it carries its total of votes and, for a project, whether it is funded."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="options")
    position = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(_("option"), max_length=200)
    cost = models.DecimalField(
        _("cost (Bs.)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    funded = models.BooleanField(_("funded"), null=True, blank=True)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["consultation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "position"], name="consultation_option_position"
            ),
            models.UniqueConstraint(
                fields=["consultation", "label"], name="consultation_option_label"
            ),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gt=0), name="consultation_option_cost"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class HoldingStatus(models.TextChoices):
    RECORDING = "recording", _("Being held")
    CLOSED = "closed", _("Result closed")


class Holding(CommunalModel):
    """How a commune held a consultation: in which meeting of its citizens' assembly, how many
    were present when it voted, the blank or spoiled ballots, and, once closed, the
    fingerprint ("huella") of the meeting's minutes (see ``comuna.consultations.acta``)."""

    commune_via = ("meeting",)

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="holdings"
    )
    meeting = models.ForeignKey(
        "governance.Meeting", on_delete=models.PROTECT, related_name="+", verbose_name=_("meeting")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HoldingStatus.choices, default=HoldingStatus.RECORDING
    )
    # Those present when the votes were recorded, read from the meeting's attendance.
    present = models.PositiveIntegerField(_("present"), null=True, blank=True)
    votes_cast = models.PositiveIntegerField(_("votes for an option"), default=0)
    blank = models.PositiveIntegerField(_("blank or spoiled"), default=0)
    acta_head = models.CharField(_("fingerprint of the minutes"), max_length=64, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation held")
        verbose_name_plural = _("consultations held")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "consultation"], name="consultation_holding_once"
            ),
            models.CheckConstraint(
                condition=Q(present__isnull=True, votes_cast=0, blank=0)
                | Q(present__isnull=False) & Q(present__gte=F("votes_cast") + F("blank")),
                name="consultation_holding_votes_within_present",
            ),
            models.CheckConstraint(
                condition=Q(status="recording", closed_at__isnull=True, acta_head="")
                | Q(status="closed", closed_at__isnull=False, present__isnull=False)
                & ~Q(acta_head=""),
                name="consultation_holding_closed_with_head",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id} @ {self.commune_id}"


class HoldingCount(CommunalModel):
    """The votes one option or project got in a commune's assembly."""

    commune_via = ("holding",)

    holding = models.ForeignKey(Holding, on_delete=models.PROTECT, related_name="counts")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveIntegerField(_("votes"))

    class Meta:
        verbose_name = _("votes of an option")
        verbose_name_plural = _("votes of the options")
        ordering = ["holding", "option__position"]
        constraints = [
            models.UniqueConstraint(fields=["holding", "option"], name="consultation_count_once"),
            models.CheckConstraint(
                condition=Q(votes__gte=0), name="consultation_count_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holding_id} {self.option_id}: {self.votes}"


class PublishedResult(models.Model):
    """One commune's result as the federation published it, with the fingerprint of the
    minutes of the assembly that voted it. The commune is named, not linked: a laptop that
    receives the published result holds no other commune."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="results")
    commune_uuid = models.UUIDField(_("commune"))
    commune_code = models.CharField(_("code"), max_length=50)
    commune_name = models.CharField(_("commune"), max_length=200)
    held_on = models.DateField(_("held on"))
    electorate = models.PositiveIntegerField(_("electorate"))
    present = models.PositiveIntegerField(_("present"))
    blank = models.PositiveIntegerField(_("blank or spoiled"))
    acta_head = models.CharField(_("fingerprint of the minutes"), max_length=64)

    class Meta:
        verbose_name = _("published result of a commune")
        verbose_name_plural = _("published results of the communes")
        ordering = ["consultation", "commune_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "commune_uuid"], name="consultation_result_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id} {self.commune_name}"


class PublishedCount(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    result = models.ForeignKey(PublishedResult, on_delete=models.PROTECT, related_name="counts")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveIntegerField(_("votes"))

    class Meta:
        verbose_name = _("published votes of an option")
        verbose_name_plural = _("published votes of the options")
        ordering = ["result", "option__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "option"], name="consultation_pub_count_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.result_id} {self.option_id}: {self.votes}"
