"""The brigades' pages: the list, one brigade with its members and funding, create and edit,
the members' comings and goings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.brigades import access, services
from comuna.brigades.forms import (
    BrigadeForm,
    MemberEditForm,
    MemberEndForm,
    MemberForm,
    PersonSearchForm,
)
from comuna.brigades.models import Brigade, BrigadeKind, SalaryMonth, ShiftSwap, SwapStatus
from comuna.brigades.selectors import member_of_login, members_active
from comuna.census.identity import search_words
from comuna.census.models import Council, Person, PersonStatus
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, render, run
from comuna.users.actors import actor_of
from comuna.users.models import User


@login_required
def brigade_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    access.require_brigades_listed(actor)
    brigades = (
        access.brigades_readable(actor)
        .select_related("council")
        .annotate(people=Count("members", filter=Q(members__left_on__isnull=True)))
        .order_by("kind", "council__code", "name")
    )
    council = str(request.GET.get("consejo", ""))
    if council.isdigit() and len(council) < 18:
        brigades = brigades.filter(council_id=int(council))
    kinds = dict(BrigadeKind.choices)
    groups: dict[str, list[Brigade]] = {}
    for brigade in brigades:
        groups.setdefault(str(kinds.get(brigade.kind, brigade.kind)), []).append(brigade)
    return render(
        request,
        "brigades/list.html",
        {
            "groups": groups,
            "councils": Council.objects.of(commune_of(request)).order_by("code"),
            "council": council,
            "manage": access.brigades_are_managed(actor),
        },
    )


def _brigade_form(request: HttpRequest, initial: dict[str, Any] | None = None) -> BrigadeForm:
    return BrigadeForm(
        request.POST or None,
        initial=initial,
        councils=Council.objects.of(commune_of(request)).order_by("code"),
    )


def _council(request: HttpRequest, form: BrigadeForm) -> Council | None:
    pk = form.cleaned_data["council"]
    return Council.objects.of(commune_of(request)).filter(pk=pk).first() if pk else None


@login_required
@require_http_methods(["GET", "POST"])
def brigade_create(request: HttpRequest) -> HttpResponse:
    access.require_brigades_managed(actor_of(request))
    form = _brigade_form(request)
    made: list[Brigade] = []

    def create() -> None:
        d = form.cleaned_data
        made.append(
            services.brigade_create(
                commune=commune_of(request),
                name=d["name"],
                kind=d["kind"],
                other_kind=d["other_kind"],
                council=_council(request, form),
                funder=d["funder"],
                description=d["description"],
            )
        )

    if request.method == "POST" and apply(form, create):
        messages.success(request, _("The brigade is created."))
        return redirect("brigades:detail", made[0].pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("New brigade or committee"), "back": reverse("brigades:list")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def brigade_edit(request: HttpRequest, pk: int) -> HttpResponse:
    brigade = access.brigade_for_user(actor_of(request), pk, edit=True)
    form = _brigade_form(
        request,
        initial={
            "name": brigade.name,
            "kind": brigade.kind,
            "other_kind": brigade.other_kind,
            "council": brigade.council_id,
            "funder": brigade.funder,
            "description": brigade.description,
            "active": brigade.active,
        },
    )

    def update() -> None:
        d = form.cleaned_data
        services.brigade_update(
            brigade=brigade,
            name=d["name"],
            kind=d["kind"],
            other_kind=d["other_kind"],
            council=_council(request, form),
            funder=d["funder"],
            description=d["description"],
            active=d["active"],
        )

    back = reverse("brigades:detail", args=[brigade.pk])
    if request.method == "POST" and apply(form, update):
        messages.success(request, _("Saved."))
        return redirect(back)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": brigade.name}, "back": back},
    )


@login_required
def brigade_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    brigade = access.brigade_for_user(actor, pk)
    swaps = (
        ShiftSwap.objects.of(brigade.commune_id)
        .filter(brigade=brigade, status=SwapStatus.ASKED)
        .select_related("mine__member__person", "theirs__member__person")
    )
    return render(
        request,
        "brigades/detail.html",
        {
            "brigade": brigade,
            "members": members_active(brigade).order_by(
                "-is_spokesperson", "person__last_names", "person__first_names"
            ),
            "salaries": SalaryMonth.objects.of(brigade.commune_id).filter(brigade=brigade)[:12],
            "swaps": [(swap, access.swap_is_decided_by(actor, swap)) for swap in swaps],
            "manage": access.brigade_is_managed(actor, brigade),
            "edit": access.brigades_are_managed(actor),
            "me": member_of_login(actor, brigade),
            "month": f"{timezone.localdate():%Y-%m}",
        },
    )


def _people_found(brigade: Brigade, query: str) -> QuerySet[Person]:
    words = search_words(query)
    people = Person.objects.of(brigade.commune_id).filter(status=PersonStatus.ACTIVE)
    if not words:
        return people.none()
    for word in words[:6]:
        people = people.filter(search_text__contains=word)
    if brigade.council_id is not None:
        people = people.filter(household__council_id=brigade.council_id)
    return people.select_related("household", "household__council").order_by(
        "last_names", "first_names"
    )[:20]


def _logins(brigade: Brigade) -> QuerySet[User]:
    """The commune's active logins, to link to a member."""
    return (
        User.objects.filter(memberships__commune_id=brigade.commune_id, is_active=True)
        .distinct()
        .order_by("username")
    )


