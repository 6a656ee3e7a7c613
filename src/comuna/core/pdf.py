"""The house style of everything Comuna prints: one look for every app's PDFs.

A *document* (minutes, a statement, a list to sign) flows over as many A4 pages as it needs
and is built with :func:`document_build`: the same margins on every page, the commune's name
and the document's title at the top above a red rule, and at the bottom what the document is,
when it was printed and the page number, so that a loose page still says where it belongs.
A *sheet* (household cards, ballots) is drawn on the canvas to be cut into pieces, with
:func:`sheet_build`; it has no header or footer, since every piece must stand alone once cut.

Everything is set in the PDF's built-in fonts: nothing to embed, and they carry every Spanish
letter. :func:`printable` brings any other text down to them; :func:`paragraph`, :func:`table`
and :func:`fit` apply it themselves.

Text is never markup. ReportLab's paragraphs read a markup of their own (``<img src>`` embeds
a file of the server, ``<a href>`` adds a link, ``<font>`` changes the type): a name typed as
such must print as the letters typed. So this module is the only one that builds a
``Paragraph`` (a test keeps it so), and :func:`paragraph` escapes the text once, here; none of
the project's documents builds markup of its own.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Final
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN: Final = 18 * mm
WIDTH: Final = PAGE_WIDTH - 2 * MARGIN  # of the text on a document's page

ACCENT: Final = colors.HexColor("#b3261e")
MUTED: Final = colors.HexColor("#5f6b73")
RULE: Final = colors.HexColor("#9aa5ad")

FONT: Final = "Helvetica"
BOLD: Final = "Helvetica-Bold"
MONO: Final = "Courier"
MONO_BOLD: Final = "Courier-Bold"

_BODY = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13)
_CELL = ParagraphStyle("cell", parent=_BODY, fontSize=9, leading=11)
_CELL_HEAD = ParagraphStyle("cell_head", parent=_CELL, fontName=BOLD, textColor=MUTED)
_POSTER = ParagraphStyle("poster_body", parent=_BODY, fontSize=15, leading=20)
STYLES: Final[dict[str, ParagraphStyle]] = {
    "body": _BODY,
    "small": ParagraphStyle("small", parent=_BODY, fontSize=8, leading=10, textColor=MUTED),
    "bold": ParagraphStyle("bold", parent=_BODY, fontName=BOLD),
    "title": ParagraphStyle(
        "title", parent=_BODY, fontName=BOLD, fontSize=16, leading=20, spaceAfter=4
    ),
    "heading": ParagraphStyle(
        "heading",
        parent=_BODY,
        fontName=BOLD,
        fontSize=11.5,
        leading=15,
        spaceBefore=8,
        spaceAfter=3,
        textColor=ACCENT,
    ),
    # Hashes and codes: long runs without spaces, so they may break anywhere.
    "mono": ParagraphStyle(
        "mono", parent=_BODY, fontName=MONO, fontSize=8.5, leading=11, wordWrap="CJK"
    ),
    "cell": _CELL,
    "cell_number": ParagraphStyle("cell_number", parent=_CELL, alignment=TA_RIGHT),
    "cell_head": _CELL_HEAD,
    "cell_head_number": ParagraphStyle("cell_head_number", parent=_CELL_HEAD, alignment=TA_RIGHT),
    # A notice for the walls, read from a few steps away.
    "poster_title": ParagraphStyle(
        "poster_title",
        parent=_BODY,
        fontName=BOLD,
        fontSize=40,
        leading=46,
        alignment=TA_CENTER,
        textColor=ACCENT,
    ),
    "poster_big": ParagraphStyle(
        "poster_big", parent=_BODY, fontName=BOLD, fontSize=24, leading=30, alignment=TA_CENTER
    ),
    "poster_body": _POSTER,
    "poster_centre": ParagraphStyle("poster_centre", parent=_POSTER, alignment=TA_CENTER),
}

# The header sits in the top margin, the footer in the bottom one.
_HEADER_BASELINE = PAGE_HEIGHT - 11 * mm
_HEADER_RULE = PAGE_HEIGHT - 13 * mm
_FOOTER_BASELINE = 10 * mm


# Text ---------------------------------------------------------------------------------------


def printable(text: str) -> str:
    """``text`` in the characters the built-in fonts have (Windows-1252, which holds every
    Spanish letter): others lose their accents (Ę becomes E), or become a question mark."""
    chars = []
    for char in text:
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            char = base or "?"
        chars.append(char)
    return "".join(chars)


def paragraph(text: str, style: str = "body") -> Paragraph:
    """Plain ``text`` (never markup) as a paragraph in one of :data:`STYLES`."""
    return Paragraph(escape(printable(text)), STYLES[style])


def fit(text: str, font: str, size: float, width: float, max_lines: int = 1) -> list[str]:
    """``text`` wrapped to ``width`` for drawing on a canvas; past ``max_lines`` the last line
    ends with an ellipsis."""
    lines: list[str] = simpleSplit(printable(text), font, size, width) or [""]
    if len(lines) <= max_lines:
        return lines
    last = " ".join(lines[max_lines - 1 :])
    while last and stringWidth(last + "…", font, size) > width:
        last = last[:-1]
    return [*lines[: max_lines - 1], last.rstrip() + "…"]


def shrink(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest font size up to ``size`` (down to ``smallest``) at which ``text`` fits."""
    while size > smallest and stringWidth(printable(text), font, size) > width:
        size -= 0.5
    return size


