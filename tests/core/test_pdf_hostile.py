"""Every PDF the project prints, built from names full of markup: ReportLab's paragraph markup
(``<img>``, ``<a href>``, ``<font>``) typed into a name must print as the letters typed, never
embed a server file, add a link or change the type, and never break the document (500).

Text reaches a PDF only through ``core.pdf`` (``paragraph``, ``table``, ``particulars``,
``fit``), which escapes it once; the last test keeps it so."""

from __future__ import annotations

import base64
import datetime as dt
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.utils import timezone, translation

from comuna.census.cards import council_cards_pdf, household_card_pdf
from comuna.census.models import Household
from comuna.distribution import services as distribution
from comuna.distribution.documents import council_list_pdf
from comuna.distribution.models import Round
from comuna.governance import documents, services
from comuna.governance.models import AttendanceMethod, Organ, OrganKind, Seat
from comuna.ledger.documents import statement_pdf
from comuna.ledger.services import statement_approve
from tests.conftest import PHONES_URL, World, client_for
from tests.distribution.conftest import bag_programme
from tests.governance.conftest import add_adults, close_a_month, open_meeting
from tests.pdf import pdf_links, pdf_text

pytestmark = pytest.mark.django_db

# Each would do something in ReportLab's markup if it were not escaped: embed a file of the
# server, add a link, change the type, or break the parser (an unclosed tag, a bare &).
HOSTILE = (
    '<img src="/etc/passwd"/><a href="http://evil.example/">x</a>'
    '<font size="60">grande</font>&<b>&amp;'
)
assert len(HOSTILE) <= 100  # it fits every name field (a person's first names: 100)
# What the letters typed leave in the text the PDF shows, piece by piece.
SHOWN = ("/etc/passwd", "evil.example", "grande", "&amp;")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _content(pdf: bytes) -> bytes:
    """The drawing operators of every page, uncompressed."""
    streams = re.findall(
        rb"/Filter \[ /ASCII85Decode /FlateDecode \][^>]*>>\s*stream\r?\n(.*?)endstream", pdf, re.S
    )
    return b"\n".join(
        zlib.decompress(base64.a85decode(s.strip().removesuffix(b"~>"))) for s in streams
    )


def _hostile_world(world: World) -> World:
    world.commune.name = f"Comuna {HOSTILE}"
    world.commune.save(update_fields=["name"])
    world.council.name = HOSTILE
    world.council.save(update_fields=["name"])
    world.household.address = HOSTILE
    world.household.save(update_fields=["address"])
    world.head.first_names = HOSTILE
    world.head.save(update_fields=["first_names"])
    return world


def _meeting_pdfs(world: World) -> dict[str, Callable[[], bytes]]:
    organ = Organ.objects.create(commune=world.commune, kind=OrganKind.PARLIAMENT, name=HOSTILE)
    (banker,) = add_adults(world.other_council, 1, prefix=HOSTILE)
    for title, council, holder in (
        (HOSTILE, world.council, world.head),
        ("Vocería CC02", world.other_council, world.neighbour),
        ("Banco", None, banker),
    ):
        Seat.objects.create(
            organ=organ,
            title=title,
            council=council,
            holder=holder,
            term_start=dt.date(2024, 1, 6),
            term_end=timezone.localdate() + dt.timedelta(days=365),
        )
    convoked = services.meeting_convene(
        organ=organ,
        date=timezone.localdate() + dt.timedelta(days=7),
        place=HOSTILE,
        first_call_time=dt.time(9),
        agenda=(HOSTILE, "Cuentas"),
        by=world.admin,
    )
    meeting = open_meeting(organ, world.admin, agenda=(HOSTILE,))
    services.attendance_register(
        meeting=meeting, people=[world.head, world.neighbour], method=AttendanceMethod.SEARCH,
        by=None,
    )  # fmt: skip
    proposal = services.proposal_add(meeting=meeting, title=HOSTILE, text=HOSTILE, by=None)
    closed = services.meeting_close(meeting=meeting, notes=HOSTILE, by=None)
    return {
        "convocation poster": lambda: documents.convocation_pdf(convoked),
        "attendance sheet": lambda: documents.attendance_sheet_pdf(meeting),
        "ballots": lambda: documents.ballots_pdf(proposal, count=2),
        "acta": lambda: documents.acta_pdf(closed),
    }


def _other_pdfs(world: World) -> dict[str, Callable[[], bytes]]:
    statement = close_a_month(world.commune)
    statement.label = HOSTILE
    statement.save(update_fields=["label"])
    statement_approve(
        statement=statement, approved_on=dt.date(2025, 4, 5), meeting_reference=HOSTILE
    )
    programme = bag_programme(world, name=HOSTILE)
    round_ = distribution.round_create(
        programme=programme,
        stock_received=5,
        received_on=dt.date(2026, 3, 1),
        distribution_on=dt.date(2026, 3, 2),
    )
    round_ = distribution.round_open(round=round_, seed=HOSTILE, by=world.admin)
    lookup = f"{PHONES_URL}/censo/carnet/"
    return {
        "statement of accounts": lambda: statement_pdf(statement),
        "distribution list": lambda: council_list_pdf(round_, world.council),
        "household card": lambda: household_card_pdf(world.household, lookup_url=lookup),
        "council cards": lambda: council_cards_pdf(
            world.council, lookup_url=lookup, readable=Household.objects.of(world.commune)
        ),
    }


def test_every_pdf_prints_markup_in_names_as_the_letters_typed(world: World) -> None:
    _hostile_world(world)
    pdfs = {**_meeting_pdfs(world), **_other_pdfs(world)}
    assert len(pdfs) == 8
    for name, build in pdfs.items():
        pdf = build()
        assert pdf.startswith(b"%PDF"), name
        text = pdf_text(pdf)
        # ReportLab draws the text around an escaped character as separate strings.
        joined = text.replace("\n", "")
        # A card has room for the beginning of a name only (the rest is cut with an ellipsis).
        for piece in SHOWN[:1] if "card" in name else SHOWN:
            assert piece in joined, (name, piece)
        assert "root:" not in text, name  # the file was not read
        assert b"/Subtype /Image" not in pdf, name
        assert not [link for link in pdf_links(pdf) if not link.startswith(PHONES_URL)], name
        assert not re.search(rb"\s60 Tf", _content(pdf)), name  # no 60-point type
        assert b"/Author (Comuna" in pdf, name


def test_the_distribution_list_of_a_hostile_programme_downloads(world: World) -> None:
    _hostile_world(world)
    _other_pdfs(world)
    round_ = Round.objects.of(world.commune).get()
    response = client_for(world.spokesperson).get(
        f"/reparto/rondas/{round_.pk}/consejos/CC01/lista.pdf"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "evil.example" in pdf_text(response.content)


def test_no_module_builds_a_reportlab_paragraph_but_core_pdf() -> None:
    source = Path(__file__).resolve().parents[2] / "src" / "comuna"
    offenders = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if path.name != "pdf.py"
        # reportlab's, not a model of that name (a gathering's declaration has paragraphs).
        and "reportlab" in path.read_text()
        and re.search(
            r"\bParagraph\(|reportlab\.platypus import[^\n]*\bParagraph\b", path.read_text()
        )
    ]
    assert offenders == []
