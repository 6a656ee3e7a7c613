"""Proposals and their votes: show of hands, secret paper ballot with two clerks, roll call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comuna.census.access import people_readable
from comuna.engines.governance_rules import Reconciliation
from comuna.governance import services
from comuna.governance.access import meeting_for_user, meeting_is_manageable, proposal_for_user
from comuna.governance.books import statements_to_approve
from comuna.governance.documents import ballots_pdf
from comuna.governance.forms import HandsForm, ProposalForm, RollCallForm, TallyForm
from comuna.governance.models import (
    Attendance,
    DecisionKind,
    Organ,
    PetitionStatus,
    Proposal,
    RecallPetition,
    Seat,
)
from comuna.governance.selectors import present_count
from comuna.governance.views.base import (
    acting_user,
    apply,
    back,
    form_errors,
    pdf,
    run,
)

BALLOTS_PER_PAGE = 8


def _anchor(proposal: Proposal) -> str:
    return f"proposal-{proposal.position}"


@login_required
@require_http_methods(["GET", "POST"])
def proposal_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(request.user, pk, manage=True)
    statements = statements_to_approve(meeting.organ.commune)
    form = ProposalForm(
        request.POST or None,
        people=people_readable(request.user),
        agenda=meeting.agenda.all(),
        organs=Organ.objects.filter(commune=meeting.organ.commune).order_by("kind", "name"),
        seats=Seat.objects.select_related("organ").order_by("organ__name", "title"),
        petitions=RecallPetition.objects.filter(status=PetitionStatus.VOTE_DUE),
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
    proposal = proposal_for_user(request.user, pk, manage=True)
    form = HandsForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
    else:
        run(
            request,
            lambda: services.vote_record_hands(
                proposal=proposal, by=acting_user(request), **form.cleaned_data
            ),
            _("Vote recorded."),
        )
    return back(proposal.meeting.get_absolute_url(), _anchor(proposal))


@login_required
def ballots_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Enough ballots for everyone present (at least a page of eight)."""
    proposal = proposal_for_user(request.user, pk, manage=True)
    count = max(present_count(proposal.meeting), BALLOTS_PER_PAGE)
    return pdf(ballots_pdf(proposal, count=count), f"papeletas-{proposal.pk}.pdf")


@login_required
@require_POST
def tally_enter(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_user(request.user, pk, manage=True)
    form = TallyForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
    else:
        run(
            request,
            lambda: services.ballot_tally_enter(
                proposal=proposal, clerk=acting_user(request), **form.cleaned_data
            ),
            _("Your count is entered. The other clerk enters theirs separately."),
        )
    return back(proposal.meeting.get_absolute_url(), _anchor(proposal))


@login_required
@require_POST
def tally_reconcile(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_user(request.user, pk, manage=True)
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
    proposal = proposal_for_user(request.user, pk, manage=request.method == "POST")
    meeting = proposal.meeting
    present = Seat.objects.filter(attendances__meeting=meeting)
    if request.method == "POST":
        form = RollCallForm(request.POST, seats=present)
        if not form.is_valid():
            form_errors(request, form)
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
        Attendance.objects.filter(meeting=meeting, seat__isnull=False)
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
            "can_manage": meeting_is_manageable(request.user, meeting),
        },
    )


@login_required
@require_POST
def roll_call_close(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_user(request.user, pk, manage=True)
    run(
        request,
        lambda: services.roll_call_close(proposal=proposal, by=acting_user(request)),
        _("Roll call counted."),
    )
    return back(proposal.meeting.get_absolute_url(), _anchor(proposal))
