"""The house style of printed documents, read back from the PDFs (tests/pdf.py). No database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from comuna.core.pdf import (
    FONT,
    document_build,
    fit,
    paragraph,
    printable,
    sheet_build,
    signature_lines,
    table,
)
from tests.pdf import pdf_page_count, pdf_page_texts, pdf_text


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_every_page_carries_the_commune_the_title_the_print_date_and_its_number() -> None:
    story = [paragraph(f"Line {n}") for n in range(150)]
    pdf = document_build(
        story, title="Minutes of the meeting", commune_name="Comuna El Panal", note="Meeting 3"
    )
    pages = pdf_page_texts(pdf)
    assert len(pages) == pdf_page_count(pdf) > 1
    for number, text in enumerate(pages, start=1):
        lines = text.splitlines()
        assert "Comuna El Panal" in lines
        assert "Minutes of the meeting" in lines
        assert f"Page {number}" in lines
        assert any(line.startswith("Meeting 3 · Printed ") for line in lines)


def test_a_document_without_a_note_still_says_when_it_was_printed() -> None:
    text = pdf_text(document_build([paragraph("Hola")], title="List", commune_name="El Panal"))
    assert any(line.startswith("Printed ") for line in text.splitlines())


def test_a_tables_header_comes_back_on_every_page_and_its_cells_wrap() -> None:
    rows = [["Name", "Units"], *[[f"Household {n} " * 6, str(n)] for n in range(80)]]
    pdf = document_build([table(rows, [120, 60], numeric={1})], title="T", commune_name="C")
    pages = pdf_page_texts(pdf)
    assert len(pages) > 1
    assert all("Units" in page.splitlines() for page in pages)


def test_signature_lines_name_each_role_with_room_for_name_and_id() -> None:
    block = signature_lines(["Chair", "Secretary", "Witness"], heading="Signatures")
    text = pdf_text(document_build([block], title="T", commune_name="C"))
    for role in ("Signatures", "Chair", "Secretary", "Witness"):
        assert role in text.splitlines()
    assert text.count("Name and ID:") == 3


def test_a_sheet_is_only_what_it_draws() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.drawString(100, 100, "Card")
        canvas.showPage()

    pdf = sheet_build(draw, title="Cards", commune_name="Comuna El Panal")
    assert pdf_text(pdf) == "Card"
    assert b"/Author (Comuna El Panal)" in pdf


def test_text_outside_the_builtin_fonts_loses_its_accents_or_becomes_a_question_mark() -> None:
    assert printable("Ñandú Gdańsk 東") == "Ñandú Gdansk ?"


def test_a_line_too_long_ends_with_an_ellipsis_within_its_width() -> None:
    lines = fit("Comuna Socialista Sembradores del Turbio " * 4, FONT, 9, 150, max_lines=2)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(stringWidth(line, FONT, 9) <= 150 for line in lines)
