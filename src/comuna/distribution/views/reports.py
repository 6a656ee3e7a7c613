"""Printed lists, reconciliation, reports with charts, a household's own view, public figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from comuna.census.access import council_for_user, household_for_user
from comuna.core.charts import bar_chart
from comuna.core.web import pdf_response
from comuna.distribution import selectors
from comuna.distribution.access import reconciliation_is_readable, round_for_user
from comuna.distribution.documents import council_list_pdf
from comuna.distribution.models import Delivery, Programme, Round, RoundStatus
from comuna.distribution.postings import round_reference
from comuna.distribution.views.manage import _commune


@login_required
def council_list(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    round_ = round_for_user(request.user, pk)
    council = council_for_user(request.user, code)
    return pdf_response(council_list_pdf(round_, council), f"list-{round_.pk}-{council.code}.pdf")


@login_required
def reconciliation(request: HttpRequest) -> HttpResponse:
    if not reconciliation_is_readable(request.user):
        raise PermissionDenied(_("The reconciliation is for the comptroller."))
    from comuna.ledger.models import Entry

    rows = selectors.reconciliations(_commune())
    flagged = [
        (r, list(Entry.objects.filter(reference=round_reference(r.round)).order_by("sequence")))
        for r in rows
        if r.flagged
    ]
    return render(request, "distribution/reconciliation.html", {"rows": rows, "flagged": flagged})


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    if not reconciliation_is_readable(request.user) and not getattr(
        request.user, "is_spokesperson", False
    ):
        raise PermissionDenied(_("Reports name households: they are for the roles that serve."))
    commune = _commune()
    sections = []
    for programme in Programme.objects.filter(commune=commune):
        latest = (
            programme.rounds.exclude(status=RoundStatus.DRAFT)
            .order_by("-distribution_on", "-id")
            .first()
        )
        if latest is None:
            continue
        coverage = selectors.coverage_by_council(latest)
        waits = selectors.waiting_times(programme)
        sections.append(
            {
                "programme": programme,
                "round": latest,
                "coverage": bar_chart([(c.code, c.percent) for c in coverage]),
                "waits": bar_chart([(w.label, w.households) for w in waits]),
                "not_reached": selectors.households_not_reached(programme),
            }
        )
    return render(request, "distribution/reports.html", {"sections": sections})


@login_required
def household(request: HttpRequest, pk: int) -> HttpResponse:
    target = household_for_user(request.user, pk)
    places = list(selectors.household_rounds(target)[:24])
    received = selectors.deliveries_of(target)
    language = get_language() or "es"
    rows = [(e, e.explanation(language), received.get(e.round_id)) for e in places]
    return render(request, "distribution/household.html", {"household": target, "rows": rows})


def public(request: HttpRequest) -> HttpResponse:
    """Aggregates only: households served and units delivered per round."""
    rounds = list(
        Round.objects.filter(programme__commune=_commune())
        .exclude(status=RoundStatus.DRAFT)
        .select_related("programme")
        .annotate(
            served=Count("entitlements", filter=Q(entitlements__awarded__gt=0)),
            listed=Count("entitlements"),
        )[:24]
    )
    delivered = dict(
        Delivery.objects.filter(round__in=[r.pk for r in rounds])
        .values("round")
        .annotate(n=Sum("quantity"))
        .values_list("round", "n")
    )
    for r in rounds:
        r.units_delivered = delivered.get(r.pk, 0)  # type: ignore[attr-defined]
    return render(request, "distribution/public.html", {"rounds": rounds})
