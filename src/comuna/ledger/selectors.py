"""Reads of the books that are more than one query: balances, period figures, verification."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from comuna.core.models import Commune
from comuna.engines.ledger import AccountKind as EngineKind
from comuna.engines.ledger import BadEntry, verify_rows
from comuna.ledger import models
from comuna.ledger.storage import DatabaseStorage

POSTED = ("transfer", "approval")


def accounts_of(commune: Commune) -> QuerySet[models.Account]:
    return models.Account.objects.of(commune).order_by("code")


def _flows(
    commune: Commune, *, start: dt.date | None, end: dt.date | None
) -> dict[str, tuple[int, int]]:
    """Per account code, posted (debits, credits) with dates in [start, end]."""
    entries = models.Entry.objects.of(commune).filter(kind__in=POSTED)
    if start is not None:
        entries = entries.filter(date__gte=start)
    if end is not None:
        entries = entries.filter(date__lte=end)
    flows: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code, total in entries.values_list("debit").annotate(t=Sum("amount")):
        flows[code][0] += total
    for code, total in entries.values_list("credit").annotate(t=Sum("amount")):
        flows[code][1] += total
    return {c: (d, k) for c, (d, k) in flows.items()}


def _natural(kind: str, debits: int, credits: int) -> int:
    net = debits - credits
    return net if EngineKind(kind).debit_normal else -net


def period_totals(commune: Commune, *, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The snapshot a statement keeps: per account its opening and closing balance and the
    period's debits and credits (natural signs), plus income and expenses by month."""
    before = _flows(commune, start=None, end=start - dt.timedelta(days=1))
    during = _flows(commune, start=start, end=end)
    rows = []
    for account in accounts_of(commune):
        d0, c0 = before.get(account.code, (0, 0))
        d1, c1 = during.get(account.code, (0, 0))
        rows.append(
            {
                "code": account.code,
                "name": account.name,
                "kind": account.kind,
                "unit": account.unit,
                "opening": _natural(account.kind, d0, c0),
                "debits": d1,
                "credits": c1,
                "change": _natural(account.kind, d1, c1),
                "closing": _natural(account.kind, d0 + d1, c0 + c1),
            }
        )
    return {"accounts": rows, "months": monthly_flows(commune, start=start, end=end)}


def monthly_flows(commune: Commune, *, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Income and expenses by account and month (natural signs), for tables and charts."""
    kinds = dict(accounts_of(commune).values_list("code", "kind"))
    entries = (
        models.Entry.objects.of(commune)
        .filter(kind__in=POSTED, date__gte=start, date__lte=end)
        .annotate(month=TruncMonth("date"))
    )
    out: dict[tuple[str, str], int] = defaultdict(int)
    for month, code, total in entries.values_list("month", "credit").annotate(t=Sum("amount")):
        if kinds.get(code) == "income":
            out[(month.strftime("%Y-%m"), code)] += total
        elif kinds.get(code) == "expense":
            out[(month.strftime("%Y-%m"), code)] -= total
    for month, code, total in entries.values_list("month", "debit").annotate(t=Sum("amount")):
        if kinds.get(code) == "income":
            out[(month.strftime("%Y-%m"), code)] -= total
        elif kinds.get(code) == "expense":
            out[(month.strftime("%Y-%m"), code)] += total
    return [{"month": m, "code": c, "amount": a} for (m, c), a in sorted(out.items()) if a != 0]


def balances_as_of(commune: Commune, day: dt.date) -> dict[str, int]:
    """Natural balance of every account with entries dated up to ``day``."""
    kinds = dict(accounts_of(commune).values_list("code", "kind"))
    flows = _flows(commune, start=None, end=day)
    return {c: _natural(kinds[c], d, k) for c, (d, k) in flows.items() if c in kinds}


def entries_of_account(commune: Commune, code: str) -> QuerySet[models.Entry]:
    return (
        models.Entry.objects.of(commune)
        .filter(Q(debit=code) | Q(credit=code))
        .order_by("-sequence")
    )


def open_proposals(commune: Commune) -> QuerySet[models.Entry]:
    resolved = (
        models.Entry.objects.of(commune).filter(pending_id__isnull=False).values("pending_id")
    )
    return (
        models.Entry.objects.of(commune)
        .filter(kind="proposal")
        .exclude(sequence__in=resolved)
        .order_by("sequence")
    )


@dataclass(frozen=True)
class Expected:
    """What the chain should be at least: its length and head as the books last recorded them
    (``LedgerHead``, written with every posting) or as the latest approved statement printed
    them, whichever is longer. ``statement`` names the statement when it is that one."""

    count: int
    head: str
    statement: int | None = None
    statement_label: str = ""


@dataclass(frozen=True)
class Integrity:
    """The outcome of checking the books: the chain, then every approved statement's head, then
    the chain's length and head against what the books last recorded (so that deleting the
    newest entries, which leaves a shorter chain that still verifies, does not go unnoticed)."""

    count: int
    head: str
    first_bad: BadEntry | None
    broken_statements: tuple[int, ...]
    """Ids of approved statements whose head is no longer in the chain."""
    expected: Expected = Expected(0, "0" * 64)

    @property
    def lost(self) -> int:
        """How many entries at the end of the chain are gone (0: none)."""
        if self.first_bad is not None:
            return 0
        return max(0, self.expected.count - self.count)

    @property
    def first_lost(self) -> int:
        """The number of the first entry that is gone."""
        return self.count + 1

    @property
    def head_differs(self) -> bool:
        """As long as recorded, but ending in another head: the newest entries were replaced."""
        return (
            self.first_bad is None
            and self.expected.count == self.count
            and self.expected.head != self.head
        )

    @property
    def ok(self) -> bool:
        return (
            self.first_bad is None
            and not self.broken_statements
            and not self.lost
            and not self.head_differs
        )

    @property
    def alarm(self) -> bool:
        """Whether something the assembly approved was changed behind the app's back."""
        return bool(self.broken_statements)


