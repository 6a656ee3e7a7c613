"""Peace: the security brigades' rounds, the peace mediators and their mediation cases.

A round is walked by members of a council's security brigade; what they saw is kept as
reports by category and sector, never naming a neighbour where the public looks. A mediation
case between neighbours is confidential: only the mediators assigned to it read its parties,
sessions and agreement (``comuna.peace.access``), and every read is logged (``CaseRead``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.brigades.models import Brigade, BrigadeMember
from comuna.census.models import Person, Sector
from comuna.core.models import CommunalModel


class Round(CommunalModel):
    """One round walked by a security brigade: when, where, who went."""

    commune_via = ("brigade",)

    brigade = models.ForeignKey(
        Brigade, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("brigade")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("started at"))
    ends_at = models.TimeField(_("ended at"))
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rounds",
        verbose_name=_("sector"),
    )
    route = models.CharField(_("route or area"), max_length=200, blank=True)
    members = models.ManyToManyField(
        BrigadeMember, related_name="rounds", verbose_name=_("who went"), blank=True
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("security round")
        verbose_name_plural = _("security rounds")
        ordering = ["-date", "-starts_at"]

    def __str__(self) -> str:
        return f"{self.brigade} · {self.date}"


class ReportCategory(models.TextChoices):
    NOISE = "noise", _("Noise")
    THEFT = "theft", _("Theft")
    LIGHTING = "lighting", _("Lighting")
    VIOLENCE = "violence", _("Violence")
    SUSPICIOUS = "suspicious", _("Suspicious activity")
    OTHER = "other", _("Other")


class RoundReport(CommunalModel):
    """Something seen on a round. ``what`` is read by the brigade and those who oversee it,
    never by the public, who see only counts by category and sector."""

    commune_via = ("round",)

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="reports", verbose_name=_("security round")
    )
    category = models.CharField(_("category"), max_length=20, choices=ReportCategory.choices)
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="round_reports",
        verbose_name=_("sector"),
    )
    what = models.TextField(_("what happened"), max_length=2000)

    class Meta:
        verbose_name = _("round report")
        verbose_name_plural = _("round reports")
        ordering = ["round", "pk"]

    def __str__(self) -> str:
        return str(self.get_category_display())


class Mediator(CommunalModel):
    """A peace mediator: a person of the census, with the login they act with."""

    commune_via = ("person",)

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    login = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mediators",
        verbose_name=_("login"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("mediator")
        verbose_name_plural = _("mediators")
        ordering = ["person__last_names", "person__first_names"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "person"], name="mediator_person_once"),
            models.UniqueConstraint(
                fields=["commune", "login"],
                condition=Q(login__isnull=False),
                name="mediator_login_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)


class CaseKind(models.TextChoices):
    NOISE = "noise", _("Noise")
    BOUNDARIES = "boundaries", _("Boundaries")
    DEBTS = "debts", _("Debts")
    FAMILY = "family", _("Family")
    PETS = "pets", _("Pets")
    WATER = "water", _("Water")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AGREEMENT = "agreement", _("Agreement")
    NO_AGREEMENT = "no_agreement", _("No agreement")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REFERRED = "referred", _("Referred")


class MediationCase(CommunalModel):
    """A mediation between neighbours, numbered in its commune (``MED-<number>``).

    Its kind, status and dates are counted for everyone who oversees mediation; its parties,
    summary, sessions and agreement are read only by its mediators.
    """

    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    summary = models.TextField(_("what it is about"), blank=True, max_length=4000)
    mediators = models.ManyToManyField(Mediator, related_name="cases", verbose_name=_("mediators"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("mediation case")
        verbose_name_plural = _("mediation cases")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "number"], name="mediation_number_unique"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="mediation_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"MED-{self.number:04d}"


class CaseParty(CommunalModel):
    """A party to a case: a person of the census, or someone from outside named as written."""

    commune_via = ("case",)

    case = models.ForeignKey(
        MediationCase, on_delete=models.CASCADE, related_name="parties", verbose_name=_("case")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name (from outside the commune)"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(name=""))
                | (Q(person__isnull=True) & ~Q(name="")),
                name="case_party_person_or_name",
            ),
            models.UniqueConstraint(
                fields=["case", "person"],
                condition=Q(person__isnull=False),
                name="case_party_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person) if self.person_id else self.name


class MediationSession(CommunalModel):
    """A meeting of the parties with the mediators."""

    commune_via = ("case",)

    case = models.ForeignKey(
        MediationCase, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("case")
    )
    date = models.DateField(_("date"))
    attended = models.CharField(_("who attended"), max_length=300)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.date}"


class Agreement(CommunalModel):
    """What the parties agreed, printed for both to sign. A case has at most one."""

    commune_via = ("case",)

    case = models.OneToOneField(
        MediationCase,
        on_delete=models.CASCADE,
        related_name="agreement",
        verbose_name=_("case"),
    )
    agreed_on = models.DateField(_("agreed on"))
    terms = models.TextField(_("terms"), max_length=6000)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return f"{self.case} · {self.agreed_on}"


class FollowUp(CommunalModel):
    """A later look at whether the agreement is being kept."""

    commune_via = ("case",)

    case = models.ForeignKey(
        MediationCase, on_delete=models.CASCADE, related_name="followups", verbose_name=_("case")
    )
    date = models.DateField(_("date"))
    kept = models.BooleanField(_("the agreement is kept"))
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.date}"


class CaseRead(CommunalModel):
    """One read of a case's content (its page, its agreement's PDF, the API), shown to its
    mediators: who read it, when and what."""

    commune_via = ("case",)

    case = models.ForeignKey(
        MediationCase, on_delete=models.CASCADE, related_name="reads", verbose_name=_("case")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    what = models.CharField(_("what"), max_length=40)

    class Meta:
        verbose_name = _("read of a case")
        verbose_name_plural = _("reads of a case")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.what}"
