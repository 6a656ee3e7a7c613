"""The commune's pages: the consultation as its assembly holds it (the meeting, the votes,
the closed result with the fingerprint of the minutes)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comuna.consultations import access, services
from comuna.consultations.forms import HoldingStartForm, VotesForm
from comuna.consultations.models import Consultation, Holding, HoldingCount, HoldingStatus
from comuna.core.models import Commune
from comuna.core.tenancy import CommuneNotChosen
from comuna.core.web import form_errors_flash, render, run
from comuna.governance.models import Meeting, MeetingStatus, OrganKind
from comuna.governance.selectors import meeting_quorum
from comuna.users.actors import Actor, acting_user, actor_of


def _meetings(commune: Commune, consultation: Consultation) -> QuerySet[Meeting]:
    """The meetings of the commune's citizens' assembly within the consultation's dates."""
    return (
        Meeting.objects.of(commune)
        .filter(
            organ__kind=OrganKind.ASSEMBLY,
            organ__council__isnull=True,
            date__gte=consultation.opens_on,
            date__lte=consultation.closes_on,
        )
        .exclude(status=MeetingStatus.CLOSED)
        .select_related("organ")
        .order_by("date")
    )


def _votes_form(request: HttpRequest | None, holding: Holding) -> VotesForm:
    counts = dict(
        HoldingCount.objects.of(holding.commune_id)
        .filter(holding=holding)
        .values_list("option_id", "votes")
    )
    options = list(holding.consultation.options.order_by("position"))
    data = request.POST if request is not None else None
    return VotesForm(data, options=options, initial_counts=counts, initial={"blank": holding.blank})


def _holding_page(request: HttpRequest, actor: Actor, consultation: Consultation) -> HttpResponse:
    holding = access.holding_of(actor, consultation)
    manage = access.holding_is_manageable(actor)
    context: dict[str, object] = {
        "consultation": consultation,
        "holding": holding,
        "manage": manage,
        "options": consultation.options.order_by("position"),
    }
    if holding is None and manage and actor.commune is not None:
        form = HoldingStartForm()
        form.offer(_meetings(actor.commune, consultation))
        context["start_form"] = form
    if holding is not None:
        context["counts"] = (
            HoldingCount.objects.of(holding.commune_id)
            .filter(holding=holding)
            .select_related("option")
            .order_by("option__position")
        )
        context["quorum"] = meeting_quorum(holding.meeting)
        if manage and holding.status == HoldingStatus.RECORDING:
            context["votes_form"] = _votes_form(None, holding)
    return render(request, "consultations/holding.html", context)


def _commune_actor(request: HttpRequest) -> Actor:
    """The actor in the request's commune; with several communes here and none chosen, the
    menu of communes first (these pages are about one commune)."""
    actor = actor_of(request)
    if actor.commune is None and getattr(request, "communes_several", False):
        raise CommuneNotChosen
    return actor


@login_required
def holding(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _commune_actor(request)
    return _holding_page(request, actor, access.consultation_for_commune(actor, pk))


def _manage(request: HttpRequest, pk: int) -> tuple[Actor, Consultation]:
    actor = _commune_actor(request)
    consultation = access.consultation_for_commune(actor, pk)
    access.holding_manage_require(actor)
    return actor, consultation


def _holding_required(actor: Actor, consultation: Consultation) -> Holding:
    holding = access.holding_of(actor, consultation)
    if holding is None:
        raise Http404(_("Your commune does not hold this consultation yet."))
    return holding


@login_required
@require_POST
def holding_start(request: HttpRequest, pk: int) -> HttpResponse:
    actor, consultation = _manage(request, pk)
    commune = actor.commune
    if commune is None:  # holding_manage_require saw to it; this tells mypy
        raise Http404
    form = HoldingStartForm(request.POST)
    form.offer(_meetings(commune, consultation))
    if form.is_valid():
        meeting = form.cleaned_data["meeting"]
        run(
            request,
            lambda: services.holding_start(
                commune=commune, consultation=consultation, meeting=meeting, by=acting_user(request)
            ),
            _("The consultation is on the assembly's agenda."),
        )
    else:
        form_errors_flash(request, form)
    return redirect("consultations:holding", pk=pk)


@login_required
@require_POST
def holding_votes(request: HttpRequest, pk: int) -> HttpResponse:
    actor, consultation = _manage(request, pk)
    holding = _holding_required(actor, consultation)
    form = _votes_form(request, holding)
    if form.is_valid():
        run(
            request,
            lambda: services.holding_record(
                holding=holding,
                counts=form.counts(),
                blank=form.cleaned_data["blank"],
                by=acting_user(request),
            ),
            _("The assembly's votes are recorded."),
        )
    else:
        form_errors_flash(request, form)
    return redirect("consultations:holding", pk=pk)


@login_required
@require_POST
def holding_close(request: HttpRequest, pk: int) -> HttpResponse:
    actor, consultation = _manage(request, pk)
    holding = _holding_required(actor, consultation)
    if run(
        request,
        lambda: services.holding_close(holding=holding, by=acting_user(request)),
        _("The result is closed with the fingerprint of the minutes."),
    ):
        messages.info(request, _("The next synchronisation carries it to the federation."))
    return redirect("consultations:holding", pk=pk)
