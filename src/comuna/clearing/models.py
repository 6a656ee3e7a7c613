"""Exchange between communes and multilateral clearing.

The federation (for now, the installation's superuser, who stands for it) defines the units of
account; a **party** is a commune of this installation, one of its enterprises or one of its
councils; an **agreement** between two parties (services for goods, goods for goods) gives rise
to **obligations**, each recorded in the books of both parties' communes against the
counterparty. A **clearing run** cancels the most open debt it can without changing any net
position (``comuna.engines.clearing``), keeps what each obligation and each party had before
and after, and posts the result to every party's books.

Units of account, agreements, obligations and runs stand above one commune (they join parties
of several), so they are not communal models: who reads them is decided by the communes of
their parties (``access``). A party, its accounts in the books and its position in a run belong
to its commune.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Council
from comuna.core.models import CommunalModel
from comuna.enterprises.models import Enterprise

# The books' unit in which a basket is kept (``comuna.engines.ledger.units``); a currency is
# kept in its own.
BASKET_BOOKS_UNIT = "UC"
CURRENCIES = ("VES", "USD")


class UnitKind(models.TextChoices):
    BASKET = "basket", _("reference basket of goods")
    CURRENCY = "currency", _("currency")


class UnitOfAccount(models.Model):
    """A unit in which agreements are valued, defined by the federation for every commune.

    A basket says what one unit is worth in goods (``basket``: one good a line, "2 kg arroz");
    its amounts are kept in hundredths (the books' unit ``UC``). A currency is kept in the
    books' account of that currency.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=UnitKind.choices)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    basket = models.TextField(_("reference basket"), blank=True, max_length=4000)
    defined_at = models.DateTimeField(auto_now_add=True)
    defined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("unit of account")
        verbose_name_plural = _("units of account")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="currency") & Q(currency__in=CURRENCIES) & Q(basket=""))
                | (Q(kind="basket") & Q(currency="") & ~Q(basket="")),
                name="clearing_unit_kind_fits",
            ),
            models.CheckConstraint(condition=~Q(code=""), name="clearing_unit_code_given"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"

    @property
    def books_unit(self) -> str:
        return self.currency if self.kind == UnitKind.CURRENCY else BASKET_BOOKS_UNIT


class PartyKind(models.TextChoices):
    COMMUNE = "commune", _("commune")
    ENTERPRISE = "enterprise", _("enterprise")
    COUNCIL = "council", _("communal council")


class Party(CommunalModel):
    """Who owes or is owed: the commune itself, one of its enterprises or one of its councils."""

    kind = models.CharField(_("kind"), max_length=10, choices=PartyKind.choices)
    enterprise = models.OneToOneField(
        Enterprise, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    council = models.OneToOneField(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)

    commune_via = ("enterprise", "council")

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["commune_id", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="commune") & Q(enterprise=None) & Q(council=None))
                | (Q(kind="enterprise") & ~Q(enterprise=None) & Q(council=None))
                | (Q(kind="council") & Q(enterprise=None) & ~Q(council=None)),
                name="clearing_party_kind_fits",
            ),
            models.UniqueConstraint(
                fields=["commune"], condition=Q(kind="commune"), name="clearing_party_commune_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AgreementKind(models.TextChoices):
    SERVICES_FOR_GOODS = "services_goods", _("services for goods")
    GOODS_FOR_GOODS = "goods_goods", _("goods for goods")
    GOODS_FOR_SERVICES = "goods_services", _("goods for services")
    SERVICES_FOR_SERVICES = "services_services", _("services for services")


class ExchangeAgreement(models.Model):
    """What two parties agreed to exchange, valued in a unit of account."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    unit = models.ForeignKey(UnitOfAccount, on_delete=models.PROTECT, related_name="+")
    first_gives = models.CharField(_("the first party gives"), max_length=300)
    second_gives = models.CharField(_("the second party gives"), max_length=300)
    signed_on = models.DateField(_("signed on"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(first=F("second")), name="clearing_agreement_two_parties"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} ↔ {self.second}"


class Obligation(models.Model):
    """``debtor`` owes ``creditor`` ``amount`` minor units of ``unit``; ``cleared`` of it has
    been cancelled by clearing runs, the rest is open."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(
        ExchangeAgreement,
        on_delete=models.PROTECT,
        related_name="obligations",
        null=True,
        blank=True,
    )
    debtor = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    creditor = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(UnitOfAccount, on_delete=models.PROTECT, related_name="+")
    amount = models.BigIntegerField(_("amount"))
    cleared = models.BigIntegerField(_("cleared"), default=0)
    arose_on = models.DateField(_("arose on"))
    due_on = models.DateField(_("due on"))
    what = models.CharField(_("for what"), max_length=300)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="clearing_obligation_positive"),
            models.CheckConstraint(
                condition=Q(cleared__gte=0) & Q(cleared__lte=F("amount")),
                name="clearing_obligation_cleared_within",
            ),
            models.CheckConstraint(
                condition=~Q(debtor=F("creditor")), name="clearing_obligation_not_to_oneself"
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("arose_on")), name="clearing_obligation_due_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.debtor} → {self.creditor}: {self.amount}"

    @property
    def open_amount(self) -> int:
        return self.amount - self.cleared


