"""An enterprise's month in figures, and the diesel ration's stock."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.core.charts import bar_chart
from comuna.core.web import apply, render
from comuna.enterprises import access, services
from comuna.enterprises.accounts import account_of
from comuna.enterprises.forms import DieselForm
from comuna.enterprises.models import AccountPurpose
from comuna.enterprises.selectors import diesel_left_ml, diesel_months, month_figures
from comuna.ledger import chart
from comuna.ledger.models import Account
from comuna.users.actors import acting_user, actor_of


def _month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()  # noqa: DTZ007 - a calendar month
    except ValueError:
        raise Http404(_("No such month.")) from None


def _step(month: dt.date, months: int) -> str:
    index = month.year * 12 + month.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@login_required
def enterprise_month(request: HttpRequest, pk: int, month: str) -> HttpResponse:
    enterprise = access.enterprise_for_user(actor_of(request), pk)
    first = _month(month)
    if not 2000 <= first.year <= 2100:
        raise Http404(_("No such month."))
    figures = month_figures(enterprise, first)
    bars = [
        (_("Income"), figures.income_total // 100),
        (_("Costs"), figures.costs_total // 100),
        (_("Surplus"), max(figures.surplus, 0) // 100),
        *((str(line["label"]), int(str(line["amount"])) // 100) for line in figures.shared),
    ]
    this_month = timezone.localdate().replace(day=1)
    return render(
        request,
        "enterprises/month.html",
        {
            "enterprise": enterprise,
            "figures": figures,
            "chart": bar_chart(bars),
            "previous": _step(first, -1),
            "next": _step(first, 1) if first < this_month else "",
        },
    )


def _cash_choices(enterprise_cash: str, commune_id: int) -> list[tuple[str, str]]:
    codes = (enterprise_cash, *(c for c in chart.CASH_ACCOUNTS if c != enterprise_cash))
    by_code = {a.code: a for a in Account.objects.of(commune_id).filter(code__in=codes)}
    return [(c, f"{c} {by_code[c].display_name}") for c in codes if c in by_code]


@login_required
@require_http_methods(["GET", "POST"])
def diesel(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    enterprise = access.enterprise_for_user(actor, pk)
    if account_of(enterprise, AccountPurpose.DIESEL) is None:
        raise Http404(_("This enterprise keeps no diesel stock."))
    may_record = access.diesel_is_recorded(actor)
    if request.method == "POST" and not may_record:
        enterprise = access.enterprise_for_user(actor, pk, diesel=True)
    form = DieselForm(
        request.POST or None, cash=_cash_choices(enterprise.cash_account, enterprise.commune_id)
    )

    def receive() -> None:
        d = form.cleaned_data
        services.diesel_receive(
            enterprise=enterprise,
            millilitres=d["litres"],
            cents=d["amount"] or 0,
            paid_from=d["paid_from"] or None,
            reference=d["reference"],
            date=d["date"],
            by=acting_user(request).username,
        )

    back = reverse("enterprises:diesel", args=[enterprise.pk])
    if request.method == "POST" and apply(form, receive):
        messages.success(request, _("The diesel received is in the stock."))
        return redirect(back)
    today = timezone.localdate()
    return render(
        request,
        "enterprises/diesel.html",
        {
            "enterprise": enterprise,
            "form": form if may_record else None,
            "title": _("Diesel: %(name)s") % {"name": enterprise.name},
            "back": reverse("enterprises:detail", args=[enterprise.pk]),
            "months": diesel_months(enterprise, today),
            "left": diesel_left_ml(enterprise, on=today),
            "submit_label": _("Record what was received"),
        },
    )
