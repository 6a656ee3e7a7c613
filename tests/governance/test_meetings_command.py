"""``comuna meetings list --json`` and ``comuna meetings acta ID --out FILE.pdf``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comuna.governance import services
from comuna.governance.models import Organ
from comuna.governance.services import AccountsStatement
from tests.conftest import World
from tests.governance.conftest import Parliament, convene, open_meeting
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")


def meetings(*args: str) -> str:
    out = io.StringIO()
    call_command("meetings", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_list_json_gives_each_meeting_with_its_counts(
    world: World, parliament: Parliament, assembly: Organ
) -> None:
    session = open_meeting(parliament.organ, world.admin)
    services.attendance_register(
        meeting=session, people=[world.head, world.neighbour], method="search", by=None
    )
    proposal = services.proposal_add(
        meeting=session, title="Cuentas", kind="accounts",
        statement=AccountsStatement("Banco", "ab" * 32, 5), by=None,
    )  # fmt: skip
    services.vote_record_hands(
        proposal=proposal, votes_for=2, votes_against=0, votes_abstaining=0, by=None
    )
    services.meeting_close(meeting=session, by=None)
    planned = convene(assembly, world.spokesperson, day=session.date.replace(year=2040))
    rows = json.loads(meetings("list", "--json"))
    by_id = {row["id"]: row for row in rows}
    assert by_id[session.pk] == {
        "id": session.pk, "organ": "Parlamento Comunal", "organ_kind": "parliament",
        "date": session.date.isoformat(), "call": 1, "status": "closed", "place": "Casa comunal",
        "attendance": 2, "quorum_required": 2, "quorum_reached": True, "decisions": 1,
        "approved_accounts": True,
    }  # fmt: skip
    assert by_id[planned.pk]["attendance"] == 0
    assert by_id[planned.pk]["quorum_reached"] is False
    assert by_id[planned.pk]["approved_accounts"] is False
    assert [row["id"] for row in json.loads(meetings("list", "--json", "--year", "2040"))] == [
        planned.pk
    ]


def test_list_without_json_prints_a_line_per_meeting(world: World, assembly: Organ) -> None:
    convene(assembly, world.spokesperson)
    assert "Asamblea CC01" in meetings("list")


def test_acta_writes_the_minutes_to_a_pdf(world: World, assembly: Organ, tmp_path: Path) -> None:
    meeting = open_meeting(assembly, world.spokesperson)
    out = tmp_path / "acta.pdf"
    assert "Wrote the minutes" in meetings("acta", str(meeting.pk), "--out", str(out))
    assert "Minutes of the meeting" in pdf_text(out.read_bytes())


def test_acta_of_a_meeting_that_does_not_exist_fails_with_1(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as refused:
        meetings("acta", "999", "--out", str(tmp_path / "x.pdf"))
    assert refused.value.returncode == 1
    assert "There is no meeting 999." in str(refused.value)
    assert not (tmp_path / "x.pdf").exists()


def test_acta_to_a_folder_that_does_not_exist_fails_with_2(
    world: World, assembly: Organ, tmp_path: Path
) -> None:
    meeting = convene(assembly, world.spokesperson)
    with pytest.raises(CommandError) as refused:
        meetings("acta", str(meeting.pk), "--out", str(tmp_path / "no" / "acta.pdf"))
    assert refused.value.returncode == 2
