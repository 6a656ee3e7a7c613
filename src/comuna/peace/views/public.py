"""The public page of peace: counts only, no name, no report's text, no case's party."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from comuna.core.charts import bar_chart
from comuna.core.tenancy import commune_of
from comuna.core.web import render
from comuna.peace import selectors
from comuna.peace.access import cases_are_listed, rounds_are_readable, rounds_are_recordable
from comuna.users.actors import actor_of


def public(request: HttpRequest) -> HttpResponse:
    figures = selectors.peace_figures(commune_of(request), today=timezone.localdate())
    return render(
        request,
        "peace/public.html",
        {
            "figures": figures,
            "rounds_chart": bar_chart([(t.label, t.count) for t in figures.rounds_by_month]),
            "category_chart": bar_chart([(t.label, t.count) for t in figures.reports_by_category]),
        },
    )


def index(request: HttpRequest) -> HttpResponse:
    """Where peace begins: the rounds, the cases and the public figures, as the reader may."""
    actor = actor_of(request)
    return render(
        request,
        "peace/index.html",
        {
            "rounds": rounds_are_readable(actor),
            "record": rounds_are_recordable(actor),
            "cases": cases_are_listed(actor),
        },
    )
