"""Coordination between communes and the organisations they work with.

Two things live here:

- **the calendar of actions**: campaigns, solidarity days, work days that the federation
  calls, at one of its levels, with the organisations taking part. The federation's server
  publishes them (``Organisation``, ``Action``, ``ActionOrganisation``: only it writes them,
  the sync copies them down to the laptops); each commune called answers with one
  ``Participation`` report, a communal record that travels up by sync like any other.
- **gatherings**: meetings of delegates of many organisations that debate and adopt a
  declaration. The gathering, its draft (numbered ``Paragraph`` rows), its sessions and its
  amendments with their results are published; the delegates (names, national IDs), their
  place on a speakers' list and their individual votes stay on the server, seen only by the
  gathering's organisers.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel, Commune
from comuna.federation.models import Unit


class Organisation(models.Model):
    """An organisation the communes work with (published by the federation)."""

    class Kind(models.TextChoices):
        MOVEMENT = "movement", _("social movement")
        UNION = "union", _("union")
        COLLECTIVE = "collective", _("collective")
        COOPERATIVE = "cooperative", _("cooperative")
        COMMUNE_NETWORK = "commune_network", _("network of communes")
        OTHER = "other", _("other organisation")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="gatherings_organisation_named"),
        ]

    def __str__(self) -> str:
        return self.name


class Action(models.Model):
    """A day (or days) of action on the shared calendar, called to the communes of ``unit``."""

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("campaign")
        SOLIDARITY = "solidarity", _("solidarity day")
        WORK_DAY = "work_day", _("work day")
        MOBILISATION = "mobilisation", _("mobilisation")
        TRAINING = "training", _("training")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("communes called")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="gatherings_action_dates"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="gatherings_action_titled"),
        ]

    def __str__(self) -> str:
        return self.title


class ActionOrganisation(models.Model):
    """An organisation taking part in an action (a row of its own so that it travels)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="taking_part")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("organisation taking part")
        verbose_name_plural = _("organisations taking part")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "organisation"], name="gatherings_action_organisation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} @ {self.action_id}"


class Participation(CommunalModel):
    """What one commune did in one action: one report, corrected by editing it."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="participations")
    people = models.PositiveIntegerField(_("people who took part"))
    hours = models.DecimalField(_("hours worked, all together"), max_digits=9, decimal_places=1)
    note = models.CharField(_("note"), max_length=500, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported"), auto_now=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "action"], name="gatherings_participation_once"
            ),
            models.CheckConstraint(condition=Q(hours__gte=0), name="gatherings_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} in {self.action_id}"


class Gathering(models.Model):
    """A gathering of delegates of many organisations that adopts a declaration."""

    class Status(models.TextChoices):
        OPEN = "open", _("debating")
        ADOPTED = "adopted", _("declaration adopted")
        REJECTED = "rejected", _("declaration not adopted")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("convened by")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    # The final vote, counted with the governance rules (quorum over the delegates
    # registered, an absolute majority of those present); empty while the debate goes on.
    registered = models.PositiveIntegerField(null=True, blank=True)
    present = models.PositiveIntegerField(null=True, blank=True)
    votes_yes = models.PositiveIntegerField(null=True, blank=True)
    votes_no = models.PositiveIntegerField(null=True, blank=True)
    votes_abstaining = models.PositiveIntegerField(null=True, blank=True)
    voted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="gatherings_gathering_dates"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(voted_at__isnull=False),
                name="gatherings_gathering_voted",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Paragraph(models.Model):
    """A numbered paragraph of a gathering's draft declaration."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), max_length=4000)

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["gathering", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "number"], name="gatherings_paragraph_number_once"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="gatherings_paragraph_num"),
        ]

    def __str__(self) -> str:
        return f"§{self.number}"


class Delegate(models.Model):
    """A person registered to a gathering by an organisation. Personal data: only the
    gathering's organisers see it."""

    gathering = models.ForeignKey(Gathering, on_delete=models.PROTECT, related_name="delegates")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=150)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    national_id = models.CharField(_("national ID"), max_length=20, blank=True)
    present = models.BooleanField(_("present"), default=False)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "organisation", "name"],
                name="gatherings_delegate_once_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["gathering", "national_id"],
                condition=~Q(national_id=""),
                name="gatherings_delegate_national_id_once",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="gatherings_delegate_named"),
        ]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    """A session of a gathering: when, and what it debates."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=150)
    starts_at = models.DateTimeField(_("starts at"))
    agenda = models.TextField(_("agenda"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Speaker(models.Model):
    """A delegate on a session's speakers' list: waiting, speaking, then done."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        SPEAKING = "speaking", _("has the floor")
        DONE = "done", _("spoke")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    delegate = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(_("turn"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    asked_at = models.DateTimeField(auto_now_add=True)
    given_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "position"], name="gatherings_speaker_turn_once"
            ),
            # Once on the list until one has spoken.
            models.UniqueConstraint(
                fields=["session", "delegate"],
                condition=~Q(status="done"),
                name="gatherings_speaker_waiting_once",
            ),
            # One voice at a time.
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(status="speaking"),
                name="gatherings_speaker_one_at_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.delegate_id}"


class Amendment(models.Model):
    """A change to one paragraph of the draft, proposed by an organisation with delegates at
    the gathering, and voted. ``ADD`` puts a new paragraph after ``paragraph``."""

    class Kind(models.TextChoices):
        REPLACE = "replace", _("replace the paragraph")
        ADD = "add", _("add a paragraph after it")
        DELETE = "delete", _("delete the paragraph")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("to be voted")
        CARRIED = "carried", _("carried")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveSmallIntegerField(_("number"))
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.PROTECT, related_name="amendments", verbose_name=_("paragraph")
    )
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"), max_length=4000, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    present = models.PositiveIntegerField(null=True, blank=True)
    votes_yes = models.PositiveIntegerField(null=True, blank=True)
    votes_no = models.PositiveIntegerField(null=True, blank=True)
    votes_abstaining = models.PositiveIntegerField(null=True, blank=True)
    voted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["gathering", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["gathering", "number"], name="gatherings_amendment_number_once"
            ),
            models.CheckConstraint(
                condition=Q(kind="delete") | ~Q(text=""), name="gatherings_amendment_has_text"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "withdrawn"]) | Q(voted_at__isnull=False),
                name="gatherings_amendment_voted",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number}"


class Vote(models.Model):
    """A delegate's vote on an amendment, or (``amendment`` empty) on the declaration."""

    class Choice(models.TextChoices):
        YES = "yes", _("for")
        NO = "no", _("against")
        ABSTAIN = "abstain", _("abstains")

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="votes")
    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, null=True, blank=True, related_name="votes"
    )
    delegate = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "delegate"],
                condition=Q(amendment__isnull=False),
                name="gatherings_vote_once_per_amendment",
            ),
            models.UniqueConstraint(
                fields=["gathering", "delegate"],
                condition=Q(amendment__isnull=True),
                name="gatherings_vote_once_on_declaration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegate_id}: {self.choice}"
