"""Programmes and rounds: create, open with the rationing result, re-run, close."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.census.access import councils_readable
from comuna.core.models import Commune
from comuna.core.tenancy import commune_of
from comuna.core.web import apply, form_errors_flash, form_page, render
from comuna.distribution import selectors, services
from comuna.distribution.access import (
    distribution_is_managed,
    distribution_is_readable,
    programme_for_user,
    round_for_user,
    tables_are_workable,
)
from comuna.distribution.forms import CloseForm, OpenForm, ProgrammeForm, RoundForm
from comuna.distribution.models import Programme, Round
from comuna.users.actors import acting_user, actor_of


def _commune(request: HttpRequest) -> Commune:
    return commune_of(request)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    commune = _commune(request)
    actor = actor_of(request)
    if not distribution_is_readable(actor):
        if actor.is_resident:
            return redirect("distribution:household", pk=min(actor.household_ids))
        raise Http404(_("No rounds in your reach."))
    return render(
        request,
        "distribution/index.html",
        {
            "rounds": selectors.rounds_listed(commune),
            "programmes": Programme.objects.of(commune),
            "can_manage": distribution_is_managed(actor),
            "can_work": tables_are_workable(actor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    commune = _commune(request)
    actor = actor_of(request)
    if not distribution_is_managed(actor):
        raise PermissionDenied(_("Only the administrator manages programmes."))
    programme = programme_for_user(actor, pk) if pk is not None else None
    initial = {f: getattr(programme, f) for f in ProgrammeForm.base_fields} if programme else None
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and apply(
        form,
        lambda: services.programme_save(commune=commune, programme=programme, **form.cleaned_data),
    ):
        messages.success(request, _("Programme saved."))
        return redirect("distribution:index")
    title = _("Edit programme %(name)s") % {"name": programme} if programme else _("New programme")
    return form_page(request, form, title, "/reparto/")


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    commune = _commune(request)
    if not distribution_is_managed(actor_of(request)):
        raise PermissionDenied(_("Only the administrator creates rounds."))
    form = RoundForm(request.POST or None)
    form.fields["programme"].queryset = Programme.objects.of(  # type: ignore[attr-defined]
        commune
    ).filter(active=True)
    created: list[Round] = []
    if request.method == "POST" and apply(
        form, lambda: created.append(services.round_create(**form.cleaned_data))
    ):
        messages.success(request, _("Round created. Open it to freeze its list."))
        return redirect(created[0])
    return form_page(request, form, _("New round"), "/reparto/")


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    round_ = round_for_user(actor, pk)
    council = request.GET.get("council", "")
    readable = councils_readable(actor).values_list("code", flat=True)
    entitlements = (
        round_.entitlements.filter(group__in=list(readable))
        .select_related("household", "household__council")
        .order_by("group", "priority", "queue_position")
    )
    if council:
        entitlements = entitlements.filter(group=council)
    page = Paginator(entitlements, 100).get_page(request.GET.get("page"))
    delivered = set(
        round_.deliveries.filter(
            household_id__in=[e.household_id for e in page.object_list]
        ).values_list("household_id", flat=True)
    )
    return render(
        request,
        "distribution/round.html",
        {
            "round": round_,
            "totals": selectors.round_totals(round_),
            "page": page,
            "delivered": delivered,
            "council": council,
            "councils": list(readable),
            "language": get_language() or "es",
            "open_form": OpenForm(),
            "close_form": CloseForm(),
            "can_manage": distribution_is_managed(actor),
            "can_work": tables_are_workable(actor),
            "table_numbers": range(1, round_.tables + 1),
            "coverage": selectors.coverage_by_council(round_),
        },
    )


@login_required
@require_POST
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_for_user(actor_of(request), pk, manage=True)
    form = OpenForm(request.POST)
    if apply(
        form,
        lambda: services.round_open(
            round=round_, seed=form.data.get("seed", ""), by=acting_user(request)
        ),
    ):
        messages.success(request, _("Round opened: its list is frozen."))
    else:
        form_errors_flash(request, form)
    return redirect(round_)


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_for_user(actor_of(request), pk, manage=True)
    form = CloseForm(request.POST)
    if apply(
        form,
        lambda: services.round_close(
            round=round_,
            remaining_counted=form.cleaned_data["remaining_counted"],
            by=acting_user(request),
        ),
    ):
        messages.success(request, _("Round closed and posted to the books."))
    else:
        form_errors_flash(request, form)
    return redirect(round_)


@login_required
def round_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_for_user(actor_of(request), pk)
    if not round_.input_hash:
        raise Http404(_("This round has no list yet."))
    return render(
        request,
        "distribution/rerun.html",
        {"round": round_, "rerun": selectors.round_rerun(round_)},
    )
