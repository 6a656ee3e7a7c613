"""Registrations: the public form a commune sends, the page where it follows it (by the link
it was given), and the officers' review (accept, or return with a reason)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.core.once import ONCE_FIELD
from comuna.core.web import apply, form_errors_flash, pdf_response, render, run
from comuna.federation import access, services
from comuna.federation.forms import RegistrationForm, ReturnForm
from comuna.federation.models import Registration, RegistrationStatus
from comuna.users.actors import acting_user


def _token(request: HttpRequest) -> str | None:
    token = request.POST.get(ONCE_FIELD, "")
    return token[:64] if token else None


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """The registration form, open to anyone (a commune registering has no login here yet)."""
    form = RegistrationForm(request.POST or None, request.FILES or None)
    done: list[Registration] = []

    def record() -> None:
        done.append(services.registration_submit(data=form.registration(), token=_token(request)))

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Registration sent. Keep this page's address to follow it."))
        return redirect("federation:registration_status", ref=done[0].uuid)
    return render(
        request,
        "federation/register.html",
        {"form": form, "title": _("Register a commune"), "returned": None},
    )


def _by_ref(ref: uuid.UUID) -> Registration:
    found = Registration.objects.filter(uuid=ref).select_related("city").first()
    if found is None:
        raise Http404(_("There is no such registration."))
    return found


@require_http_methods(["GET", "POST"])
def registration_status(request: HttpRequest, ref: uuid.UUID) -> HttpResponse:
    """Where the commune follows its registration (the link is its key: it was given it on
    sending); a returned one shows the officer's reason and the form to send it corrected.
    The spokespeople are not shown here."""
    registration = _by_ref(ref)
    returned = registration.status == RegistrationStatus.RETURNED
    initial = {
        "commune_uuid": registration.commune_uuid,
        "code": registration.code,
        "name": registration.name,
        "municipality": registration.municipality,
        "state": registration.state,
        "city": registration.city_id,
        "assembly_on": registration.assembly_on,
        "registered_voters": registration.registered_voters,
        "present": registration.present,
        "votes_for": registration.votes_for,
        "votes_against": registration.votes_against,
        "abstentions": registration.abstentions,
    }
    form = RegistrationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        if not returned:
            raise Http404(_("Only a returned registration is corrected and sent again."))

        def record() -> None:
            services.registration_submit(
                data=form.registration(), token=_token(request), resubmit=registration
            )

        if apply(form, record):
            messages.success(request, _("Registration sent again."))
            return redirect("federation:registration_status", ref=registration.uuid)
    return render(
        request,
        "federation/register.html",
        {
            "form": form if returned else None,
            "registration": registration,
            "title": _("Registration of %(name)s") % {"name": registration.name},
        },
    )


@login_required
def registrations(request: HttpRequest) -> HttpResponse:
    shown = (
        access.registrations_readable(request.user)
        .select_related("city", "commune")
        .order_by("status", "-submitted_at")[:500]
    )
    if not access.is_officer(request.user):
        raise Http404(_("This page is for the federation's officers."))
    return render(request, "federation/registrations.html", {"registrations": shown})


@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = access.registration_for(request.user, pk)
    return render(
        request,
        "federation/registration.html",
        {
            "registration": registration,
            "spokespeople": registration.spokespeople.all(),
            "return_form": ReturnForm(),
            "pending": registration.status == RegistrationStatus.PENDING,
        },
    )


@login_required
def registration_acta(request: HttpRequest, pk: int) -> HttpResponse:
    registration = access.registration_for(request.user, pk)
    return pdf_response(bytes(registration.acta), f"acta-{registration.code}.pdf")


@login_required
@require_POST
def registration_accept(request: HttpRequest, pk: int) -> HttpResponse:
    registration = access.registration_for(request.user, pk)
    run(
        request,
        lambda: services.registration_accept(registration=registration, by=acting_user(request)),
        _("Registration accepted: the commune is part of the communal city."),
    )
    return redirect("federation:registration", pk=pk)


@login_required
@require_POST
def registration_return(request: HttpRequest, pk: int) -> HttpResponse:
    registration = access.registration_for(request.user, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        form_errors_flash(request, form)
        return redirect("federation:registration", pk=pk)
    run(
        request,
        lambda: services.registration_return(
            registration=registration, by=acting_user(request), reason=form.cleaned_data["reason"]
        ),
        _("Registration returned to the commune with the reason."),
    )
    return redirect(reverse("federation:registration", args=[pk]))