# Tables and blocks --------------------------------------------------------------------------


def _cell(value: object, style: str) -> object:
    return paragraph(value, style) if isinstance(value, str) and value else value


def table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    numeric: Collection[int] = (),
    row_height: float | None = None,
) -> Table:
    """A ruled table whose first row is the header, repeated on every page. Text cells wrap;
    the columns in ``numeric`` align right; ``row_height`` gives every other row room to write
    or sign in."""

    def styled(row: Sequence[object], head: bool) -> list[object]:
        kind = "cell_head" if head else "cell"
        return [
            _cell(value, f"{kind}_number" if column in numeric else kind)
            for column, value in enumerate(row)
        ]

    body = [styled(row, head=False) for row in rows[1:]]
    result = Table(
        [styled(rows[0], head=True), *body],
        colWidths=list(widths),
        rowHeights=([None] + [row_height] * len(body)) if row_height else None,
        repeatRows=1,
        hAlign="LEFT",
    )
    result.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return result


def particulars(rows: Iterable[tuple[str, str]], *, label_width: float = 35 * mm) -> Table:
    """Label and value, one pair a line, without rules: a document's particulars."""
    result = Table(
        [[paragraph(label, "bold"), paragraph(value)] for label, value in rows],
        colWidths=[label_width, WIDTH - label_width],
        hAlign="LEFT",
    )
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return result


class _SignatureLine(Flowable):  # type: ignore[misc]
    """A line to sign on."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width, self.height = width, 2

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.black)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 0, self.width, 0)


def signature_lines(roles: Sequence[str], *, heading: str) -> Flowable:
    """A line to sign on for each of ``roles``, two to a row, each with its role and room
    for the signer's name and ID number; kept on one page with its heading."""
    cells = [
        [
            Spacer(1, 14 * mm),
            _SignatureLine(WIDTH / 2 - 12 * mm),
            paragraph(role, "small"),
            paragraph(_("Name and ID:"), "small"),
        ]
        for role in roles
    ]
    rows = [cells[start : start + 2] for start in range(0, len(cells), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append([])
    grid = Table(rows, colWidths=[WIDTH / 2, WIDTH / 2], hAlign="LEFT")
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([paragraph(heading, "heading"), grid])


# Documents and sheets -----------------------------------------------------------------------


def _draw_header(canvas: Canvas, *, commune_name: str, title: str) -> None:
    name = fit(commune_name, BOLD, 9, WIDTH * 0.55)[0]
    canvas.setFont(BOLD, 9)
    canvas.setFillColor(colors.black)
    canvas.drawString(MARGIN, _HEADER_BASELINE, name)
    room = WIDTH - stringWidth(name, BOLD, 9) - 8 * mm
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, _HEADER_BASELINE, fit(title, FONT, 7.5, room)[0])
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, _HEADER_RULE, PAGE_WIDTH - MARGIN, _HEADER_RULE)


def _draw_footer(canvas: Canvas, *, note: str, printed: str, page: int) -> None:
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(MUTED)
    number = printable(_("Page %(number)s") % {"number": page})
    canvas.drawRightString(PAGE_WIDTH - MARGIN, _FOOTER_BASELINE, number)
    said = " · ".join(part for part in (note, _("Printed %(date)s") % {"date": printed}) if part)
    room = WIDTH - stringWidth(number, FONT, 7.5) - 8 * mm
    canvas.drawString(MARGIN, _FOOTER_BASELINE, fit(said, FONT, 7.5, room)[0])


def document_build(
    story: Sequence[Flowable], *, title: str, commune_name: str, note: str = ""
) -> bytes:
    """``story`` on A4 pages in the house style, as the bytes of a PDF.

    ``title`` names the document in its header and its properties; ``note`` says in the
    footer which record it was printed from (a meeting, a round), before the print date.
    """
    printed = formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")

    def on_page(canvas: Canvas, document: BaseDocTemplate) -> None:
        canvas.saveState()
        _draw_header(canvas, commune_name=commune_name, title=title)
        _draw_footer(canvas, note=note, printed=printed, page=document.page)
        canvas.restoreState()

    # No padding inside the frame: the text lines up with the header and footer, and a table
    # of WIDTH fills the line exactly.
    frame = Frame(
        MARGIN,
        MARGIN,
        WIDTH,
        PAGE_HEIGHT - 2 * MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[PageTemplate("page", frames=[frame], onPage=on_page)],
        title=printable(title),
        author=printable(commune_name),
        creator="Comuna",
    )
    document.build(list(story))
    return buffer.getvalue()


def sheet_build(draw: Callable[[Canvas], None], *, title: str, commune_name: str) -> bytes:
    """A sheet to cut, as the bytes of a PDF: ``draw`` draws on an A4 canvas and ends each
    of its pages with ``canvas.showPage()``."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(printable(title))
    canvas.setAuthor(printable(commune_name))
    canvas.setCreator("Comuna")
    draw(canvas)
    canvas.save()
    return buffer.getvalue()


def cut_lines(canvas: Canvas, *, xs: Iterable[float], ys: Iterable[float]) -> None:
    """Dashed lines across the whole page to cut along: upright at ``xs``, level at ``ys``."""
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.setDash(3, 3)
    for x in xs:
        canvas.line(x, 0, x, PAGE_HEIGHT)
    for y in ys:
        canvas.line(0, y, PAGE_WIDTH, y)
    canvas.restoreState()
