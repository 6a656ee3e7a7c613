"""Votes and their count: a show of hands, a paper ballot counted by two clerks, a roll call.
A proposal that carries becomes a decision (``decisions``)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comuna.core.refusals import Refusal
from comuna.engines.governance_rules import (
    BallotCount,
    GovernanceRuleError,
    Majority,
    Quorum,
    QuorumBasis,
    Reconciliation,
    Tally,
    TooManyVotesError,
    outcome,
    reconcile,
)
from comuna.governance import locks, selectors
from comuna.governance.models import (
    Attendance,
    BallotTally,
    DecisionKind,
    Meeting,
    MeetingStatus,
    PetitionStatus,
    Proposal,
    ProposalStatus,
    RollCallChoice,
    RollCallVote,
    Seat,
    VoteMethod,
)
from comuna.governance.services.decisions import _carry_out, _decide
from comuna.governance.services.meetings import _check_not_closed
from comuna.governance.services.recalls import _close_petition
from comuna.users.models import User


def no_quorum_message(quorum: Quorum, meeting: Meeting) -> str:
    """Why a meeting without quorum cannot decide, with the figures."""
    if quorum.basis == QuorumBasis.ELECTORATE_SHARE:
        rule = ngettext(
            "%(percent)s%% of the %(base)s resident of age at call %(call)s",
            "%(percent)s%% of the %(base)s residents of age at call %(call)s",
            quorum.base,
        ) % {"percent": f"{quorum.percent.normalize():f}", "base": quorum.base, "call": quorum.call}
    else:
        rule = ngettext(
            "more than half of its %(base)s seat",
            "more than half of its %(base)s seats",
            quorum.base,
        ) % {"base": quorum.base}
        if quorum.basis == QuorumBasis.SEAT_TWO_THIRDS:
            rule = _("two thirds of its %(base)s seats") % {"base": quorum.base}
    return _(
        "No quorum: %(present)s present, %(required)s needed (%(rule)s). A meeting without "
        "quorum cannot record decisions."
    ) % {"present": quorum.present, "required": quorum.required, "rule": rule}


def _check_can_decide(meeting: Meeting) -> Quorum:
    if meeting.status == MeetingStatus.CONVENED:
        raise Refusal(_("The meeting has not been opened: open it to vote."))
    _check_not_closed(meeting)
    quorum = selectors.meeting_quorum(meeting)
    if not quorum.reached:
        raise Refusal(no_quorum_message(quorum, meeting))
    return quorum


def _lock_proposal(proposal: Proposal) -> tuple[Meeting, Proposal]:
    meeting = locks.meeting_lock(proposal.meeting)
    proposal = locks.proposal_lock(proposal)
    proposal.meeting = meeting
    if proposal.status != ProposalStatus.PENDING:
        raise Refusal(_("This proposal has already been voted on."))
    return meeting, proposal


def _check_method(proposal: Proposal, method: VoteMethod) -> None:
    if proposal.method != method:
        raise Refusal(
            _("This proposal is voted by %(method)s.") % {"method": proposal.get_method_display()}
        )


def _count(
    proposal: Proposal, tally: Tally, *, present: int, blank: int | None, by: User | None
) -> Proposal:
    """Write the result of a vote and, when it carries, the decision and what it changes."""
    try:
        result = outcome(Majority(proposal.majority), tally, present=present)
    except TooManyVotesError as error:
        raise Refusal(
            _("%(votes)s votes, but only %(present)s present to vote.")
            % {"votes": error.votes, "present": error.present}
        ) from None
    proposal.votes_for, proposal.votes_against = tally.yes, tally.no
    proposal.votes_abstaining, proposal.blank_ballots = tally.abstaining, blank
    proposal.present_at_vote = present
    proposal.status = ProposalStatus.CARRIED if result.carried else ProposalStatus.REJECTED
    proposal.voted_at = timezone.now()
    proposal.save(
        update_fields=[
            "votes_for",
            "votes_against",
            "votes_abstaining",
            "blank_ballots",
            "present_at_vote",
            "status",
            "voted_at",
        ]
    )
    if result.carried:
        decision = _decide(proposal, by)
        _carry_out(proposal, decision, by)
    elif proposal.kind == DecisionKind.RECALL and proposal.petition is not None:
        _close_petition(proposal.petition, PetitionStatus.CONFIRMED, proposal.meeting.date)
    return proposal


@transaction.atomic
def vote_record_hands(
    *,
    proposal: Proposal,
    votes_for: int,
    votes_against: int,
    votes_abstaining: int,
    by: User | None,
) -> Proposal:
    """The secretary's count of a show of hands. Needs the quorum at the moment of voting."""
    meeting, proposal = _lock_proposal(proposal)
    _check_method(proposal, VoteMethod.HANDS)
    quorum = _check_can_decide(meeting)
    try:
        tally = Tally(votes_for, votes_against, votes_abstaining)
    except GovernanceRuleError:
        raise Refusal(_("Votes are whole numbers, zero or more.")) from None
    return _count(proposal, tally, present=quorum.present, blank=None, by=by)


