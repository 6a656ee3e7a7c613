"""The commune's books: the chart of accounts, the append-only journal, closed statements.

The rules live in the engine (``comuna.engines.ledger``); these tables store its data. The
journal is append-only: nothing in the app updates or deletes an ``Entry`` row, and every
entry carries the hash of the one before, so a change made behind the app's back shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalManager, CommunalModel
from comuna.engines.ledger import AccountKind as EngineAccountKind
from comuna.engines.ledger import EntryKind as EngineEntryKind


class AccountKind(models.TextChoices):
    ASSET = EngineAccountKind.ASSET.value, _("Asset")
    LIABILITY = EngineAccountKind.LIABILITY.value, _("Liability")
    INCOME = EngineAccountKind.INCOME.value, _("Income")
    EXPENSE = EngineAccountKind.EXPENSE.value, _("Expense")
    FUND = EngineAccountKind.FUND.value, _("Fund")


class EntryKind(models.TextChoices):
    TRANSFER = EngineEntryKind.TRANSFER.value, _("Transfer")
    PROPOSAL = EngineEntryKind.PROPOSAL.value, _("Proposal")
    APPROVAL = EngineEntryKind.APPROVAL.value, _("Approval")
    VOID = EngineEntryKind.VOID.value, _("Void")


class Account(CommunalModel):
    """An account of the chart, with its running totals (kept by every posting).

    The four totals are the engine's ``Balance``; ``verify`` and ``replay`` can always
    recompute them from the journal.
    """

    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=AccountKind.choices)
    unit = models.CharField(_("unit"), max_length=8)
    floor = models.BigIntegerField(_("floor"), null=True, blank=True)
    debits_posted = models.BigIntegerField(default=0)
    credits_posted = models.BigIntegerField(default=0)
    debits_pending = models.BigIntegerField(default=0)
    credits_pending = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="ledger_account_code_unique"),
            models.CheckConstraint(
                condition=Q(debits_posted__gte=0)
                & Q(credits_posted__gte=0)
                & Q(debits_pending__gte=0)
                & Q(credits_pending__gte=0),
                name="ledger_account_totals_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in AccountKind]),
                name="ledger_account_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"

    @property
    def display_name(self) -> str:
        """The name in the reader's language (standard accounts store their English msgid)."""
        return gettext(self.name)

    @property
    def natural(self) -> int:
        """The posted balance seen from the account's normal side (cash in hand, income)."""
        net = self.debits_posted - self.credits_posted
        return net if EngineAccountKind(self.kind).debit_normal else -net


class LedgerHead(models.Model):
    """One row per commune that every posting locks first, so that two writers queue
    instead of forking the chain; it also keeps the head and count last appended."""

    commune = models.OneToOneField(
        "core.Commune", on_delete=models.PROTECT, primary_key=True, related_name="ledger_head"
    )
    count = models.BigIntegerField(default=0)
    head = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=0), name="ledger_head_count_gte_0")
        ]

    def __str__(self) -> str:
        return f"{self.count} {self.head[:16]}"


class Entry(models.Model):
    """One link of the journal. Never updated, never deleted (see the module docstring).

    Communal, but not a ``CommunalModel``: an entry's stable identity is its commune's UUID
    and its sequence number, which the hash chain already makes unique and verifiable; a
    random UUID beside them would cost every one of a million imported entries for nothing.
    """

    # No index of its own: the unique (commune, sequence) index serves every lookup by
    # commune, and each index costs time on every one of a million imported entries.
    commune = models.ForeignKey(
        "core.Commune", on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    sequence = models.BigIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    debit = models.CharField(_("debit"), max_length=32)
    credit = models.CharField(_("credit"), max_length=32)
    amount = models.BigIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=8)
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=500)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    idempotency_key = models.CharField(max_length=100, blank=True)
    author = models.CharField(_("author"), max_length=150)
    pending_id = models.BigIntegerField(null=True, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = CommunalManager()

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["commune", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "sequence"], name="ledger_entry_sequence_unique"
            ),
            models.UniqueConstraint(
                fields=["commune", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="ledger_entry_idempotency_key_unique",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_entry_amount_gt_0"),
            models.CheckConstraint(condition=Q(sequence__gt=0), name="ledger_entry_sequence_gt_0"),
            models.CheckConstraint(
                condition=~Q(debit=F("credit")), name="ledger_entry_two_accounts"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in EntryKind]),
                name="ledger_entry_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["approval", "void"], pending_id__isnull=False)
                | Q(kind__in=["transfer", "proposal"], pending_id__isnull=True),
                name="ledger_entry_pending_id_for_resolutions",
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "date"], name="ledger_entry_date"),
            models.Index(
                fields=["commune", "pending_id"],
                condition=Q(pending_id__isnull=False),
                name="ledger_entry_pending",
            ),
            models.Index(fields=["commune", "debit"], name="ledger_entry_debit"),
            models.Index(fields=["commune", "credit"], name="ledger_entry_credit"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.description}"


