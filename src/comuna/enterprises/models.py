"""The commune's enterprises (EPS): what each is, who works in it, and where its books are.

An enterprise keeps its own accounts in the commune's books (``comuna.ledger``): its cash and
its stocks in kind are accounts of the commune's chart, named on the enterprise
(``EnterpriseAccount``, one per purpose), so the waste-collection, recycling and production
apps post to them through the enterprise (``comuna.enterprises.accounts.account_of``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Person
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
    # The code of its cash account in the commune's chart (``comuna.ledger.chart``); the same
    # code as its ``EnterpriseAccount`` of purpose "cash" when it has one.
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


class AccountPurpose(models.TextChoices):
    """What an enterprise keeps in one of its accounts."""

    CASH = "cash", _("Cash")
    DIESEL = "diesel", _("Stock of diesel")
    RECYCLABLES = "recyclables", _("Stock of recyclables")


class EnterpriseAccount(CommunalModel):
    """One of the enterprise's accounts in the commune's chart, by what it holds."""

    commune_via = ("enterprise",)

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="accounts", verbose_name=_("enterprise")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=AccountPurpose.choices)
    code = models.CharField(_("account"), max_length=32)

    class Meta:
        verbose_name = _("enterprise's account")
        verbose_name_plural = _("enterprise's accounts")
        ordering = ["enterprise", "purpose"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "purpose"], name="enterprise_account_purpose_unique"
            ),
            # One account is one enterprise's: two never share a pot.
            models.UniqueConstraint(
                fields=["commune", "code"], name="enterprise_account_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_purpose_display()} · {self.code}"


class WorkerJob(models.TextChoices):
    MANAGER = "manager", _("Manager")
    DRIVER = "driver", _("Driver")
    COLLECTOR = "collector", _("Collector")
    SCALE_OPERATOR = "scale_operator", _("Scale operator")
    OPERATOR = "operator", _("Plant operator")
    OTHER = "other", _("Other work")


class Worker(CommunalModel):
    """A person of the census working in an enterprise, in one job, from ``since`` until
    ``until`` (none while they still work there). Never deleted: a job ends with a date."""

    commune_via = ("enterprise",)

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="workers", verbose_name=_("enterprise")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="jobs", verbose_name=_("person")
    )
    job = models.CharField(_("job"), max_length=20, choices=WorkerJob.choices)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)
    # The login with which they work in Comuna, if they have one (a driver logs trips).
    login = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enterprise_jobs",
        verbose_name=_("login"),
    )

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        ordering = ["enterprise", "until", "job", "person__last_names"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")),
                name="worker_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["enterprise", "person", "job"],
                condition=Q(until__isnull=True),
                name="worker_one_open_job",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_job_display()}"

    @property
    def working(self) -> bool:
        return self.until is None
