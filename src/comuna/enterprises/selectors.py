"""Reads of the enterprises: who may see which, the diesel ration's stock, and a month's
figures (income, costs, stocks in kind moved, surplus and where the sharing rule sent it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum

from comuna.enterprises.accounts import account_of, accounts_of
from comuna.enterprises.models import AccountPurpose, Enterprise, Worker
from comuna.ledger.models import Account, AccountKind, Entry, SharingRun
from comuna.ledger.selectors import POSTED
from comuna.users.actors import Actor

# What the sharing rule posts carries this reference; it is where the surplus went, not a cost.
SHARING_REFERENCE = "sharing:"


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of ``month``'s month."""
    start = month.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def enterprises_of_worker(actor: Actor) -> QuerySet[Enterprise]:
    """The enterprises where the actor's login works today."""
    if actor.commune is None or actor.login is None:
        return Enterprise.objects.none()
    working = Worker.objects.of(actor.commune).filter(login=actor.login, until__isnull=True)
    return Enterprise.objects.of(actor.commune).filter(pk__in=working.values("enterprise"))


def _posted(commune_id: int) -> QuerySet[Entry]:
    return Entry.objects.of(commune_id).filter(kind__in=POSTED)


def _balance(commune_id: int, code: str, *, on: dt.date) -> int:
    """An asset's balance (debits less credits) with entries dated up to ``on``."""
    entries = _posted(commune_id).filter(date__lte=on)
    debits = entries.filter(debit=code).aggregate(t=Sum("amount"))["t"] or 0
    credits = entries.filter(credit=code).aggregate(t=Sum("amount"))["t"] or 0
    return int(debits - credits)


def diesel_left_ml(enterprise: Enterprise, *, on: dt.date) -> int:
    """Millilitres of diesel left in the enterprise's stock at the end of ``on`` (0 when it
    keeps no diesel stock). The waste app's day's allowance starts from this."""
    code = account_of(enterprise, AccountPurpose.DIESEL)
    return _balance(enterprise.commune_id, code, on=on) if code else 0


@dataclass(frozen=True)
class StockMonth:
    """A stock in kind over a month: opening, in, out and closing, in its unit's minor units."""

    purpose: str
    start: dt.date
    code: str
    unit: str
    opening: int
    received: int
    used: int

    @property
    def closing(self) -> int:
        return self.opening + self.received - self.used


def stock_month(
    enterprise: Enterprise, purpose: str, start: dt.date, end: dt.date
) -> StockMonth | None:
    code = account_of(enterprise, purpose)
    if code is None:
        return None
    entries = _posted(enterprise.commune_id).filter(date__gte=start, date__lte=end)
    received = entries.filter(debit=code).aggregate(t=Sum("amount"))["t"] or 0
    used = entries.filter(credit=code).aggregate(t=Sum("amount"))["t"] or 0
    unit = "L" if purpose == AccountPurpose.DIESEL else "KG"
    return StockMonth(
        purpose=purpose,
        start=start,
        code=code,
        unit=unit,
        opening=_balance(enterprise.commune_id, code, on=start - dt.timedelta(days=1)),
        received=int(received),
        used=int(used),
    )


@dataclass(frozen=True)
class Line:
    code: str
    name: str
    amount: int


@dataclass
class MonthFigures:
    """An enterprise's month in the books. Money in céntimos, stocks in grams or millilitres."""

    enterprise: Enterprise
    start: dt.date
    end: dt.date
    cash: str
    income: list[Line] = field(default_factory=list)
    costs: list[Line] = field(default_factory=list)
    stocks: list[StockMonth] = field(default_factory=list)
    shared: list[dict[str, object]] = field(default_factory=list)
    rule: str = ""

    @property
    def income_total(self) -> int:
        return sum(line.amount for line in self.income)

    @property
    def costs_total(self) -> int:
        return sum(line.amount for line in self.costs)

    @property
    def surplus(self) -> int:
        return self.income_total - self.costs_total

    @property
    def shared_total(self) -> int:
        return sum(int(str(line.get("amount", 0))) for line in self.shared)

    def stock(self, purpose: str) -> StockMonth | None:
        return next((s for s in self.stocks if s.purpose == purpose), None)


def month_figures(enterprise: Enterprise, month: dt.date) -> MonthFigures:
    """The month's income (money into its cash from income accounts), costs (money out of its
    cash to expense accounts; what the sharing rule sent on is not a cost), stocks in kind
    moved, and the sharing rule's runs over that month on its cash."""
    start, end = month_bounds(month)
    commune_id = enterprise.commune_id
    cash = account_of(enterprise, AccountPurpose.CASH) or enterprise.cash_account
    chart_accounts = {a.code: a for a in Account.objects.of(commune_id)}
    entries = (
        _posted(commune_id)
        .filter(date__gte=start, date__lte=end)
        .filter(Q(debit=cash) | Q(credit=cash))
    )
    incomes: dict[str, int] = {}
    costs: dict[str, int] = {}
    for debit, credit, amount, reference in entries.values_list(
        "debit", "credit", "amount", "reference"
    ):
        if debit == cash and _kind(chart_accounts, credit) == AccountKind.INCOME:
            incomes[credit] = incomes.get(credit, 0) + amount
        elif credit == cash and _kind(chart_accounts, debit) == AccountKind.EXPENSE:
            if not reference.startswith(SHARING_REFERENCE):
                costs[debit] = costs.get(debit, 0) + amount
    figures = MonthFigures(enterprise=enterprise, start=start, end=end, cash=cash)
    figures.income = _lines(chart_accounts, incomes)
    figures.costs = _lines(chart_accounts, costs)
    for purpose in accounts_of(enterprise):
        if purpose != AccountPurpose.CASH:
            stock = stock_month(enterprise, purpose, start, end)
            if stock is not None:
                figures.stocks.append(stock)
    runs = (
        SharingRun.objects.of(commune_id)
        .filter(rule__source__code=cash, start__gte=start, start__lte=end)
        .select_related("rule")
        .order_by("start")
    )
    for run in runs:
        figures.rule = run.rule.name
        figures.shared.extend(run.explanation)
    return figures


def _kind(chart_accounts: dict[str, Account], code: str) -> str | None:
    account = chart_accounts.get(code)
    return account.kind if account is not None else None


def _lines(chart_accounts: dict[str, Account], amounts: dict[str, int]) -> list[Line]:
    return [
        Line(code=code, name=chart_accounts[code].display_name, amount=amount)
        for code, amount in sorted(amounts.items())
    ]


def diesel_months(enterprise: Enterprise, today: dt.date, *, months: int = 6) -> list[StockMonth]:
    """The diesel stock month by month, the latest first (received, used, left)."""
    out = []
    start = today.replace(day=1)
    for _i in range(months):
        stock = stock_month(enterprise, AccountPurpose.DIESEL, *month_bounds(start))
        if stock is None:
            break
        out.append(stock)
        start = (start - dt.timedelta(days=1)).replace(day=1)
    return out
