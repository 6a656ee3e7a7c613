"""Letters (oficios) from the public-services committee to the institutions that owe the commune
a service: the water utility, the electricity company, the mayor's office.

A letter is written from one or several incidents, whose figures (days without the service,
households affected) it carries; it is numbered per commune and year (``CPS-2026-014``), sent
on a date to a person or an office, and expects an answer by a date. When none comes, the
committee sends reminders, each with a reference of its own. A letter never names who reported
an incident.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel
from comuna.incidents.models import Incident

# The prefix of every letter's reference: the public-services committee (Comité de Servicios
# Públicos) writes them.
REFERENCE_PREFIX = "CPS"


class InstitutionKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry or its regional office")
    UTILITY = "utility", _("Public utility")
    MAYOR = "mayor", _("Mayor's office")
    GOVERNOR = "governor", _("Governor's office")
    FUEL = "fuel", _("Fuel distributor")
    OTHER = "other", _("Other")


class Institution(CommunalModel):
    """An institution the commune writes to."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=InstitutionKind.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact = models.CharField(
        _("contact"),
        max_length=300,
        blank=True,
        help_text=_("The person or office to write to, a telephone, an email."),
    )

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="institution_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class LetterStatus(models.TextChoices):
    """What is stored. "Overdue" is not stored: it is a sent letter whose answer is due before
    today, which changes with the date alone (see ``Letter.is_overdue_on``)."""

    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ANSWERED = "answered", _("Answered")


class Letter(CommunalModel):
    """One letter to an institution, numbered ``number`` in its commune's ``year``."""

    commune_via = ("institution",)

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name=_("institution"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    incidents = models.ManyToManyField(
        Incident, related_name="letters", blank=True, verbose_name=_("incidents")
    )
    body = models.TextField(_("body"), max_length=8000)
    needed = models.TextField(_("what is needed from the institution"), max_length=4000)
    brigade_work = models.TextField(_("what the brigade already did"), max_length=4000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LetterStatus.choices, default=LetterStatus.DRAFT
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written at"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_to = models.CharField(_("sent to"), max_length=200, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    answer_due_on = models.DateField(_("answer due on"), null=True, blank=True)
    answered_on = models.DateField(_("answer received on"), null=True, blank=True)
    answer_summary = models.TextField(_("what they answered"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"], name="letter_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(status=LetterStatus.DRAFT) | Q(sent_on__isnull=False),
                name="letter_sent_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=LetterStatus.ANSWERED) | Q(answered_on__isnull=False),
                name="letter_answered_has_date",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("sent_on")),
                name="letter_answered_after_sent",
            ),
            models.CheckConstraint(
                condition=Q(answer_due_on__isnull=True) | Q(answer_due_on__gte=F("sent_on")),
                name="letter_due_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{REFERENCE_PREFIX}-{self.year}-{self.number:03d}"

    def is_overdue_on(self, day: dt.date) -> bool:
        """Sent, not answered, and its answer was due before ``day``."""
        return (
            self.status == LetterStatus.SENT
            and self.answer_due_on is not None
            and self.answer_due_on < day
        )


class Reminder(CommunalModel):
    """A reminder sent for a letter with no answer; the ``number``-th of that letter."""

    commune_via = ("letter",)

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("letter")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["letter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="reminder_number_unique"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.letter.reference}-R{self.number}"
