"""Printed lists, reconciliation, reports with charts, a household's own view, public figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from comuna.census.access import council_for_user, household_for_user, households_readable
from comuna.core.charts import bar_chart
from comuna.core.web import pdf_response, render
from comuna.distribution import selectors
from comuna.distribution.access import (
    reconciliation_is_readable,
    reports_are_readable,
    round_for_user,
)
from comuna.distribution.documents import council_list_pdf
from comuna.distribution.models import Delivery, Programme, Round, RoundStatus
from comuna.distribution.postings import round_reference
from comuna.distribution.views.manage import _commune
from comuna.ledger.models import Entry
from comuna.users.actors import actor_of


@login_required
def council_list(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    actor = actor_of(request)
    round_ = round_for_user(actor, pk)
    council = council_for_user(actor, code)
    return pdf_response(council_list_pdf(round_, council), f"list-{round_.pk}-{council.code}.pdf")


@login_required
def reconciliation(request: HttpRequest) -> HttpResponse:
    commune = _commune(request)
    if not reconciliation_is_readable(actor_of(request)):
        raise PermissionDenied(_("The reconciliation is for the comptroller."))
    rows = selectors.reconciliations(commune)
    entries = Entry.objects.of(commune).order_by("sequence")
    flagged = [
        (r, list(entries.filter(reference=round_reference(r.round)))) for r in rows if r.flagged
    ]
    return render(request, "distribution/reconciliation.html", {"rows": rows, "flagged": flagged})


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    commune = _commune(request)
    actor = actor_of(request)
    if not reports_are_readable(actor):
        raise PermissionDenied(_("Reports name households: they are for the roles that serve."))
    # The counts cover the commune; the households named, only those the reader may read.
    readable = households_readable(actor)
    sections = []
    for programme in Programme.objects.of(commune):
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
                "not_reached": selectors.households_not_reached(programme, readable=readable),
            }
        )
    return render(request, "distribution/reports.html", {"sections": sections})


@login_required
def household(request: HttpRequest, pk: int) -> HttpResponse:
    target = household_for_user(actor_of(request), pk)
    places = list(selectors.household_rounds(target)[:24])
    received = selectors.deliveries_of(target)
    language = get_language() or "es"
    rows = [(e, e.explanation(language), received.get(e.round_id)) for e in places]
    return render(
        request,
        "distribution/household.html",
        {
            "household": target,
            "rows": rows,
            "latest": rows[0] if rows else None,
            "served": sum(1 for e, _why, _d in rows if e.awarded),
            "collected": sum(1 for _e, _why, d in rows if d is not None),
        },
    )


def public(request: HttpRequest) -> HttpResponse:
    """Aggregates only: households served and units delivered per round."""
    commune = _commune(request)
    rounds: list[Round] = list(
        Round.objects.of(commune)
        .exclude(status=RoundStatus.DRAFT)
        .select_related("programme")
        .annotate(
            served=Count("entitlements", filter=Q(entitlements__awarded__gt=0)),
            listed=Count("entitlements"),
        )
        # Meta.ordering is not applied to aggregating queries: newest first, said here.
        .order_by("-distribution_on", "-id")[:24]
    )
    delivered = dict(
        Delivery.objects.of(commune)
        .filter(round__in=[r.pk for r in rounds])
        .values("round")
        .annotate(n=Sum("quantity"))
        .values_list("round", "n")
    )
    for r in rounds:
        r.units_delivered = delivered.get(r.pk, 0)  # type: ignore[attr-defined]
    return render(request, "distribution/public.html", {"rounds": rounds})
