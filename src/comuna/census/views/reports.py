"""Statistics with charts, and the printable household cards."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from comuna.census import cards
from comuna.census.access import (
    council_for_aggregates,
    council_for_user,
    councils_readable,
    household_for_user,
    households_readable,
)
from comuna.census.selectors import commune_statistics
from comuna.core.tenancy import commune_of
from comuna.core.web import pdf_response, render
from comuna.users.actors import actor_of


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """The commune's figures, age-sex pyramid, vulnerability counts and people per council."""
    stats = commune_statistics(commune=commune_of(request))
    return render(request, "census/statistics.html", {"stats": stats})


@login_required
def council_statistics(request: HttpRequest, code: str) -> HttpResponse:
    actor = actor_of(request)
    council = council_for_aggregates(actor, code)
    return render(
        request,
        "census/statistics.html",
        {
            "stats": commune_statistics(commune=commune_of(request), council=council),
            "council": council,
            "council_readable": councils_readable(actor).filter(pk=council.pk).exists(),
        },
    )


def _lookup_url(request: HttpRequest) -> str:
    """Where a card's QR leads: the fixed public address when one is set, since the laptop's
    address on the local wifi may change after the cards are printed."""
    path = reverse("census:card_lookup")
    if settings.COMUNA_PUBLIC_URL:
        return settings.COMUNA_PUBLIC_URL.rstrip("/") + path
    return request.build_absolute_uri(path)


@login_required
def household_card_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    household = household_for_user(actor_of(request), pk)
    pdf = cards.household_card_pdf(household, lookup_url=_lookup_url(request))
    return pdf_response(pdf, f"{household.label}.pdf")


@login_required
def council_cards_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """Every card of the council that the user may read, eight to an A4 page."""
    actor = actor_of(request)
    council = council_for_user(actor, code)
    pdf = cards.council_cards_pdf(
        council, lookup_url=_lookup_url(request), readable=households_readable(actor)
    )
    return pdf_response(pdf, f"{council.code}.pdf")
