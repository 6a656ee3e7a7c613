"""Reading the census: councils, households, search and the card scanner's lookup."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from comuna.census.access import (
    census_is_editable,
    council_for_user,
    council_is_editable,
    councils_are_editable,
    household_for_card,
    household_for_user,
    households_readable,
)
from comuna.census.models import HouseholdStatus
from comuna.census.selectors import councils_with_counts, households_listed, people_search
from comuna.core.web import render
from comuna.users.actors import actor_of


@login_required
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    councils = councils_with_counts(actor)
    can_edit = census_is_editable(actor)
    if not can_edit and len(actor.household_ids) == 1 and councils.count() == 1:
        # A resident has one household to see: take them straight there.
        (household_id,) = actor.household_ids
        return redirect("census:household", pk=household_id)
    return render(
        request,
        "census/index.html",
        {
            "councils": councils,
            "can_edit": can_edit,
            "can_add_council": councils_are_editable(actor),
        },
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    results = list(people_search(actor_of(request), query)) if len(query) >= 2 else []
    partial = request.headers.get("HX-Request") == "true"
    template = "census/_search_results.html" if partial else "census/search.html"
    return render(request, template, {"query": query, "results": results})


@login_required
def card_lookup(request: HttpRequest) -> HttpResponse:
    """Where a scanned household card (or a typed card code) leads."""
    code = request.GET.get("code", "").strip()
    if not code:
        return render(request, "census/card_lookup.html", {})
    # A scanned card gives the whole address (…/censo/carnet/?code=ABC); a typed one, the code.
    if "code=" in code:
        code = parse_qs(urlsplit(code).query).get("code", [""])[0]
    household = household_for_card(actor_of(request), code)
    return redirect("census:household", pk=household.pk)


@login_required
def council_detail(request: HttpRequest, code: str) -> HttpResponse:
    actor = actor_of(request)
    council = council_for_user(actor, code)
    households = households_listed(households_readable(actor).filter(council=council))
    sector = request.GET.get("sector")
    if sector and sector.isdigit():
        households = households.filter(sector_id=int(sector))
    page = Paginator(households, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "census/council.html",
        {
            "council": council,
            "page": page,
            "sectors": council.sectors.all(),
            "sector": sector,
            "can_edit": council_is_editable(actor, council),
            "can_rename": councils_are_editable(actor),
        },
    )


@login_required
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    household = household_for_user(actor, pk)
    members = household.members.order_by("status", "-is_head", "birth_date")
    events = household.events.select_related("person", "recorded_by")[:30]
    return render(
        request,
        "census/household.html",
        {
            "household": household,
            "members": members,
            "events": events,
            "can_edit": council_is_editable(actor, household.council)
            and household.status == HouseholdStatus.ACTIVE,
        },
    )