class Statement(CommunalModel):
    """A closed period of the books: what the assembly approves.

    ``head`` and ``entry_count`` are the chain's head and length when it was closed; once
    approved, anyone can check that history up to that head was never changed.
    ``totals`` is a snapshot (balances at the end, income and expenses of the period).
    ``meeting_id`` names the governance meeting that approved it (an id, not a foreign key:
    the books do not depend on the governance app).
    """

    label = models.CharField(_("label"), max_length=120)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    closed_at = models.DateTimeField(_("closed at"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    head = models.CharField(_("chain head"), max_length=64)
    entry_count = models.BigIntegerField(_("entry count"))
    totals = models.JSONField(default=dict)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    meeting_reference = models.CharField(_("meeting"), max_length=200, blank=True)
    meeting_id = models.BigIntegerField(null=True, blank=True)
    approved_by = models.CharField(_("approved by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-end", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "start", "end"], name="ledger_statement_period_unique"
            ),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="ledger_statement_dates"),
            models.CheckConstraint(
                condition=Q(entry_count__gte=0), name="ledger_statement_count_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True) | ~Q(meeting_reference=""),
                name="ledger_statement_approval_names_meeting",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_approved(self) -> bool:
        return self.approved_on is not None


class Budget(CommunalModel):
    """What an organ plans to spend (or earn) on one account over a period."""

    organ = models.CharField(_("organ"), max_length=150)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("account")
    )
    amount = models.BigIntegerField(_("amount"))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["start", "organ", "account__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "organ", "start", "end", "account"],
                name="ledger_budget_unique_line",
            ),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="ledger_budget_dates"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_budget_amount_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.organ} {self.account_id} {self.start}–{self.end}"


class SharingRule(CommunalModel):
    """How the surplus of a period on one account (an enterprise's cash) is shared out.

    Each share sends a percentage of the surplus to a destination account; shares may sum to
    less than 100% (the rest stays where it is), never more.
    """

    name = models.CharField(_("name"), max_length=150)
    source = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="+", verbose_name=_("surplus from")
    )

    class Meta:
        verbose_name = _("sharing rule")
        verbose_name_plural = _("sharing rules")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="ledger_rule_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class SharingShare(CommunalModel):
    """One line of a sharing rule: basis points (1% = 100) of the surplus to an account."""

    commune_via = ("rule",)

    rule = models.ForeignKey(SharingRule, on_delete=models.CASCADE, related_name="shares")
    destination = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    basis_points = models.PositiveIntegerField(_("share (1/100 of a percent)"))
    label = models.CharField(_("for"), max_length=150)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(basis_points__gt=0) & Q(basis_points__lte=10000),
                name="ledger_share_basis_points_range",
            ),
            models.UniqueConstraint(
                fields=["rule", "destination"], name="ledger_share_destination_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class SharingRun(CommunalModel):
    """A rule applied to a period: the surplus found, and the entries posted (explained)."""

    commune_via = ("rule",)

    rule = models.ForeignKey(SharingRule, on_delete=models.PROTECT, related_name="runs")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    surplus = models.BigIntegerField(_("surplus"))
    explanation = models.JSONField(default=list)
    applied_at = models.DateTimeField(auto_now_add=True)
    applied_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["-end", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "start", "end"], name="ledger_sharing_run_once_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.start}–{self.end}"


class Finding(CommunalModel):
    """What the comptroller found auditing the books: the one thing it records. Findings
    are never edited or deleted; a later finding says what changed."""

    title = models.CharField(_("finding"), max_length=200)
    text = models.TextField(_("details"), blank=True)
    # The entry the finding is about, by its number in the chain, when there is one.
    entry_sequence = models.PositiveBigIntegerField(_("entry"), null=True, blank=True)
    found_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comptroller's finding")
        verbose_name_plural = _("comptroller's findings")
        ordering = ["-found_on", "-pk"]

    def __str__(self) -> str:
        return self.title
