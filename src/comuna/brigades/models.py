"""The commune's brigades and committees: who is in each, who speaks for it, who funds it.

A brigade (the water brigade, a council's security brigade) or a committee (health, public
services) is a group of people from the census who serve the commune. Its members may have a
login (``BrigadeMember.login``): that is how a brigade member's login reaches the incidents,
rounds and shifts of their own brigade, and no other's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Council, Person
from comuna.core.models import CommunalModel


class BrigadeKind(models.TextChoices):
    WATER = "water", _("Water")
    ELECTRICITY = "electricity", _("Electricity")
    SECURITY = "security", _("Security")
    HEALTH = "health", _("Health")
    PUBLIC_SERVICES = "public_services", _("Public services")
    OTHER = "other", _("Other")


class Brigade(CommunalModel):
    """A brigade or committee of the commune, or of one council (a security brigade)."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=BrigadeKind.choices)
    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brigades",
        verbose_name=_("council"),
        help_text=_("Empty for a brigade of the whole commune."),
    )
    # Who pays its members, if anyone: the water ministry's regional office pays the water
    # brigade's salaries while the commune organises the work.
    funder = models.CharField(_("funded by"), max_length=200, blank=True)
    # For a brigade of kind "other": what the commune calls that kind (a sports committee).
    other_kind = models.CharField(_("which kind"), max_length=100, blank=True)
    # The accounts its funder's salaries are posted to, opened with the first month posted.
    income_account = models.CharField(max_length=20, blank=True, editable=False)
    expense_account = models.CharField(max_length=20, blank=True, editable=False)
    description = models.TextField(_("what it does"), blank=True, max_length=2000)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("brigade")
        verbose_name_plural = _("brigades")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="brigade_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        """Its kind as shown: the commune's own word for a brigade of kind "other"."""
        if self.kind == BrigadeKind.OTHER and self.other_kind:
            return self.other_kind
        return str(self.get_kind_display())


class BrigadeMember(CommunalModel):
    """A person of the census in a brigade, from ``joined_on`` until ``left_on``."""

    commune_via = ("brigade",)

    brigade = models.ForeignKey(
        Brigade, on_delete=models.CASCADE, related_name="members", verbose_name=_("brigade")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="brigades", verbose_name=_("person")
    )
    # The login with which they act for the brigade, if they have one.
    login = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="brigade_memberships",
        verbose_name=_("login"),
    )
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    is_spokesperson = models.BooleanField(_("spokesperson"), default=False)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("brigade member")
        verbose_name_plural = _("brigade members")
        ordering = ["brigade", "-is_spokesperson", "person__last_names", "person__first_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["brigade", "person"],
                condition=Q(left_on__isnull=True),
                name="brigade_member_once",
            ),
            models.UniqueConstraint(
                fields=["brigade"],
                condition=Q(left_on__isnull=True, is_spokesperson=True),
                name="brigade_one_spokesperson",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="brigade_member_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.brigade}"


class Shift(CommunalModel):
    """A member on duty from ``starts_at`` until ``ends_at``.

    Two shifts of the same person never overlap, in any brigade: ``shift_add`` checks it
    under a lock on the person's row (``comuna.brigades.locks``).
    """

    commune_via = ("brigade",)

    brigade = models.ForeignKey(
        Brigade, on_delete=models.CASCADE, related_name="shifts", verbose_name=_("brigade")
    )
    member = models.ForeignKey(
        BrigadeMember, on_delete=models.PROTECT, related_name="shifts", verbose_name=_("member")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["brigade", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="shift_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.person} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600


class SwapStatus(models.TextChoices):
    ASKED = "asked", _("Asked")
    DONE = "done", _("Swapped")
    DECLINED = "declined", _("Declined")


class ShiftSwap(CommunalModel):
    """A member asks to swap their shift for another member's: the other accepts, or the
    brigade's spokesperson approves; then both shifts change hands in one transaction."""

    commune_via = ("brigade",)

    brigade = models.ForeignKey(
        Brigade, on_delete=models.CASCADE, related_name="swaps", verbose_name=_("brigade")
    )
    mine = models.ForeignKey(
        Shift, on_delete=models.CASCADE, related_name="+", verbose_name=_("shift offered")
    )
    theirs = models.ForeignKey(
        Shift, on_delete=models.CASCADE, related_name="+", verbose_name=_("shift wanted")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SwapStatus.choices, default=SwapStatus.ASKED
    )
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("shift swap")
        verbose_name_plural = _("shift swaps")
        ordering = ["-asked_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(mine=F("theirs")), name="swap_two_shifts"),
            models.UniqueConstraint(
                fields=["mine", "theirs"],
                condition=Q(status="asked"),
                name="swap_asked_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mine} ⇄ {self.theirs}"


class SalaryMonth(CommunalModel):
    """A month's salaries that the brigade's funder paid its members, as posted to the books
    (income from the funder, expense on salaries): once per brigade and month."""

    commune_via = ("brigade",)

    brigade = models.ForeignKey(
        Brigade, on_delete=models.CASCADE, related_name="salaries", verbose_name=_("brigade")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    amount = models.BigIntegerField(_("amount"), help_text=_("In céntimos of bolívar."))
    people = models.PositiveIntegerField(_("people paid"))
    entry = models.ForeignKey(
        "ledger.Entry", on_delete=models.PROTECT, related_name="+", verbose_name=_("entry")
    )
    posted_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("month of salaries")
        verbose_name_plural = _("months of salaries")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["brigade", "month"], name="salary_month_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="salary_month_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.brigade} · {self.month:%Y-%m}"
