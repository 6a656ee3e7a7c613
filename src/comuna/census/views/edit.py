"""Changing the census: each view parses a form, checks access, calls one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.census import services
from comuna.census.access import (
    council_for_user,
    councils_are_editable,
    councils_editable,
    household_as_destination,
    household_for_user,
    person_for_user,
    sector_for_user,
)
from comuna.census.forms import (
    CouncilEditForm,
    CouncilForm,
    DatedForm,
    HouseholdEditForm,
    HouseholdForm,
    HouseholdMoveForm,
    PersonForm,
    PersonMoveForm,
    SectorForm,
)
from comuna.census.models import Household, Person
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, form_page
from comuna.users.actors import acting_user, actor_of


@login_required
@require_http_methods(["GET", "POST"])
def household_create(request: HttpRequest, code: str) -> HttpResponse:
    council = council_for_user(actor_of(request), code, write=True)
    form = HouseholdForm(request.POST or None, council=council)
    created: list[Household] = []
    if request.method == "POST" and apply(
        form,
        lambda: created.append(
            services.household_create(council=council, by=acting_user(request), **form.cleaned_data)
        ),
    ):
        messages.success(request, _("Household registered. Now add its members."))
        return redirect("census:person_create", pk=created[0].pk)
    title = _("New household in %(council)s") % {"council": council}
    return form_page(request, form, title, council.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request: HttpRequest, pk: int) -> HttpResponse:
    household = household_for_user(actor_of(request), pk, write=True)
    initial = {
        "address": household.address,
        "sector": household.sector,
        "cylinders_10kg": household.cylinders_10kg,
        "cylinders_18kg": household.cylinders_18kg,
        "cylinders_43kg": household.cylinders_43kg,
        "piped_gas": household.piped_gas,
    }
    form = HouseholdEditForm(request.POST or None, council=household.council, initial=initial)
    if request.method == "POST" and apply(
        form,
        lambda: services.household_update(
            household=household, by=acting_user(request), **form.cleaned_data
        ),
    ):
        messages.success(request, _("Household saved."))
        return redirect("census:household", pk=household.pk)
    title = _("Edit household %(household)s") % {"household": household.label}
    return form_page(request, form, title, household.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def household_move(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    household = household_for_user(actor, pk, write=True)
    # Into a council the actor may change: a spokesperson moves households within theirs.
    councils = councils_editable(actor)
    form = HouseholdMoveForm(
        request.POST or None,
        councils=councils,
        initial={"council": household.council, "reference": household.reference},
    )

    def move() -> None:
        services.household_move(
            household=household,
            council=form.cleaned_data["council"],
            reference=form.cleaned_data["reference"],
            address=form.cleaned_data["address"],
            actor=actor,
            on=form.cleaned_data["on"],
            by=acting_user(request),
        )

    if request.method == "POST" and apply(form, move):
        messages.success(request, _("Household moved."))
        return redirect("census:household", pk=household.pk)
    title = _("Move household %(household)s") % {"household": household.label}
    return form_page(request, form, title, household.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def household_leave(request: HttpRequest, pk: int) -> HttpResponse:
    household = household_for_user(actor_of(request), pk, write=True)
    form = DatedForm(request.POST or None)
    if request.method == "POST" and apply(
        form,
        lambda: services.household_leave(
            household=household, on=form.cleaned_data["on"], by=acting_user(request)
        ),
    ):
        messages.success(request, _("The household is marked as having left the commune."))
        return redirect("census:household", pk=household.pk)
    title = _("Household %(household)s left the commune") % {"household": household.label}
    warning = _("Every member still living here will be marked as departed. Nothing is deleted.")
    return form_page(request, form, title, household.get_absolute_url(), warning=warning)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, pk: int) -> HttpResponse:
    household = household_for_user(actor_of(request), pk, write=True)
    form = PersonForm(request.POST or None, initial={"is_head": not household.members.exists()})
    if request.method == "POST" and apply(
        form,
        lambda: services.person_create(
            household=household, by=acting_user(request), **form.cleaned_data
        ),
    ):
        messages.success(request, _("Person registered."))
        if "another" in request.POST:
            return redirect("census:person_create", pk=household.pk)
        return redirect("census:household", pk=household.pk)
    title = _("New member of household %(household)s") % {"household": household.label}
    return form_page(request, form, title, household.get_absolute_url(), add_another=True)


def _person_initial(person: Person) -> dict[str, Any]:
    return {
        field: getattr(person, field)
        for field in (
            "first_names",
            "last_names",
            "national_id",
            "birth_date",
            "sex",
            "is_head",
            "disability",
            "pregnant",
            "chronic_illness",
        )
    }


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(actor_of(request), pk, write=True)
    form = PersonForm(request.POST or None, initial=_person_initial(person))
    if request.method == "POST" and apply(
        form,
        lambda: services.person_update(person=person, by=acting_user(request), **form.cleaned_data),
    ):
        messages.success(request, _("Person saved."))
        return redirect("census:household", pk=person.household_id)
    title = _("Edit %(name)s") % {"name": person.full_name}
    return form_page(request, form, title, person.household.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def person_move(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    person = person_for_user(actor, pk, write=True)
    # A spokesperson is told which councils she may move people into: her own.
    codes = (
        None if actor.is_admin else list(councils_editable(actor).values_list("code", flat=True))
    )
    form = PersonMoveForm(request.POST or None, councils=codes)

    def move() -> None:
        code, reference = form.cleaned_data["household"]
        services.person_move(
            person=person,
            household=household_as_destination(actor, code, reference),
            actor=actor,
            on=form.cleaned_data["on"],
            by=acting_user(request),
        )

    if request.method == "POST" and apply(form, move):
        messages.success(request, _("Person moved."))
        return redirect("census:household", pk=person.household_id)
    title = _("Move %(name)s to another household") % {"name": person.full_name}
    return form_page(request, form, title, person.household.get_absolute_url())


def _person_close(
    request: HttpRequest,
    pk: int,
    service: Callable[..., Person],
    title: str,
    done: str,
) -> HttpResponse:
    person = person_for_user(actor_of(request), pk, write=True)
    form = DatedForm(request.POST or None)
    if request.method == "POST" and apply(
        form, lambda: service(person=person, on=form.cleaned_data["on"], by=acting_user(request))
    ):
        messages.success(request, done)
        return redirect("census:household", pk=person.household_id)
    return form_page(
        request,
        form,
        title % {"name": person.full_name},
        person.household.get_absolute_url(),
        warning=_("The record and its history are kept; nothing is deleted."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_death(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_close(
        request,
        pk,
        services.person_mark_deceased,
        _("Record the death of %(name)s"),
        _("The death is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_departure(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_close(
        request,
        pk,
        services.person_mark_departed,
        _("%(name)s left the commune"),
        _("The departure is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request: HttpRequest) -> HttpResponse:
    commune = commune_of(request)
    if not councils_are_editable(actor_of(request)):
        raise PermissionDenied(_("Only an administrator registers councils."))
    form = CouncilForm(request.POST or None)
    if request.method == "POST" and apply(
        form, lambda: services.council_create(commune=commune, **form.cleaned_data)
    ):
        messages.success(request, _("Council registered."))
        return redirect("census:council", code=form.cleaned_data["code"].strip().upper())
    return form_page(request, form, _("New communal council"), reverse("census:index"))


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request: HttpRequest, code: str) -> HttpResponse:
    actor = actor_of(request)
    council = council_for_user(actor, code)
    if not councils_are_editable(actor):
        raise PermissionDenied(_("Only an administrator renames councils."))
    form = CouncilEditForm(request.POST or None, initial={"name": council.name})
    if request.method == "POST" and apply(
        form, lambda: services.council_update(council=council, **form.cleaned_data)
    ):
        messages.success(request, _("Council saved."))
        return redirect(council)
    title = _("Rename council %(code)s") % {"code": council.code}
    return form_page(request, form, title, council.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def sector_create(request: HttpRequest, code: str) -> HttpResponse:
    council = council_for_user(actor_of(request), code, write=True)
    form = SectorForm(request.POST or None)
    if request.method == "POST" and apply(
        form, lambda: services.sector_create(council=council, **form.cleaned_data)
    ):
        messages.success(request, _("Sector registered."))
        return redirect(council)
    title = _("New sector in %(council)s") % {"council": council}
    return form_page(request, form, title, council.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def sector_edit(request: HttpRequest, pk: int) -> HttpResponse:
    sector = sector_for_user(actor_of(request), pk, write=True)
    form = SectorForm(request.POST or None, initial={"name": sector.name})
    if request.method == "POST" and apply(
        form, lambda: services.sector_rename(sector=sector, **form.cleaned_data)
    ):
        messages.success(request, _("Sector saved."))
        return redirect(sector.council)
    title = _("Rename sector %(name)s") % {"name": sector.name}
    return form_page(request, form, title, sector.council.get_absolute_url())