def _expected(commune: Commune, approved: list[tuple[int, int, str]]) -> Expected:
    stored = models.LedgerHead.objects.filter(commune=commune).values_list("count", "head").first()
    expected = Expected(*stored) if stored is not None else Expected(0, "0" * 64)
    if approved:
        pk, count, head = max(approved, key=lambda row: (row[1], row[0]))
        if count > expected.count:
            label = models.Statement.objects.of(commune).filter(pk=pk).values_list("label")
            expected = Expected(count, head, pk, label.get()[0])
    return expected


def integrity_check(commune: Commune) -> Integrity:
    """Verify the whole chain and every approved statement against it (uncached), and the
    chain's length and head against the longest record of them (see :class:`Expected`)."""
    approved = list(
        models.Statement.objects.of(commune)
        .filter(approved_on__isnull=False)
        .values_list("id", "entry_count", "head")
    )
    expected = _expected(commune, approved)
    wanted: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, count, head in approved:
        wanted[count].append((pk, head))
    result, hashes = verify_rows(DatabaseStorage(commune).iter_rows(), watch=wanted)
    good_up_to = result.count
    broken = []
    for count, items in wanted.items():
        for pk, head in items:
            if count == 0:
                continue
            # A head is still part of the chain only if the chain verifies up to it and the
            # entry there still carries it (a rewritten and rehashed history does not).
            if count > good_up_to or hashes.get(count, "") != head:
                broken.append(pk)
    return Integrity(
        count=result.count,
        head=result.head,
        first_bad=result.first_bad,
        broken_statements=tuple(sorted(broken)),
        expected=expected,
    )


CACHE_SECONDS = 300


def _cache_key(commune: Commune) -> str:
    head = models.LedgerHead.objects.filter(commune=commune).values_list("count", "head").first()
    count, last = head if head is not None else (0, "")
    approved = models.Statement.objects.of(commune).filter(approved_on__isnull=False).count()
    return f"ledger-integrity:{commune.pk}:{count}:{last}:{approved}"


def integrity_cached(commune: Commune, *, refresh: bool = False) -> Integrity:
    """``integrity_check``, cached for a few minutes (a page view must stay cheap); a post or
    an approval changes the key, and the comptroller's button refreshes it."""
    key = _cache_key(commune)
    found = None if refresh else cache.get(key)
    if isinstance(found, Integrity):
        return found
    result = integrity_check(commune)
    cache.set(key, result, CACHE_SECONDS)
    return result


def account_change(
    account: models.Account, *, start: dt.date, end: dt.date, exclude_reference: str = ""
) -> int:
    """How much the account's natural balance changed over the period."""
    entries = models.Entry.objects.of(account.commune_id).filter(
        kind__in=POSTED, date__gte=start, date__lte=end
    )
    if exclude_reference:
        entries = entries.exclude(reference__startswith=exclude_reference)
    debits = entries.filter(debit=account.code).aggregate(t=Sum("amount"))["t"] or 0
    credits = entries.filter(credit=account.code).aggregate(t=Sum("amount"))["t"] or 0
    return _natural(account.kind, debits, credits)


