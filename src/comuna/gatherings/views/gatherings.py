"""Gatherings: the public page with the draft, amendments and the adopted declaration, and
the organisers' pages (delegates, sessions and their speakers' lists, the votes)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.core.web import apply, back, form_errors_flash, form_page, pdf_response, render, run
from comuna.gatherings import access, documents, selectors, services
from comuna.gatherings.forms import (
    AmendmentForm,
    AskForm,
    DelegateForm,
    GatheringForm,
    PresenceForm,
    SessionForm,
    VoteForm,
)
from comuna.gatherings.models import Amendment, Gathering, Organisation, Session, Speaker, Vote
from comuna.users.actors import acting_user


@login_required
@require_http_methods(["GET", "POST"])
def gathering_create(request: HttpRequest) -> HttpResponse:
    actor = access.actor_federation(request)
    access.officer_require(actor)
    form = GatheringForm(request.POST or None)
    form.offer(access.units_organised(actor))
    done: list[Gathering] = []

    def record() -> None:
        done.append(services.gathering_convene(**form.cleaned_data, by=acting_user(request)))

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Gathering convened."))
        return redirect("gatherings:gathering", pk=done[0].pk)
    return form_page(request, form, _("Convene a gathering"), reverse("gatherings:index"))


def gathering_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor_federation(request)
    gathering = access.gathering_for(actor, pk)
    amendments = gathering.amendments.select_related("paragraph", "organisation")
    return render(
        request,
        "gatherings/gathering.html",
        {
            "gathering": gathering,
            "paragraphs": gathering.paragraphs.all(),
            "amendments": amendments,
            "adopted": selectors.declaration_adopted(gathering),
            "organiser": access.is_organiser(actor, gathering.unit_id),
            "sessions": gathering.sessions.all(),
            "organisations": gathering.delegates.values("organisation__name").distinct().count(),
            "delegates": gathering.delegates.count(),
        },
    )


def declaration_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = access.gathering_for(access.actor_federation(request), pk)
    if gathering.status != Gathering.Status.ADOPTED:
        raise Http404(_("The declaration has not been adopted."))
    name = slugify(gathering.name) or "encuentro"
    return pdf_response(documents.declaration_pdf(gathering), f"declaracion-{name}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def delegates(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = access.gathering_organise(access.actor_federation(request), pk)
    form = DelegateForm(request.POST or None)

    def record() -> None:
        services.delegate_register(
            gathering=gathering, **form.cleaned_data, by=acting_user(request)
        )

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Delegate registered."))
        return redirect("gatherings:delegates", pk=gathering.pk)
    shown = gathering.delegates.select_related("organisation", "commune")
    return render(
        request,
        "gatherings/delegates.html",
        {
            "gathering": gathering,
            "form": form,
            "delegates": shown,
            "quorum": services.gathering_quorum(gathering),
        },
    )


@login_required
@require_POST
def delegate_presence(request: HttpRequest, pk: int, delegate: int) -> HttpResponse:
    gathering = access.gathering_organise(access.actor_federation(request), pk)
    found = access.delegate_of(gathering, delegate)
    form = PresenceForm(request.POST)
    present = form.is_valid() and form.cleaned_data["present"]
    run(
        request,
        lambda: services.delegate_presence_set(
            delegate=found, present=present, by=acting_user(request)
        ),
    )
    return back(reverse("gatherings:delegates", args=[gathering.pk]), f"delegate-{found.pk}")


@login_required
@require_POST
def delegate_withdraw(request: HttpRequest, pk: int, delegate: int) -> HttpResponse:
    gathering = access.gathering_organise(access.actor_federation(request), pk)
    found = access.delegate_of(gathering, delegate)
    run(
        request,
        lambda: services.delegate_withdraw(delegate=found, by=acting_user(request)),
        _("Delegate withdrawn."),
    )
    return back(reverse("gatherings:delegates", args=[gathering.pk]), "delegate-list")


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = access.gathering_organise(access.actor_federation(request), pk)
    form = SessionForm(request.POST or None)
    done: list[Session] = []

    def record() -> None:
        done.append(
            services.session_open(gathering=gathering, **form.cleaned_data, by=acting_user(request))
        )

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Session added."))
        return redirect("gatherings:session", pk=done[0].pk)
    return form_page(
        request, form, _("Add a session"), reverse("gatherings:gathering", args=[gathering.pk])
    )


def _ask_form(session: Session, data: object = None) -> AskForm:
    form = AskForm(data)  # type: ignore[arg-type]
    form.offer(session.gathering.delegates.select_related("organisation").order_by("name"))
    return form


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair's page: who has the floor, who waits, in order."""
    session = access.session_organise(access.actor_federation(request), pk)
    speakers = session.speakers.select_related("delegate__organisation").order_by("position")
    return render(
        request,
        "gatherings/session.html",
        {
            "session": session,
            "gathering": session.gathering,
            "speaking": next((s for s in speakers if s.status == Speaker.Status.SPEAKING), None),
            "waiting": [s for s in speakers if s.status == Speaker.Status.WAITING],
            "done": [s for s in speakers if s.status == Speaker.Status.DONE],
            "form": _ask_form(session),
        },
    )


