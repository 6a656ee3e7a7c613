"""Organs and seats with their history, elections and recalls, and the statute."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.census.access import people_readable
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, form_errors_flash, render
from comuna.governance import services
from comuna.governance.access import (
    organs_readable,
    petition_for_user,
    seat_for_user,
    seats_are_editable,
    signatures_are_visible,
    statute_is_editable,
)
from comuna.governance.forms import (
    RecallPetitionForm,
    SeatAssignForm,
    SignaturesForm,
    StatuteForm,
)
from comuna.governance.models import RecallPetition, Seat
from comuna.governance.selectors import statute_for
from comuna.governance.views.base import form_page
from comuna.users.actors import acting_user, actor_of


@login_required
def organs(request: HttpRequest) -> HttpResponse:
    """The organs and who holds each seat: spokespeople are public office holders."""
    actor = actor_of(request)
    readable = organs_readable(actor)
    seats = Seat.objects.of(commune_of(request)).select_related("holder", "substitute", "council")
    organ_list = (
        readable.filter(council__isnull=True)
        .prefetch_related(Prefetch("seats", queryset=seats.order_by("id")))
        .order_by("id")
    )
    assemblies = readable.filter(council__isnull=False).select_related("council")
    return render(
        request,
        "governance/organs.html",
        {
            "organs": organ_list,
            "assemblies": assemblies.order_by("council__code"),
            "can_edit": seats_are_editable(actor),
        },
    )


@login_required
def seat_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    seat = seat_for_user(actor, pk)
    terms = seat.terms.select_related("holder", "substitute", "decision").order_by(
        "-started_on", "-id"
    )
    petitions = seat.recall_petitions.select_related("holder").annotate(
        n_signatures=Count("signatures")
    )
    return render(
        request,
        "governance/seat.html",
        {
            "seat": seat,
            "terms": terms,
            "petitions": petitions,
            "can_edit": seats_are_editable(actor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def seat_assign(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    seat = seat_for_user(actor, pk, write=True)
    form = SeatAssignForm(request.POST or None, people=people_readable(actor))
    if request.method == "POST" and apply(
        form,
        lambda: services.seat_assign(seat=seat, by=acting_user(request), **form.cleaned_data),
    ):
        messages.success(request, _("Seat assigned. The previous term is kept in its history."))
        return redirect(seat)
    title = _("Assign the seat “%(seat)s”") % {"seat": seat}
    return form_page(request, form, title, seat.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def petition_open(request: HttpRequest, pk: int) -> HttpResponse:
    seat = seat_for_user(actor_of(request), pk, write=True)
    form = RecallPetitionForm(request.POST or None)
    opened: list[RecallPetition] = []
    if request.method == "POST" and apply(
        form,
        lambda: opened.append(
            services.recall_petition_open(
                seat=seat, reason=form.cleaned_data["reason"], by=acting_user(request)
            )
        ),
    ):
        messages.success(request, _("Recall petition opened. Now type in its signatures."))
        return redirect(opened[0])
    title = _("Recall petition for “%(seat)s”") % {"seat": seat}
    return form_page(request, form, title, seat.get_absolute_url())


@login_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    petition = petition_for_user(actor, pk)
    show_signers = signatures_are_visible(actor)
    signers = (
        petition.signatures.select_related("person__household").order_by("pk")
        if show_signers
        else None
    )
    return render(
        request,
        "governance/petition.html",
        {
            "petition": petition,
            "signature_count": petition.signatures.count(),
            "signers": signers,
            "votes": petition.votes.select_related("meeting__organ"),
            "can_edit": seats_are_editable(actor),
            "form": SignaturesForm(),
        },
    )


@login_required
@require_http_methods(["POST"])
def petition_sign(request: HttpRequest, pk: int) -> HttpResponse:
    petition = petition_for_user(actor_of(request), pk, write=True)
    form = SignaturesForm(request.POST)
    results: list[services.SignResult] = []
    if apply(
        form,
        lambda: results.append(
            services.recall_petition_sign(
                petition=petition,
                national_ids=form.cleaned_data["national_ids"],
                by=acting_user(request),
            )
        ),
    ):
        result = results[0]
        messages.success(
            request,
            _("%(added)s signatures added, %(already)s had already signed.")
            % {"added": len(result.added), "already": len(result.already)},
        )
    else:
        form_errors_flash(request, form)
    return redirect(petition)


@login_required
@require_http_methods(["GET", "POST"])
def statute(request: HttpRequest) -> HttpResponse:
    commune = commune_of(request)
    current = statute_for(commune)
    editable = statute_is_editable(actor_of(request))
    if request.method == "POST" and not editable:
        raise PermissionDenied(_("Only the administrator changes the statute."))
    form = StatuteForm(request.POST or None, instance=current)
    if request.method == "POST" and apply(
        form,
        lambda: services.statute_update(
            commune=commune,
            by=acting_user(request),
            majorities=form.majorities(),
            **{k: v for k, v in form.cleaned_data.items() if not k.startswith("majority_")},
        ),
    ):
        messages.success(request, _("Statute saved. New meetings follow it from now on."))
        return redirect("governance:statute")
    return render(
        request,
        "governance/statute.html",
        {"form": form, "statute": current, "can_edit": editable, "today": timezone.localdate()},
    )
