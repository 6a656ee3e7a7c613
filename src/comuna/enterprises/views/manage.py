"""The enterprises' pages: the list, one enterprise with its workers, create and edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comuna.census.identity import search_words
from comuna.census.models import Person, PersonStatus
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, render
from comuna.enterprises import access, services
from comuna.enterprises.accounts import accounts_of
from comuna.enterprises.forms import (
    EnterpriseEditForm,
    EnterpriseForm,
    PersonSearchForm,
    WorkerEndForm,
    WorkerForm,
)
from comuna.enterprises.models import Enterprise, Worker
from comuna.enterprises.selectors import diesel_left_ml
from comuna.users.actors import actor_of
from comuna.users.models import Role, User


@login_required
def enterprise_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    access.require_enterprises_listed(actor)
    enterprises = access.enterprises_readable(actor).order_by("name")
    return render(
        request,
        "enterprises/list.html",
        {"enterprises": enterprises, "month": f"{timezone.localdate():%Y-%m}"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_create(request: HttpRequest) -> HttpResponse:
    access.require_enterprises_managed(actor_of(request))
    form = EnterpriseForm(request.POST or None)
    made: list[Enterprise] = []

    def create() -> None:
        d = form.cleaned_data
        made.append(
            services.enterprise_create(
                commune=commune_of(request),
                name=d["name"],
                kind=d["kind"],
                description=d["description"],
            )
        )

    if request.method == "POST" and apply(form, create):
        messages.success(request, _("The enterprise is created, with its accounts in the books."))
        return redirect("enterprises:detail", made[0].pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("New enterprise"), "back": reverse("enterprises:list")},
    )


@login_required
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    enterprise = access.enterprise_for_user(actor, pk)
    today = timezone.localdate()
    return render(
        request,
        "enterprises/detail.html",
        {
            "enterprise": enterprise,
            "workers": enterprise.workers.select_related("person", "login").order_by(
                "until", "job", "person__last_names"
            ),
            "accounts": accounts_of(enterprise),
            "diesel_left": diesel_left_ml(enterprise, on=today),
            "month": f"{today:%Y-%m}",
            "manage": access.enterprises_are_managed(actor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = access.enterprise_for_user(actor_of(request), pk, manage=True)
    form = EnterpriseEditForm(
        request.POST or None,
        initial={
            "name": enterprise.name,
            "description": enterprise.description,
            "active": enterprise.active,
        },
    )

    def update() -> None:
        d = form.cleaned_data
        services.enterprise_update(
            enterprise=enterprise, name=d["name"], description=d["description"], active=d["active"]
        )

    back = reverse("enterprises:detail", args=[enterprise.pk])
    if request.method == "POST" and apply(form, update):
        messages.success(request, _("Saved."))
        return redirect(back)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": enterprise.name}, "back": back},
    )


def _people_found(enterprise: Enterprise, query: str) -> QuerySet[Person]:
    words = search_words(query)
    people = Person.objects.of(enterprise.commune_id).filter(status=PersonStatus.ACTIVE)
    if not words:
        return people.none()
    for word in words[:6]:
        people = people.filter(search_text__contains=word)
    return people.select_related("household", "household__council").order_by(
        "last_names", "first_names"
    )[:20]


def _logins(enterprise: Enterprise) -> QuerySet[User]:
    """The commune's logins that work in its enterprises (a worker's or a manager's role)."""
    return (
        User.objects.filter(
            memberships__commune_id=enterprise.commune_id,
            memberships__role__in=[Role.ENTERPRISE_WORKER, Role.ENTERPRISE_MANAGER],
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )


@login_required
@require_http_methods(["GET", "POST"])
def worker_add(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = access.enterprise_for_user(actor_of(request), pk, manage=True)
    search = PersonSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    people = _people_found(enterprise, query)
    if request.method == "POST":
        # The person chosen is one of those the search found: search again with what was sent.
        sent = str(request.POST.get("person", ""))
        people = Person.objects.of(enterprise.commune_id).filter(
            pk=int(sent) if sent.isdigit() and len(sent) < 18 else 0, status=PersonStatus.ACTIVE
        )
    form = WorkerForm(request.POST or None, people=people, logins=_logins(enterprise))

    def add() -> None:
        d = form.cleaned_data
        login = _logins(enterprise).filter(pk=d["login"]).first() if d["login"] else None
        services.worker_add(
            enterprise=enterprise,
            person=people.get(pk=d["person"]),
            job=d["job"],
            since=d["since"],
            login=login,
        )

    back = reverse("enterprises:detail", args=[enterprise.pk])
    if request.method == "POST" and apply(form, add):
        messages.success(request, _("The worker is added."))
        return redirect(back)
    return render(
        request,
        "enterprises/worker_add.html",
        {
            "enterprise": enterprise,
            "search": search,
            "query": query,
            "found": bool(people),
            "form": form,
            "back": back,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def worker_end(request: HttpRequest, pk: int, worker: int) -> HttpResponse:
    actor = actor_of(request)
    enterprise = access.enterprise_for_user(actor, pk, manage=True)
    job: Worker = access.worker_for_user(actor, enterprise, worker)
    form = WorkerEndForm(request.POST or None)
    back = reverse("enterprises:detail", args=[enterprise.pk])
    if request.method == "POST" and apply(
        form, lambda: services.worker_end(worker=job, until=form.cleaned_data["until"])
    ):
        messages.success(request, _("The job has ended."))
        return redirect(back)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("End the job of %(worker)s") % {"worker": job},
            "back": back,
            "submit_label": _("End the job"),
        },
    )
