"""Co-managed enterprises (EPSIC): administered together by the state and the organised
community, their surplus shared among the communes they serve.

Every row belongs to the **host** commune: the commune whose installation keeps the
enterprise's books (its accounts are in the host's chart, through an ``enterprises.Enterprise``
of the host). The communes it serves are communes of this installation; each receives its
share of a period's surplus in **its own** books, on an account earmarked for infrastructure.
A served commune reads what concerns it through ``ServedCommune`` rows, the one query that
crosses communes on purpose (``objects.all_communes()``, see ``selectors``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel, Commune
from comuna.enterprises.models import Enterprise
from comuna.governance.models import Decision, Organ, Seat


class Comanaged(CommunalModel):
    """A co-managed enterprise, registered by its host commune.

    The rule that shares a period's income is data: ``fund_basis_points`` of what is left
    after wages, maintenance and raw materials goes to the social investment fund; the rest
    is the surplus, shared among the served communes by their ``basis_points``.
    """

    commune_via = ("enterprise",)

    enterprise = models.OneToOneField(
        Enterprise, on_delete=models.PROTECT, related_name="comanaged", verbose_name=_("enterprise")
    )
    activity = models.CharField(_("activity"), max_length=200)
    registered_on = models.DateField(_("registered on"))
    board = models.OneToOneField(
        Organ, on_delete=models.PROTECT, related_name="comanaged", verbose_name=_("board")
    )
    fund_basis_points = models.PositiveIntegerField(_("social investment fund"), default=0)
    # The enterprise's accounts in the host's chart (the cash is the enterprise's own).
    income_account = models.CharField(_("income account"), max_length=32)
    wages_account = models.CharField(_("wages account"), max_length=32)
    maintenance_account = models.CharField(_("maintenance account"), max_length=32)
    materials_account = models.CharField(_("raw materials account"), max_length=32)
    fund_account = models.CharField(_("social investment fund account"), max_length=32)
    shared_account = models.CharField(_("surplus shared account"), max_length=32)

    class Meta:
        verbose_name = _("co-managed enterprise")
        verbose_name_plural = _("co-managed enterprises")
        ordering = ["enterprise__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fund_basis_points__lte=10000), name="comanaged_fund_at_most_all"
            ),
        ]

    def __str__(self) -> str:
        return self.enterprise.name

    @property
    def name(self) -> str:
        return self.enterprise.name


class ServedCommune(CommunalModel):
    """A commune the enterprise serves, with its share of the surplus (basis points: 2500 is
    25%) and its two accounts in its own chart."""

    commune_via = ("comanaged",)

    comanaged = models.ForeignKey(
        Comanaged, on_delete=models.PROTECT, related_name="served", verbose_name=_("enterprise")
    )
    served = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("served commune")
    )
    basis_points = models.PositiveIntegerField(_("share"))
    # In the served commune's own chart: the money earmarked for infrastructure (an asset)
    # and the income it comes from.
    earmarked_account = models.CharField(_("infrastructure account"), max_length=32)
    income_account = models.CharField(_("income account"), max_length=32)

    class Meta:
        verbose_name = _("served commune")
        verbose_name_plural = _("served communes")
        ordering = ["comanaged", "served__name"]
        constraints = [
            models.UniqueConstraint(fields=["comanaged", "served"], name="comanaged_served_once"),
            models.CheckConstraint(
                condition=Q(basis_points__gt=0) & Q(basis_points__lte=10000),
                name="comanaged_share_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.comanaged} · {self.served}"

    @property
    def percent(self) -> float:
        return self.basis_points / 100


class Side(models.TextChoices):
    STATE = "state", _("State")
    COMMUNITY = "community", _("Community")


class BoardSeat(CommunalModel):
    """A seat of the board (a governance ``Seat`` of the board's organ), held for the state or
    for the community. A community seat may say which served commune it speaks for; someone
    outside the host's census (a ministry's delegate, a neighbouring commune's spokesperson)
    is named in ``outside_holder`` (a person of the host's census holds the seat itself)."""

    commune_via = ("comanaged",)

    comanaged = models.ForeignKey(
        Comanaged, on_delete=models.PROTECT, related_name="seats", verbose_name=_("enterprise")
    )
    seat = models.OneToOneField(
        Seat, on_delete=models.PROTECT, related_name="comanaged_seat", verbose_name=_("seat")
    )
    side = models.CharField(_("held for"), max_length=10, choices=Side.choices)
    represents = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("speaks for commune"),
    )
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    outside_holder = models.CharField(_("held by (outside the census)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("board seat")
        verbose_name_plural = _("board seats")
        ordering = ["comanaged", "side", "seat__title"]

    def __str__(self) -> str:
        return self.seat.title

    @property
    def holder_name(self) -> str:
        if self.seat.holder_id is not None:
            return self.seat.holder.full_name  # type: ignore[union-attr]
        return self.outside_holder


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class PeriodResult(CommunalModel):
    """A month's or a quarter's results, in cents of VES. The fund's share, the surplus and
    what rounding kept are fixed when the rule is applied (``applied_at``), once."""

    commune_via = ("comanaged",)

    comanaged = models.ForeignKey(
        Comanaged, on_delete=models.PROTECT, related_name="results", verbose_name=_("enterprise")
    )
    kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    income = models.BigIntegerField(_("income"))
    wages = models.BigIntegerField(_("wages"))
    maintenance = models.BigIntegerField(_("maintenance"))
    materials = models.BigIntegerField(_("raw materials"))
    fund = models.BigIntegerField(_("social investment fund"), default=0)
    surplus = models.BigIntegerField(_("surplus"), default=0)
    kept = models.BigIntegerField(_("kept by the enterprise"), default=0)
    explanation = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = _("period's results")
        verbose_name_plural = _("periods' results")
        ordering = ["comanaged", "-start"]
        constraints = [
            models.UniqueConstraint(fields=["comanaged", "start"], name="comanaged_period_once"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="comanaged_period_ends"),
            models.CheckConstraint(
                condition=Q(income__gte=0)
                & Q(wages__gte=0)
                & Q(maintenance__gte=0)
                & Q(materials__gte=0)
                & Q(fund__gte=0)
                & Q(surplus__gte=0)
                & Q(kept__gte=0),
                name="comanaged_period_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.comanaged} · {self.start:%Y-%m}"

    @property
    def applied(self) -> bool:
        return self.applied_at is not None

    @property
    def costs(self) -> int:
        return self.wages + self.maintenance + self.materials


class PeriodShare(CommunalModel):
    """What one served commune received from one period: the amount and the entries in the
    host's books and in its own."""

    commune_via = ("result",)

    result = models.ForeignKey(
        PeriodResult, on_delete=models.PROTECT, related_name="shares", verbose_name=_("period")
    )
    served = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    basis_points = models.PositiveIntegerField(_("share"))
    amount = models.BigIntegerField(_("amount"))
    host_entry = models.PositiveIntegerField(null=True, blank=True)
    served_entry = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("share received")
        verbose_name_plural = _("shares received")
        ordering = ["result", "served__name"]
        constraints = [
            models.UniqueConstraint(fields=["result", "served"], name="comanaged_share_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="comanaged_share_positive"),
        ]


class StageStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Completed")


class TransitionStage(CommunalModel):
    """A step of the plan towards communal administration. It is completed only with the
    decision (of the parliament or an assembly) that approves it; ``community_seats`` states
    a condition the board must meet, checked when the stage is completed."""

    commune_via = ("comanaged",)

    comanaged = models.ForeignKey(
        Comanaged, on_delete=models.PROTECT, related_name="stages", verbose_name=_("enterprise")
    )
    position = models.PositiveSmallIntegerField(_("step"))
    title = models.CharField(_("stage"), max_length=200)
    condition = models.CharField(_("condition"), max_length=300)
    community_seats = models.PositiveSmallIntegerField(
        _("community seats needed"), null=True, blank=True
    )
    target_date = models.DateField(_("target date"))
    status = models.CharField(
        _("status"), max_length=12, choices=StageStatus.choices, default=StageStatus.PLANNED
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approving decision"),
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("transition stage")
        verbose_name_plural = _("transition stages")
        ordering = ["comanaged", "position"]
        constraints = [
            models.UniqueConstraint(fields=["comanaged", "position"], name="comanaged_stage_step"),
            models.CheckConstraint(
                condition=~Q(status="done")
                | (Q(decision__isnull=False) & Q(completed_on__isnull=False)),
                name="comanaged_stage_done_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"
