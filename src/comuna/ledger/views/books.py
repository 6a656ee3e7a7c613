"""The comptroller's view: every account and entry, drill down, verification, corrections,
proposals waiting for a second pair of eyes, and closing and approving statements."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.core.web import apply, form_errors_flash, render, run
from comuna.ledger import services
from comuna.ledger.access import (
    account_for_user,
    entry_for_user,
    require_books,
    require_books_read,
    statement_for_user,
)
from comuna.ledger.errors import bad_entry_describe, loss_describe
from comuna.ledger.forms import AccountForm, ApproveForm, CloseForm, VoidForm, month_bounds
from comuna.ledger.models import Account, Entry, Statement
from comuna.ledger.selectors import (
    accounts_of,
    entries_of_account,
    integrity_cached,
    open_proposals,
)
from comuna.ledger.views.base import the_commune
from comuna.users.actors import actor_of

PAGE = 50


@login_required
def books(request: HttpRequest) -> HttpResponse:
    commune = the_commune(request)
    require_books_read(actor_of(request))
    entries = Entry.objects.of(commune).order_by("-sequence")
    page = Paginator(entries, PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "ledger/books.html",
        {
            "accounts": accounts_of(commune),
            "page": page,
            "integrity": integrity_cached(commune),
            "proposals": open_proposals(commune).count(),
        },
    )


@login_required
@require_POST
def verify_now(request: HttpRequest) -> HttpResponse:
    commune = the_commune(request)
    require_books_read(actor_of(request))
    result = integrity_cached(commune, refresh=True)
    if result.ok:
        messages.success(
            request,
            _("The books verify: %(count)s entries, head %(head)s.")
            % {"count": result.count, "head": result.head},
        )
    else:
        detail = bad_entry_describe(result.first_bad) if result.first_bad else loss_describe(result)
        messages.error(
            request,
            _("The books do NOT verify: %(detail)s")
            % {"detail": detail or _("approved statements changed")},
        )
    return redirect("ledger:books")


@login_required
@require_http_methods(["GET", "POST"])
def account_open(request: HttpRequest) -> HttpResponse:
    commune = the_commune(request)
    require_books(actor_of(request))
    form = AccountForm(request.POST or None)
    opened: list[Account] = []

    def open_account() -> None:
        d = form.cleaned_data
        opened.append(
            services.account_open(
                commune=commune,
                code=d["code"],
                name=d["name"],
                kind=d["kind"],
                unit=d["unit"],
                floor=0 if d["never_below_zero"] else None,
            )
        )

    if request.method == "POST" and apply(form, open_account):
        messages.success(request, _("Account %(account)s is open.") % {"account": opened[0].code})
        return redirect("ledger:books")
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Open an account"), "back": reverse("ledger:books")},
    )


@login_required
def account_detail(request: HttpRequest, code: str) -> HttpResponse:
    commune = the_commune(request)
    account = account_for_user(actor_of(request), code)
    page = Paginator(entries_of_account(commune, code), PAGE).get_page(request.GET.get("page"))
    return render(request, "ledger/account.html", {"account": account, "page": page})


@login_required
def entry_detail(request: HttpRequest, sequence: int) -> HttpResponse:
    commune = the_commune(request)
    entry = entry_for_user(actor_of(request), sequence)
    related = Entry.objects.of(commune).filter(pending_id=entry.sequence)
    reversal = (
        Entry.objects.of(commune).filter(idempotency_key=f"reversal-of-{entry.sequence}").first()
    )
    return render(
        request,
        "ledger/entry.html",
        {"entry": entry, "related": related, "reversal": reversal},
    )


@login_required
@require_POST
def entry_reverse(request: HttpRequest, sequence: int) -> HttpResponse:
    commune = the_commune(request)
    actor = actor_of(request)
    entry = entry_for_user(actor, sequence)  # 404 before 403: an id reveals nothing
    user = require_books(actor)
    run(
        request,
        lambda: services.entry_reverse(
            commune=commune,
            sequence=entry.sequence,
            by=user.username,
            date=timezone.localdate(),
            description=request.POST.get("description", ""),
        ),
        _("Entry %(id)s was reversed by a new entry.") % {"id": entry.sequence},
    )
    return redirect("ledger:entry", sequence=entry.sequence)


@login_required
def proposals(request: HttpRequest) -> HttpResponse:
    commune = the_commune(request)
    user = require_books_read(actor_of(request))
    return render(
        request,
        "ledger/proposals.html",
        {"proposals": open_proposals(commune), "me": user.username, "void_form": VoidForm()},
    )


@login_required
@require_POST
def proposal_resolve(request: HttpRequest, sequence: int) -> HttpResponse:
    commune = the_commune(request)
    actor = actor_of(request)
    entry = entry_for_user(actor, sequence)  # 404 before 403: an id reveals nothing
    user = require_books(actor)
    if request.POST.get("action") == "void":
        form = VoidForm(request.POST)
        if not form.is_valid():
            form_errors_flash(request, form)
            return redirect("ledger:proposals")
        reason = form.cleaned_data["reason"]
        run(
            request,
            lambda: services.proposal_void(
                commune=commune,
                pending_id=entry.sequence,
                by=user.username,
                date=timezone.localdate(),
                reason=str(reason),
            ),
            _("Proposal %(id)s was voided.") % {"id": entry.sequence},
        )
    else:
        run(
            request,
            lambda: services.proposal_approve(
                commune=commune,
                pending_id=entry.sequence,
                by=user.username,
                date=timezone.localdate(),
            ),
            _("Proposal %(id)s was approved and posted.") % {"id": entry.sequence},
        )
    return redirect("ledger:proposals")


@login_required
@require_http_methods(["GET", "POST"])
def statement_close(request: HttpRequest) -> HttpResponse:
    commune = the_commune(request)
    user = require_books(actor_of(request))
    start, end = month_bounds(timezone.localdate().replace(day=1) - dt.timedelta(days=1))
    form = CloseForm(request.POST or None, initial={"start": start, "end": end})
    closed: list[Statement] = []

    def close() -> None:
        data = form.cleaned_data
        closed.append(
            services.statement_close(
                commune=commune, start=data["start"], end=data["end"], label=data["label"], by=user
            )
        )

    if request.method == "POST" and apply(form, close):
        messages.success(request, _("The period is closed."))
        return redirect("ledger:statement", pk=closed[0].pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Close a period"), "back": reverse("ledger:public")},
    )


@login_required
@require_POST
def statement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    statement = statement_for_user(actor, pk)
    user = require_books(actor)
    form = ApproveForm(request.POST)

    def approve() -> None:
        services.statement_approve(
            statement=statement,
            approved_on=form.cleaned_data["approved_on"],
            meeting_reference=form.cleaned_data["meeting_reference"],
            by=user.username,
        )

    if apply(form, approve):
        messages.success(request, _("The approval is recorded."))
    else:
        form_errors_flash(request, form)
    return redirect("ledger:statement", pk=statement.pk)