@login_required
@require_POST
def session_ask(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.session_organise(access.actor_federation(request), pk)
    form = _ask_form(session, request.POST)
    if form.is_valid():
        delegate = form.cleaned_data["delegate"]
        run(
            request,
            lambda: services.speaker_ask(
                session=session, delegate=delegate, by=acting_user(request)
            ),
        )
    else:
        form_errors_flash(request, form)
    return back(reverse("gatherings:session", args=[session.pk]), "speakers")


@login_required
@require_POST
def session_next(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.session_organise(access.actor_federation(request), pk)
    run(request, lambda: services.speaker_next(session=session, by=acting_user(request)))
    return back(reverse("gatherings:session", args=[session.pk]), "speakers")


@login_required
@require_POST
def session_done(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.session_organise(access.actor_federation(request), pk)
    run(request, lambda: services.speaker_done(session=session, by=acting_user(request)))
    return back(reverse("gatherings:session", args=[session.pk]), "speakers")


@login_required
@require_http_methods(["GET", "POST"])
def amendment_create(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = access.gathering_organise(access.actor_federation(request), pk)
    form = AmendmentForm(request.POST or None)
    form.offer(Organisation.objects.filter(pk__in=gathering.delegates.values("organisation_id")))
    done: list[Amendment] = []

    def record() -> None:
        data = form.cleaned_data
        done.append(
            services.amendment_propose(
                gathering=gathering,
                paragraph_number=data["paragraph"],
                kind=data["kind"],
                text=data["text"],
                organisation=data["organisation"],
                by=acting_user(request),
            )
        )

    if request.method == "POST" and apply(form, record):
        messages.success(request, _("Amendment recorded: it goes to the vote."))
        return redirect("gatherings:amendment", pk=done[0].pk)
    return form_page(
        request,
        form,
        _("Record an amendment"),
        reverse("gatherings:gathering", args=[gathering.pk]),
    )


def _roll_call(gathering: Gathering, amendment: Amendment | None) -> dict[str, object]:
    votes = dict(gathering.votes.filter(amendment=amendment).values_list("delegate_id", "choice"))
    present = (
        gathering.delegates.filter(present=True).select_related("organisation").order_by("name")
    )
    return {
        "roll": [(d, votes.get(d.pk)) for d in present],
        "tally": services.tally_of(gathering, amendment),
        "quorum": services.gathering_quorum(gathering),
        "choices": Vote.Choice.choices,
    }


@login_required
def amendment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = access.amendment_organise(access.actor_federation(request), pk)
    gathering = amendment.gathering
    return render(
        request,
        "gatherings/amendment.html",
        {"amendment": amendment, "gathering": gathering, **_roll_call(gathering, amendment)},
    )


def _vote(request: HttpRequest, gathering: Gathering, amendment: Amendment | None) -> None:
    form = VoteForm(request.POST)
    if not form.is_valid():
        form_errors_flash(request, form)
        return
    delegate = access.delegate_of(gathering, form.cleaned_data["delegate"])
    run(
        request,
        lambda: services.vote_cast(
            gathering=gathering,
            amendment=amendment,
            delegate=delegate,
            choice=form.cleaned_data["choice"],
            by=acting_user(request),
        ),
    )


@login_required
@require_POST
def amendment_vote(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = access.amendment_organise(access.actor_federation(request), pk)
    _vote(request, amendment.gathering, amendment)
    return back(reverse("gatherings:amendment", args=[amendment.pk]), "roll")


@login_required
@require_POST
def amendment_count(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = access.amendment_organise(access.actor_federation(request), pk)
    run(
        request,
        lambda: services.amendment_count(amendment=amendment, by=acting_user(request)),
        _("Votes counted."),
    )
    return back(reverse("gatherings:amendment", args=[amendment.pk]))


@login_required
@require_POST
def amendment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = access.amendment_organise(access.actor_federation(request), pk)
    run(
        request,
        lambda: services.amendment_withdraw(amendment=amendment, by=acting_user(request)),
        _("Amendment withdrawn."),
    )
    return back(reverse("gatherings:amendment", args=[amendment.pk]))


@login_required
def final_vote(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = access.gathering_organise(access.actor_federation(request), pk)
    pending = gathering.amendments.filter(status=Amendment.Status.PROPOSED)
    return render(
        request,
        "gatherings/final_vote.html",
        {
            "gathering": gathering,
            "pending": pending,
            "adopted": selectors.declaration_adopted(gathering),
            **_roll_call(gathering, None),
        },
    )


@login_required
@require_POST
def final_vote_cast(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = access.gathering_organise(access.actor_federation(request), pk)
    _vote(request, gathering, None)
    return back(reverse("gatherings:final_vote", args=[gathering.pk]), "roll")


@login_required
@require_POST
def final_vote_count(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = access.gathering_organise(access.actor_federation(request), pk)
    if run(
        request,
        lambda: services.declaration_count(gathering=gathering, by=acting_user(request)),
        _("Votes counted."),
    ):
        return redirect("gatherings:gathering", pk=gathering.pk)
    return back(reverse("gatherings:final_vote", args=[gathering.pk]))