class ClearingRun(models.Model):
    """One clearing of the open obligations in one unit: what it found and what it cleared."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(UnitOfAccount, on_delete=models.PROTECT, related_name="+")
    run_on = models.DateField(_("date"))
    run_at = models.DateTimeField(auto_now_add=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    obligations = models.PositiveIntegerField(_("obligations"))
    total_debt = models.BigIntegerField(_("open debt before"))
    total_cleared = models.BigIntegerField(_("cleared"))
    # What the run cleared, as a fingerprint of the open obligations it read: the same open
    # obligations are never cleared twice.
    key = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("clearing run")
        verbose_name_plural = _("clearing runs")
        ordering = ["-run_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_cleared__gte=0) & Q(total_cleared__lte=F("total_debt")),
                name="clearing_run_cleared_within",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.run_on}"

    @property
    def remaining(self) -> int:
        return self.total_debt - self.total_cleared


class ObligationCleared(models.Model):
    """What one run cleared of one obligation (``open_before`` was open when it ran)."""

    run = models.ForeignKey(ClearingRun, on_delete=models.PROTECT, related_name="lines")
    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="clearings")
    open_before = models.BigIntegerField()
    cleared = models.BigIntegerField()

    class Meta:
        ordering = ["obligation_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "obligation"], name="clearing_line_once"),
            models.CheckConstraint(
                condition=Q(cleared__gte=0) & Q(cleared__lte=F("open_before")),
                name="clearing_line_within_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation_id}: {self.cleared}"

    @property
    def open_after(self) -> int:
        return self.open_before - self.cleared


class RunPosition(CommunalModel):
    """A party's open payables and receivables before and after a run."""

    run = models.ForeignKey(ClearingRun, on_delete=models.PROTECT, related_name="positions")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    payable_before = models.BigIntegerField()
    receivable_before = models.BigIntegerField()
    payable_after = models.BigIntegerField()
    receivable_after = models.BigIntegerField()

    commune_via = ("party",)

    class Meta:
        ordering = ["run_id", "party_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "party"], name="clearing_position_once"),
            models.CheckConstraint(
                condition=Q(payable_after__gte=0)
                & Q(payable_after__lte=F("payable_before"))
                & Q(receivable_after__gte=0)
                & Q(receivable_after__lte=F("receivable_before")),
                name="clearing_position_only_falls",
            ),
            models.CheckConstraint(
                condition=Q(
                    receivable_before=F("payable_before")
                    - F("payable_after")
                    + F("receivable_after")
                ),
                name="clearing_position_net_kept",
            ),
        ]

    @property
    def cleared(self) -> int:
        return self.payable_before - self.payable_after

    @property
    def net(self) -> int:
        return self.receivable_after - self.payable_after


class AccountPurpose(models.TextChoices):
    RECEIVABLE = "receivable", _("owed to the party")
    PAYABLE = "payable", _("owed by the party")
    INCOME = "income", _("received in exchange")
    EXPENSE = "expense", _("given in exchange")


class ExchangeAccount(CommunalModel):
    """An account of the commune's chart that keeps one party's exchange: what it is owed by
    (receivable) or owes to (payable) one counterparty in one unit, or what its exchange
    brought in (income) or took (expense) in that unit."""

    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    counterparty = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    unit = models.ForeignKey(UnitOfAccount, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=10, choices=AccountPurpose.choices)
    code = models.CharField(max_length=32)

    commune_via = ("party",)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="clearing_account_code_once"),
            models.UniqueConstraint(
                fields=["party", "counterparty", "unit", "purpose"],
                name="clearing_account_once",
            ),
            models.UniqueConstraint(
                fields=["party", "unit", "purpose"],
                condition=Q(counterparty=None),
                name="clearing_account_once_each_unit",
            ),
            models.CheckConstraint(
                condition=(Q(purpose__in=["receivable", "payable"]) & ~Q(counterparty=None))
                | (Q(purpose__in=["income", "expense"]) & Q(counterparty=None)),
                name="clearing_account_counterparty_fits",
            ),
        ]
