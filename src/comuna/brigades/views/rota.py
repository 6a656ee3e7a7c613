"""The rota: a month of shifts with the hours served, adding and removing shifts, swaps,
who is on duty now (a phone page) and the printable month."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.brigades import access, services
from comuna.brigades.documents import rota_pdf
from comuna.brigades.forms import ShiftForm, SwapForm
from comuna.brigades.models import Shift
from comuna.brigades.selectors import (
    hours_served,
    member_of_login,
    members_active,
    month_parse,
    on_duty,
    shifts_of_month,
)
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, pdf_response, render, run
from comuna.users.actors import acting_user, actor_of


def _month(text: str) -> str:
    return text if month_parse(text) else f"{timezone.localdate():%Y-%m}"


@login_required
def rota(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    brigade = access.brigade_for_user(actor, pk)
    month_text = _month(str(request.GET.get("mes", "")))
    month = month_parse(month_text)
    assert month is not None  # noqa: S101 - _month gives a month
    previous = (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    me = member_of_login(actor, brigade)
    return render(
        request,
        "brigades/rota.html",
        {
            "brigade": brigade,
            "month": month,
            "month_text": month_text,
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}",
            "shifts": shifts_of_month(brigade, month),
            "served": hours_served(brigade, month),
            "manage": access.brigade_is_managed(actor, brigade),
            "me": me,
            "now": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def shift_add(request: HttpRequest, pk: int) -> HttpResponse:
    brigade = access.brigade_for_user(actor_of(request), pk, manage=True)
    members = members_active(brigade).order_by("person__last_names", "person__first_names")
    form = ShiftForm(request.POST or None, members=members)

    def add() -> None:
        starts_at, ends_at = form.period()
        services.shift_add(
            brigade=brigade,
            member=members.get(pk=form.cleaned_data["member"]),
            starts_at=starts_at,
            ends_at=ends_at,
            note=form.cleaned_data["note"],
        )

    back = reverse("brigades:rota", args=[brigade.pk])
    if request.method == "POST" and apply(form, add):
        messages.success(request, _("The shift is on the rota."))
        month = f"{form.cleaned_data['day']:%Y-%m}"
        return redirect(f"{back}?mes={month}")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("New shift: %(brigade)s") % {"brigade": brigade.name},
            "back": back,
            "submit_label": _("Add to the rota"),
        },
    )


@login_required
@require_POST
def shift_remove(request: HttpRequest, pk: int, shift: int) -> HttpResponse:
    actor = actor_of(request)
    brigade = access.brigade_for_user(actor, pk, manage=True)
    found = access.shift_for_user(actor, brigade, shift)
    month = f"{timezone.localtime(found.starts_at):%Y-%m}"
    run(request, lambda: services.shift_remove(shift=found), _("The shift is off the rota."))
    return redirect(f"{reverse('brigades:rota', args=[brigade.pk])}?mes={month}")


@login_required
def rota_print(request: HttpRequest, pk: int, month: str) -> HttpResponse:
    brigade = access.brigade_for_user(actor_of(request), pk)
    first = month_parse(month)
    if first is None:
        raise Http404(_("No such month."))
    return pdf_response(rota_pdf(brigade, first), f"turnos-{brigade.pk}-{month}.pdf")


@login_required
def duty_now(request: HttpRequest) -> HttpResponse:
    """Who is on duty now, in every brigade the person may read: a page for the phone."""
    actor = actor_of(request)
    access.require_brigades_listed(actor)
    brigades = access.brigades_readable(actor).filter(active=True)
    now = timezone.now()
    commune = commune_of(request)
    upcoming = (
        Shift.objects.of(commune)
        .filter(brigade__in=brigades, starts_at__gt=now)
        .select_related("brigade", "member__person")
        .order_by("starts_at")[:10]
    )
    return render(
        request,
        "brigades/duty.html",
        {"shifts": on_duty(commune, brigades, at=now), "upcoming": upcoming, "now": now},
    )


@login_required
@require_http_methods(["GET", "POST"])
def swap_ask(request: HttpRequest, pk: int, shift: int) -> HttpResponse:
    actor = actor_of(request)
    brigade = access.brigade_for_user(actor, pk)
    mine = access.shift_for_user(actor, brigade, shift)
    if not access.swap_is_asked_by(actor, mine):
        raise Http404(_("Only the member on that shift asks to swap it."))
    others = (
        Shift.objects.of(brigade.commune_id)
        .filter(brigade=brigade, starts_at__gt=timezone.now())
        .exclude(member__person_id=mine.member.person_id)
        .select_related("member__person")
        .order_by("starts_at")
    )
    form = SwapForm(request.POST or None, shifts=others[:60])

    def ask() -> None:
        services.swap_ask(mine=mine, theirs=others.get(pk=form.cleaned_data["theirs"]))

    back = reverse("brigades:rota", args=[brigade.pk])
    if request.method == "POST" and apply(form, ask):
        messages.success(
            request, _("The swap is asked; the other member or the spokesperson decides.")
        )
        return redirect(back)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Swap my shift of %(when)s")
            % {"when": f"{timezone.localtime(mine.starts_at):%d/%m %H:%M}"},
            "back": back,
            "submit_label": _("Ask for the swap"),
        },
    )


@login_required
@require_POST
def swap_decide(request: HttpRequest, pk: int, swap: int) -> HttpResponse:
    actor = actor_of(request)
    brigade = access.brigade_for_user(actor, pk)
    found = access.swap_for_user(actor, brigade, swap)
    user = acting_user(request)
    if request.POST.get("decision") == "accept":
        run(
            request,
            lambda: services.swap_complete(swap=found, by=user),
            _("The shifts are swapped."),
        )
    else:
        run(request, lambda: services.swap_decline(swap=found, by=user), _("The swap is declined."))
    return redirect("brigades:detail", brigade.pk)
