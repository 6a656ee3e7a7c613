"""Budgets per period and organ (against what really happened), and the rules that share a
period's surplus, applied with one action that shows how each figure came about."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.web import apply, render
from comuna.ledger import services
from comuna.ledger.access import require_books, require_books_read, rule_for_user
from comuna.ledger.forms import (
    BudgetFilterForm,
    BudgetForm,
    PeriodForm,
    RuleForm,
    ShareForm,
    month_bounds,
    period_label,
    period_value,
)
from comuna.ledger.models import SharingRule
from comuna.ledger.selectors import (
    accounts_of,
    budget_by_organ,
    budget_organs,
    budget_period_default,
    budget_periods,
    budget_vs_actual,
    sharing_summary,
)
from comuna.ledger.views.base import the_commune
from comuna.users.actors import actor_of
from comuna.users.models import User


def _reader_or_keeper(request: HttpRequest) -> User:
    """These pages show the books to whoever reads them; their forms change the books, so a
    POST needs a book-keeper."""
    actor = actor_of(request)
    return require_books(actor) if request.method == "POST" else require_books_read(actor)


@login_required
@require_http_methods(["GET", "POST"])
def budgets(request: HttpRequest) -> HttpResponse:
    """A period's budget per organ against the books, as tables and a chart (GET ``period``
    and ``organ`` choose; the period under way by default), and the form to set a line."""
    commune = the_commune(request)
    _reader_or_keeper(request)
    start, end = month_bounds(timezone.localdate())
    form = BudgetForm(
        request.POST or None, accounts=accounts_of(commune), initial={"start": start, "end": end}
    )

    def save() -> None:
        d = form.cleaned_data
        services.budget_line_set(
            commune=commune,
            organ=d["organ"],
            start=d["start"],
            end=d["end"],
            account=d["account"],
            amount=d["amount"],
        )

    if request.method == "POST" and apply(form, save):
        messages.success(request, _("The budget line is saved."))
        return redirect("ledger:budgets")
    periods = budget_periods(commune)
    default = budget_period_default(periods, timezone.localdate())
    choose = BudgetFilterForm(
        request.GET or None,
        periods=periods,
        organs=budget_organs(commune),
        initial={"period": period_value(default)} if default else {},
    )
    period, organ = choose.chosen(default)
    rows = budget_vs_actual(commune, start=period[0], end=period[1], organ=organ) if period else []
    context = {
        "rows": rows,
        "organs": budget_by_organ(rows),
        "period": period_label(period) if period else "",
        "choose": choose,
        "form": form,
    }
    return render(request, "ledger/budgets.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest) -> HttpResponse:
    commune = the_commune(request)
    _reader_or_keeper(request)
    form = RuleForm(request.POST or None, accounts=accounts_of(commune))
    created: list[SharingRule] = []

    def save() -> None:
        created.append(
            services.sharing_rule_create(
                commune=commune, name=form.cleaned_data["name"], source=form.cleaned_data["source"]
            )
        )

    if request.method == "POST" and apply(form, save):
        return redirect("ledger:rule", pk=created[0].pk)
    return render(
        request,
        "ledger/rules.html",
        {
            "rules": SharingRule.objects.of(commune).prefetch_related("shares"),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rule_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commune = the_commune(request)
    actor = actor_of(request)
    rule = rule_for_user(actor, pk)
    user = _reader_or_keeper(request)
    accounts = accounts_of(commune)
    share_form = ShareForm(request.POST if "share" in request.POST else None, accounts=accounts)
    start, end = month_bounds(timezone.localdate().replace(day=1) - dt.timedelta(days=1))
    period = PeriodForm(
        request.POST if "apply" in request.POST else request.GET or None,
        initial={"start": start, "end": end},
    )

    def share() -> None:
        d = share_form.cleaned_data
        services.sharing_share_set(
            rule=rule,
            destination=d["destination"],
            basis_points=int(Decimal(d["percent"]) * 100),
            label=d["label"],
        )

    def apply_rule() -> None:
        services.sharing_apply(
            rule=rule,
            start=period.cleaned_data["start"],
            end=period.cleaned_data["end"],
            by=user.username,
            date=timezone.localdate(),
        )

    if "share" in request.POST and apply(share_form, share):
        messages.success(request, _("The share is saved."))
        return redirect("ledger:rule", pk=rule.pk)
    if "apply" in request.POST and apply(period, apply_rule):
        messages.success(request, _("The surplus was shared out."))
        return redirect("ledger:rule", pk=rule.pk)
    preview, preview_summary = None, None
    if period.is_bound and period.is_valid():
        preview = services.sharing_preview(
            rule=rule, start=period.cleaned_data["start"], end=period.cleaned_data["end"]
        )
        preview_summary = sharing_summary(*preview)
    return render(
        request,
        "ledger/rule.html",
        {
            "rule": rule,
            "shares": rule.shares.select_related("destination"),
            "share_form": share_form,
            "period": period,
            "preview": preview,
            "preview_summary": preview_summary,
            "runs": [
                (run, sharing_summary(run.surplus, run.explanation)) for run in rule.runs.all()
            ],
        },
    )