@transaction.atomic
def ballot_tally_enter(
    *,
    proposal: Proposal,
    clerk: User,
    votes_for: int,
    votes_against: int,
    votes_abstaining: int,
    blank_ballots: int,
) -> BallotTally:
    """One clerk's count of the ballot box. Two clerks count separately; neither count is the
    result until ``ballot_tally_reconcile`` finds them equal."""
    meeting, proposal = _lock_proposal(proposal)
    _check_method(proposal, VoteMethod.BALLOT)
    _check_not_closed(meeting)
    if meeting.status != MeetingStatus.OPEN:
        raise Refusal(_("The meeting has not been opened: open it to vote."))
    try:
        count = BallotCount(votes_for, votes_against, votes_abstaining, blank_ballots)
    except GovernanceRuleError:
        raise Refusal(_("Votes are whole numbers, zero or more.")) from None
    present = selectors.present_count(meeting)
    if count.ballots > present:
        raise Refusal(
            _("%(ballots)s ballots counted, but only %(present)s present to vote.")
            % {"ballots": count.ballots, "present": present}
        )
    entries = list(
        BallotTally.objects.of(proposal.commune_id).filter(
            proposal=proposal, round=proposal.tally_round
        )
    )
    if any(entry.clerk_id == clerk.pk for entry in entries):
        raise Refusal(
            _("You already entered your count: the second count must be another clerk's.")
        )
    if len(entries) >= 2:
        raise Refusal(_("Both clerks have entered their counts: compare them now."))
    try:
        with transaction.atomic():
            return BallotTally.objects.create(
                proposal=proposal,
                round=proposal.tally_round,
                slot=len(entries) + 1,
                clerk=clerk,
                votes_for=count.yes,
                votes_against=count.no,
                votes_abstaining=count.abstaining,
                blank_ballots=count.blank,
            )
    except IntegrityError:
        raise Refusal(_("Another count was entered at the same moment: reload the page.")) from None


def _ballot_count(entry: BallotTally) -> BallotCount:
    return BallotCount(
        entry.votes_for, entry.votes_against, entry.votes_abstaining, entry.blank_ballots
    )


@transaction.atomic
def ballot_tally_reconcile(*, proposal: Proposal, by: User | None) -> Reconciliation:
    """Compare the two clerks' counts. Equal: the result counts (with the quorum). Different:
    nothing counts, and a recount begins, in which both clerks count and enter again."""
    meeting, proposal = _lock_proposal(proposal)
    _check_method(proposal, VoteMethod.BALLOT)
    entries = list(
        BallotTally.objects.of(proposal.commune_id)
        .filter(proposal=proposal, round=proposal.tally_round)
        .order_by("slot")
    )
    if len(entries) < 2:
        raise Refusal(_("Two clerks must each enter their count before they are compared."))
    result = reconcile(_ballot_count(entries[0]), _ballot_count(entries[1]))
    if result.count is None:
        proposal.tally_round += 1
        proposal.save(update_fields=["tally_round"])
        return result
    quorum = _check_can_decide(meeting)
    _count(proposal, result.count.tally, present=quorum.present, blank=result.count.blank, by=by)
    return result


@transaction.atomic
def roll_call_record(
    *, proposal: Proposal, seat: Seat, vote: RollCallChoice, by: User | None
) -> RollCallVote:
    """One seat's vote, as its holder or substitute answers the roll. A seat votes once."""
    meeting, proposal = _lock_proposal(proposal)
    _check_method(proposal, VoteMethod.ROLL_CALL)
    if meeting.status != MeetingStatus.OPEN:
        raise Refusal(_("The meeting is not in session."))
    attendance = (
        Attendance.objects.of(meeting.commune_id).filter(meeting=meeting, seat=seat).first()
    )
    if attendance is None:
        raise Refusal(_("Nobody is present for the seat “%(seat)s”.") % {"seat": seat.title})
    try:
        with transaction.atomic():
            return RollCallVote.objects.create(
                proposal=proposal,
                seat=seat,
                person_id=attendance.person_id,
                vote=RollCallChoice(vote),
                recorded_by=by,
            )
    except IntegrityError:
        raise Refusal(_("The seat “%(seat)s” has already voted.") % {"seat": seat.title}) from None


@transaction.atomic
def roll_call_close(*, proposal: Proposal, by: User | None) -> Proposal:
    """Count the roll call: seats present that did not answer count as not voting."""
    meeting, proposal = _lock_proposal(proposal)
    _check_method(proposal, VoteMethod.ROLL_CALL)
    quorum = _check_can_decide(meeting)
    votes = list(proposal.roll_call.values_list("vote", flat=True))
    if not votes:
        raise Refusal(_("No seat has voted yet."))
    tally = Tally(
        votes.count(RollCallChoice.FOR),
        votes.count(RollCallChoice.AGAINST),
        votes.count(RollCallChoice.ABSTAIN),
    )
    return _count(proposal, tally, present=quorum.present, blank=None, by=by)
