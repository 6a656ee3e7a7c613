"""The printed documents: read back from the PDFs (tests/pdf.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import reverse
from django.utils import translation

from comuna.governance import documents, services
from comuna.governance.models import AttendanceMethod, Meeting, Organ, RollCallChoice
from comuna.governance.services import AccountsStatement
from tests.conftest import World, client_for
from tests.governance.conftest import Parliament, add_adults, convene, open_meeting
from tests.pdf import pdf_page_count, pdf_page_texts, pdf_text

pytestmark = pytest.mark.django_db

HEAD = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _parliament_session(world: World, parliament: Parliament) -> Meeting:
    meeting = open_meeting(parliament.organ, world.admin, agenda=("Cuentas del mes",))
    services.attendance_register(
        meeting=meeting, people=[world.head, world.neighbour], method=AttendanceMethod.SEARCH,
        by=None,
    )  # fmt: skip
    accounts = services.proposal_add(
        meeting=meeting, title="Aprobar las cuentas de marzo", kind="accounts",
        method="roll_call", statement=AccountsStatement("Banco comunal, marzo", HEAD, 128),
        by=None,
    )  # fmt: skip
    for seat in (parliament.cc01, parliament.cc02):
        services.roll_call_record(proposal=accounts, seat=seat, vote=RollCallChoice.FOR, by=None)
    services.roll_call_close(proposal=accounts, by=None)
    services.proposal_add(meeting=meeting, title="Comprar un camión", by=None)
    return services.meeting_close(meeting=meeting, notes="Sin incidencias.", by=None)


def test_the_acta_of_an_accounts_approval_carries_the_ledger_head(
    world: World, parliament: Parliament
) -> None:
    meeting = _parliament_session(world, parliament)
    text = pdf_text(documents.acta_pdf(meeting))
    for expected in (
        "Minutes of the meeting",
        "Parlamento Comunal",
        "Casa comunal",
        "first call",
        "2 seats present of 3",
        "2 needed (more than half of its 3 seats): reached",
        "1. Cuentas del mes",
        "Aprobar las cuentas de marzo",
        "Statement: Banco comunal, marzo",
        "Ledger entries: 128. Chain head approved:",
        HEAD,
        "for 2, against 0, abstaining 0",
        "Result: CARRIED.",
        "Comprar un camión",
        "Result: not voted.",
        "Vocería CC01",
        "Sin incidencias.",
        "Secretary",
        "Comptroller",
    ):
        assert expected in text, expected
    assert "DRAFT" not in text


def test_the_acta_of_an_open_meeting_says_it_is_a_draft(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    text = pdf_text(documents.acta_pdf(meeting))
    assert "DRAFT: the meeting is not closed yet." in text
    assert "0 people present of 1 residents of age" in text


def test_the_acta_is_downloaded_by_anyone_logged_in(world: World, parliament: Parliament) -> None:
    meeting = _parliament_session(world, parliament)
    response = client_for(world.resident).get(reverse("governance:acta_pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        client_for(None).get(reverse("governance:acta_pdf", args=[meeting.pk])).status_code == 302
    )


def test_the_convocation_poster_says_when_where_and_how_many_must_come(
    world: World, assembly: Organ
) -> None:
    add_adults(world.council, 9)
    meeting = convene(assembly, world.spokesperson, agenda=("Agua potable", "Seguridad"))
    text = pdf_text(documents.convocation_pdf(meeting))
    for expected in (
        "NOTICE OF MEETING",
        "Asamblea CC01",
        "Casa comunal",
        "First call: 9 a.m.",
        "Second call: 9:30 a.m.",
        "1. Agua potable",
        "At first call, 3 people must be present (30% of the 10 residents of age).",
        "At second call, 2 (20% of the 10 residents of age).",
    ):
        assert expected in text, expected


def test_the_attendance_sheet_numbers_the_lines_the_page_takes_back(
    world: World, assembly: Organ
) -> None:
    add_adults(world.council, 60)
    meeting = convene(assembly, world.spokesperson)
    pdf = documents.attendance_sheet_pdf(meeting)
    text = pdf_text(pdf)
    assert "Attendance sheet" in text
    assert "María José Pérez Rodríguez" in text
    assert "V-12.345.678" in text
    assert "Luis" not in text  # under 15
    assert pdf_page_count(pdf) >= 3  # 61 lines and the blank ones
    assert "61" in text.splitlines()


def test_the_ballots_fill_whole_pages_for_everyone_present(world: World, assembly: Organ) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    proposal = services.proposal_add(meeting=meeting, title="Sede", method="ballot", by=None)
    pdf = documents.ballots_pdf(proposal, count=9)
    assert pdf_page_count(pdf) == 2
    text = pdf_text(pdf)
    assert text.count("1. Sede") == 16
    assert "Abstain" in text


def test_every_meeting_document_carries_the_house_header_and_footer(
    world: World, assembly: Organ
) -> None:
    add_adults(world.council, 60)
    meeting = convene(assembly, world.spokesperson)
    for pdf in (
        documents.convocation_pdf(meeting),
        documents.attendance_sheet_pdf(meeting),
        documents.acta_pdf(meeting),
    ):
        for number, page in enumerate(pdf_page_texts(pdf), start=1):
            lines = page.splitlines()
            assert "Comuna El Panal" in lines
            assert f"Page {number}" in lines
            assert any(f"meeting no. {meeting.pk} · Printed " in line for line in lines)
