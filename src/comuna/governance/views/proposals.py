"""Proposals and their votes: show of hands, secret paper ballot with two clerks, roll call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.census.access import people_readable
from comuna.core.books import statements_to_approve
from comuna.core.web import apply, back, form_errors_flash, pdf_response, render, run
from comuna.engines.governance_rules import Reconciliation
from comuna.governance import services
from comuna.governance.access import meeting_for_user, meeting_is_manageable, proposal_for_user
from comuna.governance.documents import ballots_pdf
from comuna.governance.forms import HandsForm, ProposalForm, RollCallForm, TallyForm
from comuna.governance.models import (
    DecisionKind,
    Organ,
    PetitionStatus,
    Proposal,
    RecallPetition,
    Seat,
)
from comuna.governance.selectors import present_count
from comuna.governance.views.meetings import meeting_page
from comuna.users.actors import acting_user, actor_of

BALLOTS_PER_PAGE = 8


def _anchor(proposal: Proposal) -> str:
    return f"proposal-{proposal.position}"


@login_required
@require_http_methods(["GET", "POST"])
def proposal_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_for_user(actor, pk, manage=True)
    commune = meeting.organ.commune
    statements = statements_to_approve(commune)
    form = ProposalForm(
        request.POST or None,
        people=people_readable(actor),
        agenda=meeting.agenda.all(),
        organs=Organ.objects.of(commune).order_by("kind", "name"),
        seats=Seat.objects.of(commune).select_related("organ").order_by("organ__name", "title"),
        petitions=RecallPetition.objects.of(commune).filter(status=PetitionStatus.VOTE_DUE),
        statements=statements,
    )
    added: list[Proposal] = []

    def add() -> None:
        data = dict(form.cleaned_data)
        books = data.pop("statement")
        # The head and count come from the chosen statement: nobody types 64 hex digits.
        statement = (
            services.AccountsStatement.of(books)
            if books is not None and data["kind"] == DecisionKind.ACCOUNTS
            else None
        )
        added.append(
            services.proposal_add(
                meeting=meeting, statement=statement, by=acting_user(request), **data
            )
        )

    if request.method == "POST" and apply(form, add):
        messages.success(request, _("Proposal added."))
        return back(meeting.get_absolute_url(), _anchor(added[0]))
    title = _("New proposal for %(meeting)s") % {"meeting": meeting}
    return render(
        request,
        "governance/proposal_form.html",
        {
            "form": form,
            "title": title,
            "back": meeting.get_absolute_url(),
            "statements": statements,
        },
    )


@login_required
@require_POST
def vote_hands(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_user(actor_of(request), pk, manage=True)
    form = HandsForm(request.POST, auto_id=f"proposal-{proposal.pk}-%s")
    if apply(
        form,
        lambda: services.vote_record_hands(
            proposal=proposal, by=acting_user(request), **form.cleaned_data
        ),
    ):
        messages.success(request, _("Vote recorded."))
        return back(proposal.meeting.get_absolute_url(), _anchor(proposal))
    return meeting_page(request, proposal.meeting, failed=(proposal.pk, form))


@login_required
def ballots_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Enough ballots for everyone present (at least a page of eight)."""
    proposal = proposal_for_user(actor_of(request), pk, manage=True)
    count = max(present_count(proposal.meeting), BALLOTS_PER_PAGE)
    return pdf_response(ballots_pdf(proposal, count=count), f"papeletas-{proposal.pk}.pdf")


@login_required
@require_POST
def tally_enter(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_user(actor_of(request), pk, manage=True)
    form = TallyForm(request.POST, auto_id=f"proposal-{proposal.pk}-%s")
    if apply(
        form,
        lambda: services.ballot_tally_enter(
            proposal=proposal, clerk=acting_user(request), **form.cleaned_data
        ),
    ):
        messages.success(
            request, _("Your count is entered. The other clerk enters theirs separately.")
        )
        return back(proposal.meeting.get_absolute_url(), _anchor(proposal))
    return meeting_page(request, proposal.meeting, failed=(proposal.pk, form))


@login_required
@require_POST
def tally_reconcile(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_user(actor_of(request), pk, manage=True)
    results: list[Reconciliation] = []
    run(
        request,
        lambda: results.append(
            services.ballot_tally_reconcile(proposal=proposal, by=acting_user(request))
        ),
    )
    if results and results[0].agreed:
        messages.success(request, _("The two counts agree: the result counts."))
    elif results:
        messages.warning(
            request,
            _(
                "The two counts disagree, so the result does not count yet. Count the "
                "ballots again together; then each clerk enters the recount."
            ),
        )
    return back(proposal.meeting.get_absolute_url(), _anchor(proposal))


@login_required
@require_http_methods(["GET", "POST"])
def roll_call(request: HttpRequest, pk: int) -> HttpResponse:
    """Call each seat present in turn and record its answer."""
    actor = actor_of(request)
    proposal = proposal_for_user(actor, pk, manage=request.method == "POST")
    meeting = proposal.meeting
    present = Seat.objects.of(meeting.commune_id).filter(attendances__meeting=meeting)
    if request.method == "POST":
        form = RollCallForm(request.POST, seats=present)
        if not form.is_valid():
            form_errors_flash(request, form)
        else:
            run(
                request,
                lambda: services.roll_call_record(
                    proposal=proposal, by=acting_user(request), **form.cleaned_data
                ),
            )
        return back(request.path, "roll-call")
    voted = {vote.seat_id: vote for vote in proposal.roll_call.all()}
    attendances = (
        meeting.attendances.filter(seat__isnull=False)
        .select_related("seat", "person")
        .order_by("seat_id")
    )
    rows = [(a, voted.get(a.seat_id or 0)) for a in attendances]
    return render(
        request,
        "governance/roll_call.html",
        {
            "proposal": proposal,
            "meeting": meeting,
            "rows": rows,
            "can_manage": meeting_is_manageable(actor, meeting),
        },
    )


@login_required
@require_POST
def roll_call_close(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_user(actor_of(request), pk, manage=True)
    run(
        request,
        lambda: services.roll_call_close(proposal=proposal, by=acting_user(request)),
        _("Roll call counted."),
    )
    return back(proposal.meeting.get_absolute_url(), _anchor(proposal))
