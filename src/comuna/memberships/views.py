"""The commune menu, the administrators' page of who holds which role, and the commune's
settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.census.models import Household
from comuna.core import network
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.selectors import communes_listed
from comuna.core.services import commune_settings_save
from comuna.core.tenancy import SESSION_KEY, commune_of
from comuna.core.web import apply, render
from comuna.memberships.access import (
    check_commune_settings_changeable,
    check_memberships_manageable,
    membership_for_actor,
)
from comuna.memberships.forms import CommuneChoiceForm, CommuneSettingsForm, MembershipForm
from comuna.memberships.selectors import communes_of, memberships_of_commune
from comuna.memberships.services import membership_grant, membership_revoke, user_create
from comuna.users.actors import actor_of
from comuna.users.models import Role, User


def _safe_next(request: HttpRequest, target: str) -> str:
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()})
    return target if target and allowed else "/"


@require_http_methods(["GET", "POST"])
def communes(request: HttpRequest) -> HttpResponse:
    """Choose the commune to work in (a member) or to read the public figures of (anyone)."""
    listed = communes_of(request.user) if request.user.is_authenticated else communes_listed()
    form = CommuneChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = listed.filter(pk=form.cleaned_data["commune"]).first()
        if chosen is not None:
            request.session[SESSION_KEY] = chosen.pk
            return redirect(_safe_next(request, form.cleaned_data["next"]))
        messages.error(request, _("That commune is not among yours."))
    return render(
        request,
        "memberships/communes.html",
        {
            "communes": listed,
            "form": form,
            "next": request.GET.get("next", request.POST.get("next", "")),
        },
    )


def _household_by_code(commune: Commune, code: str) -> Household | None:
    council_code, _sep, reference = code.strip().upper().partition("-")
    if not reference:
        return None
    return (
        Household.objects.of(commune)
        .filter(council__code=council_code, reference=reference)
        .first()
    )


def _grant(request: HttpRequest, form: MembershipForm, commune: Commune) -> bool:
    data = form.cleaned_data
    household = None
    if data["household"]:
        household = _household_by_code(commune, data["household"])
        if household is None:
            form.add_error("household", _("There is no household with that code."))
            return False
    user = User.objects.filter(username__iexact=data["username"].strip()).first()
    try:
        if user is None:
            if not data["password"]:
                form.add_error("password", _("A new login needs a password."))
                return False
            user = user_create(username=data["username"], password=data["password"])
        membership_grant(
            commune=commune,
            user=user,
            role=Role(data["role"]),
            council=data["council"],
            household=household,
            organ=data["organ"],
            granted_by=request.user if isinstance(request.user, User) else None,
        )
    except Refusal as refusal:
        form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    check_memberships_manageable(actor)
    commune = commune_of(request)
    form = MembershipForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid() and _grant(request, form, commune):
        messages.success(request, _("Role given."))
        return redirect("memberships:members")
    return render(
        request,
        "memberships/members.html",
        {"form": form, "memberships": memberships_of_commune(commune)},
    )


@login_required
@require_POST
def member_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for_actor(actor_of(request), pk)
    try:
        membership_revoke(
            membership=membership,
            revoked_by=request.user if isinstance(request.user, User) else None,
        )
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("%(username)s no longer holds that role.") % {"username": membership.user}
        )
    return redirect("memberships:members")


@login_required
@require_http_methods(["GET", "POST"])
def commune_settings(request: HttpRequest) -> HttpResponse:
    """The commune's name and the address for phones that its cards' QR codes lead to; with
    the addresses this computer has on the wifi when ``comuna serve --lan`` serves it."""
    check_commune_settings_changeable(actor_of(request))
    commune = commune_of(request)
    form = CommuneSettingsForm(
        request.POST or None, initial={"name": commune.name, "public_url": commune.public_url}
    )
    if request.method == "POST" and apply(
        form,
        lambda: commune_settings_save(
            commune=commune,
            name=form.cleaned_data["name"],
            public_url=form.cleaned_data["public_url"],
        ),
    ):
        messages.success(request, _("Settings saved."))
        return redirect("memberships:commune_settings")
    return render(
        request,
        "memberships/commune_settings.html",
        {"form": form, "phone_urls": network.served_phone_urls(), "commune": commune},
    )
