"""The printable statement: what the assembly approves, with the chain head and entry count
that let anyone check later that nothing approved was changed."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from comuna.engines.ledger import format_amount
from comuna.ledger.models import Statement

ACCENT = colors.HexColor("#b3261e")
MUTED = colors.HexColor("#5f6b73")
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
_BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=9.5, leading=12)
TITLE = ParagraphStyle("title", parent=_BASE, fontName="Helvetica-Bold", fontSize=15, leading=19)
HEADING = ParagraphStyle(
    "heading",
    parent=_BASE,
    fontName="Helvetica-Bold",
    fontSize=11,
    leading=14,
    textColor=ACCENT,
    spaceBefore=8,
    spaceAfter=3,
)
MONO = ParagraphStyle("mono", parent=_BASE, fontName="Courier", fontSize=8.5, wordWrap="CJK")


def _printable(text: str) -> str:
    # The built-in fonts carry Windows-1252 (every Spanish letter); drop anything else.
    return text.encode("cp1252", "replace").decode("cp1252")


def _p(text: str, style: ParagraphStyle = _BASE) -> Paragraph:
    return Paragraph(escape(_printable(text)), style)


def _table(header: list[str], rows: list[list[str]]) -> Table:
    table = Table(
        [[_p(h) for h in header], *[[_p(c) for c in r] for r in rows]],
        colWidths=[WIDTH * 0.14, WIDTH * 0.46, WIDTH * 0.2, WIDTH * 0.2][: len(header)],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, MUTED),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _amount(row: dict[str, Any], key: str) -> str:
    return f"{format_amount(int(row[key]), str(row['unit']))} {row['unit']}"


def statement_pdf(statement: Statement) -> bytes:
    """The statement on A4: balances, income and expenses by category, head and count."""
    rows: list[dict[str, Any]] = statement.totals.get("accounts", [])
    story: list[Any] = [
        _p(statement.commune.name, _BASE),
        _p(_("Statement of accounts: %(label)s") % {"label": statement.label}, TITLE),
        _p(
            _("Period %(start)s to %(end)s · closed %(closed)s")
            % {
                "start": statement.start.isoformat(),
                "end": statement.end.isoformat(),
                "closed": formats.date_format(
                    timezone.localtime(statement.closed_at), "SHORT_DATE_FORMAT"
                ),
            }
        ),
        Spacer(1, 4 * mm),
        _p(_("Chain head and entry count"), HEADING),
        _p(
            _(
                "These two values commit to every entry of the books up to the close. Anyone "
                "can check them later with “comuna ledger verify --head HEAD”."
            )
        ),
        _p(_("Entries: %(count)s") % {"count": statement.entry_count}, MONO),
        _p(_("Head: %(head)s") % {"head": statement.head}, MONO),
    ]
    if statement.is_approved and statement.approved_on is not None:
        story.append(
            _p(
                _("Approved on %(date)s by %(meeting)s.")
                % {
                    "date": statement.approved_on.isoformat(),
                    "meeting": statement.meeting_reference,
                }
            )
        )
    header = [_("Code"), _("Account"), _("Opening"), _("Closing")]
    balances = [r for r in rows if r["kind"] in ("asset", "liability", "fund")]
    story += [
        _p(_("Balances"), HEADING),
        _table(
            header,
            [
                [r["code"], _(r["name"]), _amount(r, "opening"), _amount(r, "closing")]
                for r in balances
            ],
        ),
    ]
    for kind, title in (
        ("income", _("Income by category")),
        ("expense", _("Expenses by category")),
    ):
        lines = [r for r in rows if r["kind"] == kind and r["change"]]
        story += [
            _p(title, HEADING),
            _table(
                [_("Code"), _("Account"), _("In the period")],
                [[r["code"], _(r["name"]), _amount(r, "change")] for r in lines]
                or [["", _("Nothing in this period."), ""]],
            ),
        ]
    story += [
        Spacer(1, 14 * mm),
        _p(_("Signatures of the comptroller and of the parliament's spokespeople:")),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=_printable(statement.label),
        creator="Comuna",
    )
    document.build(story)
    return buffer.getvalue()
