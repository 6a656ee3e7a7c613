"""The public accounts page and the statements: aggregates only, for everyone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.charts import BarChart, bar_chart
from comuna.core.web import pdf_response, render
from comuna.ledger import chart
from comuna.ledger.access import keeps_books, records_forms, statement_for_user
from comuna.ledger.documents import statement_pdf
from comuna.ledger.forms import ApproveForm
from comuna.ledger.models import Statement
from comuna.ledger.selectors import accounts_of, integrity_cached, monthly_flows
from comuna.ledger.views.base import the_commune
from comuna.users.actors import Actor, actor_of


def _year_ago(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)


def _category_chart(
    rows: list[dict[str, Any]], names: dict[str, str], kind_codes: set[str]
) -> BarChart:
    totals: dict[str, int] = {}
    for row in rows:
        code = str(row["code"])
        if code in kind_codes:
            totals[code] = totals.get(code, 0) + int(str(row["amount"]))
    items = sorted(totals.items(), key=lambda kv: -kv[1])
    return bar_chart([(names[c], round(v / 100)) for c, v in items])


def accounts_public(request: HttpRequest) -> HttpResponse:
    commune = the_commune(request)
    actor = actor_of(request)
    accounts = list(accounts_of(commune))
    names = {a.code: a.display_name for a in accounts}
    units = {a.code: a.unit for a in accounts}
    today = timezone.localdate()
    start = _year_ago(today)
    flows = [r for r in monthly_flows(commune, start=start, end=today) if units[r["code"]] == "VES"]
    income = {a.code for a in accounts if a.kind == "income"}
    expense = {a.code for a in accounts if a.kind == "expense"}
    months = sorted({str(r["month"]) for r in flows})
    table = []
    for month in months:
        rows = [r for r in flows if r["month"] == month]
        table.append(
            {
                "month": month,
                "income": sum(int(r["amount"]) for r in rows if r["code"] in income),
                "expenses": sum(int(r["amount"]) for r in rows if r["code"] in expense),
                "lines": [(names[str(r["code"])], r["code"] in income, r["amount"]) for r in rows],
            }
        )
    by_code = {a.code: a for a in accounts}
    context = {
        "integrity": integrity_cached(commune),
        "funds": [by_code[c] for c in chart.FUNDS if c in by_code],
        "enterprises": [by_code[c] for c in chart.ENTERPRISES if c in by_code],
        "stocks": [by_code[c] for c in chart.stocks() if c in by_code],
        "months": table,
        "income_chart": _category_chart(flows, names, income),
        "expense_chart": _category_chart(flows, names, expense),
        "statements": Statement.objects.of(commune),
        "keeps_books": keeps_books(actor),
        "perms_forms": records_forms(actor),
        "since": start,
    }
    return render(request, "ledger/public.html", context)


def _statement_context(actor: Actor, statement: Statement) -> dict[str, Any]:
    rows: list[dict[str, Any]] = statement.totals.get("accounts", [])
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_kind.setdefault(str(row["kind"]), []).append(row)
    income = [r for r in by_kind.get("income", []) if r["unit"] == "VES" and r["change"]]
    expense = [r for r in by_kind.get("expense", []) if r["unit"] == "VES" and r["change"]]
    return {
        "statement": statement,
        "balances": [r for r in rows if r["kind"] in ("asset", "liability", "fund")],
        "income": income,
        "expenses": expense,
        "income_total": sum(int(r["change"]) for r in income),
        "expense_total": sum(int(r["change"]) for r in expense),
        "income_chart": bar_chart(
            [(_(str(r["name"])), round(int(r["change"]) / 100)) for r in income]
        ),
        "expense_chart": bar_chart(
            [(_(str(r["name"])), round(int(r["change"]) / 100)) for r in expense]
        ),
        "integrity": integrity_cached(statement.commune),
        "keeps_books": keeps_books(actor),
        "perms_forms": records_forms(actor),
        "approve_form": ApproveForm(initial={"approved_on": timezone.localdate()}),
    }


def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    statement = statement_for_user(actor, pk)
    return render(request, "ledger/statement.html", _statement_context(actor, statement))


def statement_print(request: HttpRequest, pk: int) -> HttpResponse:
    statement = statement_for_user(actor_of(request), pk)
    content = statement_pdf(statement)
    filename = f"estado-{statement.start.isoformat()}-{statement.end.isoformat()}.pdf"
    return pdf_response(content, filename)