@dataclass(frozen=True)
class BudgetRow:
    """One budget line against the books: ``actual`` is the change of the account's natural
    balance from posted entries dated within the line's own period."""

    line: models.Budget
    actual: int

    @property
    def unit(self) -> str:
        return self.line.account.unit

    @property
    def difference(self) -> int:
        """What is left to spend (or to earn); negative when the line is exceeded."""
        return self.line.amount - self.actual

    @property
    def percent(self) -> int:
        return round(100 * self.actual / self.line.amount) if self.line.amount else 0

    @property
    def over(self) -> bool:
        """An expense line spent past its budget (earning more than planned is no alarm)."""
        return self.line.account.kind == models.AccountKind.EXPENSE and self.actual > (
            self.line.amount
        )


@dataclass(frozen=True)
class BudgetOrgan:
    organ: str
    rows: list[BudgetRow]

    @property
    def over(self) -> int:
        return sum(1 for row in self.rows if row.over)


def budget_periods(commune: Commune) -> list[tuple[dt.date, dt.date]]:
    """The periods budgets are set for, latest first."""
    return list(
        models.Budget.objects.of(commune)
        .order_by("-start", "-end")
        .values_list("start", "end")
        .distinct()
    )


def budget_period_default(
    periods: list[tuple[dt.date, dt.date]], today: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The period under way today (the shortest, if several), else the latest one begun, else
    the earliest still to come."""
    current = [p for p in periods if p[0] <= today <= p[1]]
    if current:
        return min(current, key=lambda p: (p[1] - p[0], p[0]))
    begun = [p for p in periods if p[0] <= today]
    if begun:
        return max(begun)
    return min(periods) if periods else None


def budget_organs(commune: Commune) -> list[str]:
    return list(
        models.Budget.objects.of(commune)
        .order_by("organ")
        .values_list("organ", flat=True)
        .distinct()
    )


def budget_vs_actual(
    commune: Commune,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    organ: str = "",
) -> list[BudgetRow]:
    """Budget lines lying within [start, end] (all when not given), for one organ or all,
    each with what the books show; two queries per distinct period of the lines."""
    lines = models.Budget.objects.of(commune).select_related("account")
    if start is not None:
        lines = lines.filter(start__gte=start)
    if end is not None:
        lines = lines.filter(end__lte=end)
    if organ:
        lines = lines.filter(organ=organ)
    flows: dict[tuple[dt.date, dt.date], dict[str, tuple[int, int]]] = {}
    rows = []
    for line in lines.order_by("organ", "start", "account__code"):
        period = (line.start, line.end)
        if period not in flows:
            flows[period] = _flows(commune, start=line.start, end=line.end)
        debits, credits = flows[period].get(line.account.code, (0, 0))
        rows.append(BudgetRow(line, _natural(line.account.kind, debits, credits)))
    return rows


def budget_by_organ(rows: list[BudgetRow]) -> list[BudgetOrgan]:
    """``rows`` (sorted by organ) as one table per organ."""
    organs: dict[str, list[BudgetRow]] = {}
    for row in rows:
        organs.setdefault(row.line.organ, []).append(row)
    return [BudgetOrgan(organ, organ_rows) for organ, organ_rows in organs.items()]


@dataclass(frozen=True)
class SharingSummary:
    """Where a period's surplus went: the shares posted, and what stayed in the source.

    What stays is the part no share claims (``unshared_e4``) plus what rounding each share
    down to the cent left (``rounding_e4``), both in ten-thousandths of a minor unit so that
    nothing is rounded in the explanation itself; together they are exactly ``kept``.
    """

    surplus: int
    shared: int
    kept: int
    unshared_e4: int
    rounding_e4: int


def sharing_summary(surplus: int, lines: list[dict[str, Any]]) -> SharingSummary:
    """Sum up a sharing preview or a run's explanation (older runs lack the remainders)."""
    points = [int(line["basis_points"]) for line in lines]
    shared = sum(int(line["amount"]) for line in lines)
    return SharingSummary(
        surplus=surplus,
        shared=shared,
        kept=surplus - shared,
        unshared_e4=surplus * (10000 - sum(points)),
        rounding_e4=sum(surplus * p % 10000 for p in points),
    )
