"""The demo's year of self-government (the session's demo, put back for this module)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from comuna.governance import documents
from comuna.governance.models import (
    BallotTally,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    OrganKind,
    PetitionStatus,
    ProposalStatus,
    RecallPetition,
    Seat,
    TermEnd,
)
from comuna.ledger.models import Statement
from comuna.users.models import User
from tests.conftest import client_for
from tests.pages import Demo
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_parliament_met_on_the_first_saturday_of_every_month_for_a_year(
    demo_module: Demo,
) -> None:
    today = timezone.localdate()
    sessions = Meeting.objects.filter(organ__kind=OrganKind.PARLIAMENT, date__lt=today)
    assert sessions.count() == 12
    assert all(
        day.weekday() == 5 and day.day <= 7 for day in sessions.values_list("date", flat=True)
    )
    assert len({(d.year, d.month) for d in sessions.values_list("date", flat=True)}) == 12
    assert not sessions.exclude(status=MeetingStatus.CLOSED).exists()
    upcoming = Meeting.objects.filter(organ__kind=OrganKind.PARLIAMENT, date__gte=today)
    assert upcoming.exists() and not upcoming.exclude(status=MeetingStatus.CONVENED).exists()


def test_every_parliament_session_has_its_acta_as_a_pdf(demo_module: Demo) -> None:
    session = Meeting.objects.filter(organ__kind=OrganKind.PARLIAMENT, status="closed").first()
    assert session is not None
    with translation.override("en"):
        text = pdf_text(documents.acta_pdf(session))
    assert "Minutes of the meeting" in text and "Parlamento Comunal" in text
    client = client_for(User.objects.get(username="vecino"))
    response = client.get(reverse("governance:acta_pdf", args=[session.pk]))
    assert response.content.startswith(b"%PDF")


def test_one_session_fell_short_of_quorum_and_decided_nothing(demo_module: Demo) -> None:
    short = [
        m
        for m in Meeting.objects.filter(organ__kind=OrganKind.PARLIAMENT, status="closed")
        if not m.quorum_reached_at_close
    ]
    assert len(short) == 1
    assert not Decision.objects.filter(proposal__meeting=short[0]).exists()


def test_council_assemblies_reach_their_quorum_one_at_second_call(demo_module: Demo) -> None:
    assemblies = Meeting.objects.filter(organ__kind=OrganKind.ASSEMBLY, status="closed")
    assert assemblies.values("organ").distinct().count() >= 6
    assert all(m.quorum_reached_at_close for m in assemblies)
    assert assemblies.filter(call=2).exists()
    assert Meeting.objects.filter(
        organ__council__code="CC01", status="convened", date=timezone.localdate()
    ).exists()


def test_decisions_are_in_every_state_of_the_follow_up(demo_module: Demo) -> None:
    states = set(Decision.objects.values_list("status", flat=True))
    assert states == set(DecisionStatus.values)
    assert Decision.objects.filter(updates__isnull=True).count() == 0


def test_one_recall_by_ballot_recounted_then_a_new_spokesperson_elected(
    demo_module: Demo,
) -> None:
    petition = RecallPetition.objects.get()
    assert petition.status == PetitionStatus.RECALLED
    assert petition.signatures.count() >= petition.signatures_needed
    vote = petition.votes.get()
    assert (vote.status, vote.tally_round) == (ProposalStatus.CARRIED, 2)
    assert BallotTally.objects.filter(proposal=vote).count() == 4
    seat = Seat.objects.get(pk=petition.seat_id)
    reasons = list(seat.terms.order_by("started_on").values_list("end_reason", flat=True))
    assert reasons == [TermEnd.RECALLED, TermEnd.REPLACED, ""]
    assert seat.holder != petition.holder


def test_the_parliament_approved_every_closed_month_of_the_books_with_its_head(
    demo_module: Demo,
) -> None:
    statements = Statement.objects.filter(commune__code="demo")
    assert statements.count() >= 12
    assert not statements.filter(approved_on__isnull=True, end__lt=_last_session()).exists()
    approved = statements.exclude(meeting_id=None).order_by("start").last()
    assert approved is not None
    session = Meeting.objects.get(pk=approved.meeting_id)
    assert session.organ.kind == OrganKind.PARLIAMENT
    with translation.override("en"):
        text = pdf_text(documents.acta_pdf(session))
    assert approved.head in text and f"Ledger entries: {approved.entry_count}" in text


def _last_session() -> object:
    sessions = Meeting.objects.filter(
        organ__kind=OrganKind.PARLIAMENT, status=MeetingStatus.CLOSED
    ).order_by("-date")
    return sessions.values_list("date", flat=True).first()
