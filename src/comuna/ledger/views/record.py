"""Short forms for non-accountants: each posts the right double entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from comuna.core.models import Commune
from comuna.core.web import apply, render
from comuna.ledger import services
from comuna.ledger.access import keeps_books, require_books, require_forms
from comuna.ledger.forms import EmergencyForm, TransferForm
from comuna.ledger.models import Entry
from comuna.ledger.selectors import accounts_of
from comuna.ledger.views.base import the_commune
from comuna.users.actors import actor_of
from comuna.users.models import User

# (Recyclables collected and sold are the recycling yard's to record, diesel the enterprises'.)
KINDS = {
    "emergencia": gettext_lazy("The emergency fund paid for a family's need"),
}


@login_required
def record_index(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    require_forms(actor)
    return render(
        request,
        "ledger/record_index.html",
        {"kinds": KINDS.items(), "keeps_books": keeps_books(actor)},
    )


def _post(form: forms.Form, commune: Commune, user: User, kind: str) -> Callable[[], list[Entry]]:
    def action() -> list[Entry]:
        d: dict[str, Any] = form.cleaned_data
        common = {"commune": commune, "date": d["date"], "by": user.username, "token": d["token"]}
        return services.emergency_aid_record(
            cents=d["amount"], what=d["what"], case=d["case"], **common
        )

    return action


@login_required
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, kind: str) -> HttpResponse:
    commune = the_commune(request)
    user = require_forms(actor_of(request))
    if kind not in KINDS:
        return redirect("ledger:record_index")
    data = request.POST or None
    form: forms.Form = EmergencyForm(data)
    posted: list[Entry] = []
    action = _post(form, commune, user, kind)
    if request.method == "POST" and apply(form, lambda: posted.extend(action())):
        _report(request, posted)
        return redirect("ledger:record_index")
    return render(
        request,
        "core/form.html",
        {"form": form, "title": KINDS[kind], "back": reverse("ledger:record_index")},
    )


def _report(request: HttpRequest, posted: list[Entry]) -> None:
    numbers = ", ".join(str(e.sequence) for e in posted)
    if any(e.kind == "proposal" for e in posted):
        messages.warning(
            request,
            _(
                "Recorded as entries %(numbers)s. The payment is large: it waits for another "
                "book-keeper's approval."
            )
            % {"numbers": numbers},
        )
    else:
        messages.success(request, _("Recorded as entries %(numbers)s.") % {"numbers": numbers})


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest) -> HttpResponse:
    commune = the_commune(request)
    user = require_books(actor_of(request))
    form = TransferForm(request.POST or None, accounts=accounts_of(commune))
    posted: list[Entry] = []

    def post() -> None:
        d = form.cleaned_data
        posted.append(
            services.transfer_record(
                commune=commune,
                debit=d["debit"],
                credit=d["credit"],
                amount=d["amount"],
                date=d["date"],
                description=d["description"],
                reference=d["reference"],
                by=user.username,
                token=d["token"],
            )
        )

    if request.method == "POST" and apply(form, post):
        _report(request, posted)
        return redirect("ledger:books")
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Any transfer"), "back": reverse("ledger:books")},
    )
