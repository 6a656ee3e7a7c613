"""Statistics with charts, and the printable household cards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from comuna.census import cards
from comuna.census.access import (
    council_for_aggregates,
    council_for_user,
    councils_readable,
    household_for_user,
    households_readable,
)
from comuna.census.selectors import commune_statistics
from comuna.core.models import Commune
from comuna.core.tenancy import commune_of
from comuna.core.web import pdf_response, render
from comuna.users.actors import Actor, actor_of


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


def _lookup_url(commune: Commune) -> str | None:
    """Where a card's QR leads: the address the commune set for phones (its settings page, or
    ``comuna commune set-address``), never the request's Host header, which anyone can forge;
    None while it is not set."""
    if not commune.public_url:
        return None
    return commune.public_url + reverse("census:card_lookup")


def _no_address(request: HttpRequest, actor: Actor, back: str) -> HttpResponse:
    """No card prints before the commune has an address for phones: the administrator is
    taken to where it is set, anyone else told whom to ask."""
    if actor.is_admin:
        messages.error(
            request,
            _(
                "Before printing cards, write the address phones on the wifi reach Comuna "
                "at: the QR codes lead there."
            ),
        )
        return redirect("memberships:commune_settings")
    messages.error(
        request,
        _(
            "The cards cannot be printed yet: the administrator must first set the address "
            "phones reach Comuna at, in the commune's settings."
        ),
    )
    return redirect(back)


@login_required
def household_card_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    household = household_for_user(actor, pk)
    lookup_url = _lookup_url(household.council.commune)
    if lookup_url is None:
        return _no_address(request, actor, household.get_absolute_url())
    pdf = cards.household_card_pdf(household, lookup_url=lookup_url)
    return pdf_response(pdf, f"{household.label}.pdf")


@login_required
def council_cards_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """Every card of the council that the user may read, eight to an A4 page."""
    actor = actor_of(request)
    council = council_for_user(actor, code)
    lookup_url = _lookup_url(council.commune)
    if lookup_url is None:
        return _no_address(request, actor, reverse("census:council", args=[council.code]))
    pdf = cards.council_cards_pdf(
        council, lookup_url=lookup_url, readable=households_readable(actor)
    )
    return pdf_response(pdf, f"{council.code}.pdf")
