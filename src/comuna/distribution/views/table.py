"""The distribution day at a table: find the household (card QR or name), deliver or say why not."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comuna.census.models import Household, Person
from comuna.census.selectors import households_by_label, members_living, people_search
from comuna.core.refusals import Refusal
from comuna.core.web import form_errors_lines, render
from comuna.distribution import services
from comuna.distribution.access import household_at_table, households_at_table, round_for_user
from comuna.distribution.forms import DeliveryForm, NonDeliveryForm
from comuna.distribution.models import (
    Delivery,
    Entitlement,
    NonDelivery,
    NonDeliveryReason,
    Round,
)
from comuna.users.actors import acting_user, actor_of


@dataclass
class Found:
    """A household as the table sees it: its place in the round and what happened."""

    household: Household
    entitlement: Entitlement | None
    delivery: Delivery | None
    non_delivery: NonDelivery | None
    explanation: str
    members: list[Person]

    @property
    def head(self) -> Person | None:
        return next((p for p in self.members if p.is_head), None)


def _found(round_: Round, households: list[Household]) -> list[Found]:
    ids = [h.pk for h in households]
    ents = {e.household_id: e for e in round_.entitlements.filter(household_id__in=ids)}
    dels = {d.household_id: d for d in round_.deliveries.filter(household_id__in=ids)}
    nons = {n.household_id: n for n in round_.non_deliveries.filter(household_id__in=ids)}
    language = get_language() or "es"
    members = members_living(households)
    return [
        Found(
            h,
            ents.get(h.pk),
            dels.get(h.pk),
            nons.get(h.pk),
            ents[h.pk].explanation(language)
            if h.pk in ents
            else _("Not on this round's list: the programme does not cover this household."),
            members[h.pk],
        )
        for h in households
    ]


def _lookup(request: HttpRequest, round_: Round, query: str) -> list[Household]:
    query = query.strip()
    if not query:
        return []
    if "code=" in query:
        query = parse_qs(urlsplit(query).query).get("code", [query])[0]
    actor = actor_of(request)
    reachable = households_at_table(actor).select_related("council")
    by_card = list(reachable.filter(card_code=query.upper()))
    if by_card:
        return by_card
    by_label = list(households_by_label(reachable, query))
    if by_label:
        return by_label
    people = people_search(actor, query, limit=20)
    ids = list(dict.fromkeys(p.household_id for p in people))
    return list(reachable.filter(pk__in=ids))


@login_required
def table_page(request: HttpRequest, pk: int, table: int) -> HttpResponse:
    round_ = round_for_user(actor_of(request), pk, table=True)
    if not 1 <= table <= round_.tables:
        raise Http404(_("This round has no such table."))
    return render(
        request,
        "distribution/table.html",
        {
            "round": round_,
            "table": table,
            "recent": round_.deliveries.filter(table=table).select_related(
                "household", "household__council"
            )[:10],
        },
    )


@login_required
def table_lookup(request: HttpRequest, pk: int, table: int) -> HttpResponse:
    round_ = round_for_user(actor_of(request), pk, table=True)
    query = request.GET.get("q", "")
    found = _found(round_, _lookup(request, round_, query))
    return render(
        request,
        "distribution/_found.html",
        {
            "round": round_,
            "table": table,
            "found": found,
            "query": query.strip(),
            "reasons": NonDeliveryReason.choices,
        },
    )


@dataclass(frozen=True)
class Outcome:
    """What the table just did, said in words: ``tone`` is ``delivered``, ``recorded`` (a
    reason for not delivering) or ``refused``, each shown and announced differently."""

    tone: str
    title: str
    text: str


def _result(
    request: HttpRequest, round_: Round, table: int, household: Household, outcome: Outcome
) -> HttpResponse:
    return render(
        request,
        "distribution/_found.html",
        {
            "round": round_,
            "table": table,
            "found": _found(round_, [household]),
            "outcome": outcome,
            "reasons": NonDeliveryReason.choices,
        },
        status=200,
    )


def _refused(request: HttpRequest, round_: Round, form: forms.Form) -> HttpResponse:
    """A table's form sent with a field refused: the reason where the household was shown."""
    refused = Outcome("refused", _("Nothing was recorded"), " ".join(form_errors_lines(form)))
    context = {"round": round_, "found": [], "outcome": refused}
    return render(request, "distribution/_found.html", context, status=400)


@login_required
@require_POST
def delivery_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    round_ = round_for_user(actor, pk, table=True)
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        return _refused(request, round_, form)
    household = household_at_table(actor, form.cleaned_data["household"])
    table = form.cleaned_data["table"]
    try:
        delivery = services.delivery_record(
            round=round_,
            household=household,
            by=acting_user(request),
            table=table,
            collected_by=form.cleaned_data["collected_by"],
            proxy_name=form.cleaned_data["proxy_name"],
        )
    except Refusal as refusal:
        refused = Outcome("refused", _("Cannot be delivered"), refusal.message)
        return _result(request, round_, table, household, refused)
    ok = _("Delivered %(n)d to %(h)s.") % {"n": delivery.quantity, "h": household.label}
    return _result(request, round_, table, household, Outcome("delivered", _("Delivered"), ok))


@login_required
@require_POST
def non_delivery_create(request: HttpRequest, pk: int, table: int) -> HttpResponse:
    actor = actor_of(request)
    round_ = round_for_user(actor, pk, table=True)
    form = NonDeliveryForm(request.POST)
    if not form.is_valid():
        return _refused(request, round_, form)
    household = household_at_table(actor, form.cleaned_data["household"])
    try:
        recorded = services.non_delivery_record(
            round=round_,
            household=household,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            by=acting_user(request),
        )
    except Refusal as refusal:
        refused = Outcome("refused", _("The reason was not recorded"), refusal.message)
        return _result(request, round_, table, household, refused)
    reason = recorded.get_reason_display()
    said = _("Reason recorded: %(reason)s.") % {"reason": reason}
    return _result(request, round_, table, household, Outcome("recorded", _("Not delivered"), said))
