"""The health pages to read: the stock, the batches, the alerts, the discrepancies, and the
public counts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.views.decorators.http import require_GET

from comuna.core.charts import bar_chart
from comuna.core.tenancy import commune_of
from comuna.core.web import render
from comuna.health import selectors
from comuna.health.access import (
    batch_for_user,
    committee_require,
    discrepancy_for_user,
    discrepancy_is_closable,
    health_is_committee,
    helpcase_is_payable,
    stock_read_require,
)
from comuna.health.forms import FindingForm
from comuna.health.models import Discrepancy, Dispensation, StockCount
from comuna.users.actors import actor_of


def roles(request: HttpRequest) -> dict[str, bool]:
    actor = actor_of(request)
    committee = health_is_committee(actor)
    return {
        "is_committee": committee,
        "reads_helpcases": committee or helpcase_is_payable(actor),
    }


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The stock by item, and the issues per month (counts only)."""
    stock_read_require(actor_of(request))
    commune = commune_of(request)
    today = timezone.localdate()
    months = selectors.issues_by_month(commune)[-12:]
    expired, expiring = selectors.expiry_alerts(commune, today=today)
    return render(
        request,
        "health/index.html",
        {
            "stock": selectors.stock_by_item(commune, today=today),
            "chart": bar_chart(
                [(formats.date_format(m, "YEAR_MONTH_FORMAT"), units) for m, _n, units in months]
            ),
            "alerts": len(expired) + len(expiring),
            "open_discrepancies": Discrepancy.objects.of(commune)
            .filter(closed_at__isnull=True)
            .count(),
            **roles(request),
        },
    )


@login_required
@require_GET
def batches(request: HttpRequest) -> HttpResponse:
    stock_read_require(actor_of(request))
    rows = selectors.batches_with_stock(commune_of(request)).order_by("item__name", "expiry")
    return render(request, "health/batches.html", {"batches": rows, **roles(request)})


@login_required
@require_GET
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch and its movements, without the persons it was issued to."""
    found = batch_for_user(actor_of(request), pk)
    return render(
        request,
        "health/batch.html",
        {
            "batch": found,
            "stock": selectors.batch_stock(found),
            "movements": selectors.batch_movements(found),
            **roles(request),
        },
    )


@login_required
@require_GET
def alerts(request: HttpRequest) -> HttpResponse:
    stock_read_require(actor_of(request))
    expired, expiring = selectors.expiry_alerts(commune_of(request), today=timezone.localdate())
    return render(
        request,
        "health/alerts.html",
        {
            "expired": expired,
            "expiring": expiring,
            "days": selectors.EXPIRY_WARNING_DAYS,
            **roles(request),
        },
    )


@login_required
@require_GET
def issues(request: HttpRequest) -> HttpResponse:
    """The issues with the persons they went to: the health committee's page."""
    committee_require(actor_of(request))
    rows = Dispensation.objects.of(commune_of(request)).select_related(
        "batch__item", "person", "issuer", "witness"
    )[:200]
    return render(request, "health/issues.html", {"issues": rows, **roles(request)})


@login_required
@require_GET
def counts(request: HttpRequest) -> HttpResponse:
    stock_read_require(actor_of(request))
    rows = StockCount.objects.of(commune_of(request)).select_related(
        "batch__item", "issuer", "witness", "discrepancy"
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "health/counts.html", {"page": page, **roles(request)})


@login_required
@require_GET
def discrepancies(request: HttpRequest) -> HttpResponse:
    stock_read_require(actor_of(request))
    rows = Discrepancy.objects.of(commune_of(request)).select_related(
        "count__batch__item", "count__issuer", "count__witness"
    )
    return render(request, "health/discrepancies.html", {"rows": rows, **roles(request)})


def discrepancy_page(
    request: HttpRequest, found: Discrepancy, form: FindingForm | None = None
) -> HttpResponse:
    can_close = discrepancy_is_closable(actor_of(request)) and found.closed_at is None
    return render(
        request,
        "health/discrepancy.html",
        {
            "row": found,
            "movements": selectors.batch_movements(found.count.batch),
            "form": (form or FindingForm()) if can_close else None,
            **roles(request),
        },
    )


@login_required
@require_GET
def discrepancy(request: HttpRequest, pk: int) -> HttpResponse:
    """A discrepancy and the records behind it: the batch's movements, with the two logins."""
    return discrepancy_page(request, discrepancy_for_user(actor_of(request), pk))


@require_GET
def public(request: HttpRequest) -> HttpResponse:
    """Counts only, for anyone: items and units in stock, issues per month, counts."""
    figures = selectors.public_figures(commune_of(request), today=timezone.localdate())
    chart = bar_chart(
        [
            (formats.date_format(m, "YEAR_MONTH_FORMAT"), issued)
            for m, issued, _units in figures.issues_by_month[-12:]
        ]
    )
    return render(request, "health/public.html", {"figures": figures, "chart": chart})