def _login(brigade: Brigade, pk: int | None) -> User | None:
    return _logins(brigade).filter(pk=pk).first() if pk else None


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    brigade = access.brigade_for_user(actor_of(request), pk, manage=True)
    search = PersonSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    people = _people_found(brigade, query)
    if request.method == "POST":
        sent = str(request.POST.get("person", ""))
        people = Person.objects.of(brigade.commune_id).filter(
            pk=int(sent) if sent.isdigit() and len(sent) < 18 else 0, status=PersonStatus.ACTIVE
        )
    form = MemberForm(request.POST or None, people=people, logins=_logins(brigade))

    def add() -> None:
        d = form.cleaned_data
        services.member_add(
            brigade=brigade,
            person=people.get(pk=d["person"]),
            joined_on=d["joined_on"],
            skills=d["skills"],
            is_spokesperson=d["is_spokesperson"],
            login=_login(brigade, d["login"]),
        )

    back = reverse("brigades:detail", args=[brigade.pk])
    if request.method == "POST" and apply(form, add):
        messages.success(request, _("The member is added."))
        return redirect(back)
    return render(
        request,
        "brigades/member_add.html",
        {
            "brigade": brigade,
            "search": search,
            "query": query,
            "found": bool(people),
            "form": form,
            "back": back,
        },
    )


def _member_form(
    request: HttpRequest,
    pk: int,
    member_pk: int,
    make: Callable[..., Any],
    act: Callable[..., Any],
    *,
    title: str,
    done: str,
    submit: str,
) -> HttpResponse:
    actor = actor_of(request)
    brigade = access.brigade_for_user(actor, pk, manage=True)
    member = access.member_for_user(actor, brigade, member_pk)
    form = make(brigade, member)
    back = reverse("brigades:detail", args=[brigade.pk])
    if request.method == "POST" and apply(form, lambda: act(brigade, member, form.cleaned_data)):
        messages.success(request, done)
        return redirect(back)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": title % {"person": member.person},
            "back": back,
            "submit_label": submit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    return _member_form(
        request,
        pk,
        member,
        lambda b, m: MemberEditForm(
            request.POST or None,
            initial={"skills": m.skills, "login": m.login_id},
            logins=_logins(b),
        ),
        lambda b, m, d: services.member_update(
            member=m, skills=d["skills"], login=_login(b, d["login"])
        ),
        title=_("Skills and login of %(person)s"),
        done=_("Saved."),
        submit=_("Save"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_end(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    return _member_form(
        request,
        pk,
        member,
        lambda b, m: MemberEndForm(request.POST or None),
        lambda b, m, d: services.member_end(member=m, left_on=d["left_on"]),
        title=_("%(person)s leaves the brigade"),
        done=_("The membership has ended."),
        submit=_("End the membership"),
    )


@login_required
@require_POST
def member_spokesperson(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    actor = actor_of(request)
    brigade = access.brigade_for_user(actor, pk, edit=True)
    chosen = access.member_for_user(actor, brigade, member)
    run(
        request,
        lambda: services.spokesperson_name(member=chosen),
        _("%(person)s is the brigade's spokesperson.") % {"person": chosen.person.full_name},
    )
    return redirect("brigades:detail", brigade.pk)
