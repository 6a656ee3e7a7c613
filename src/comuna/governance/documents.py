"""What a meeting puts on paper: the convocation poster, the attendance sheet, the paper
ballots and the minutes (acta), as A4 PDFs in the PDF's built-in fonts.

The poster goes up in the sector a week before (most households have no phone); the sheet is
signed at the door and typed back afterwards; the minutes are printed for signature. Texts are
in the active language.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from comuna.census.identity import format_national_id
from comuna.engines.governance_rules import Quorum, QuorumBasis
from comuna.governance import selectors
from comuna.governance.models import (
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    Proposal,
    ProposalStatus,
    VoteMethod,
)

ACCENT = colors.HexColor("#b3261e")
MUTED = colors.HexColor("#5f6b73")
RULE = colors.HexColor("#9aa5ad")
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN

_BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=10, leading=13)
STYLES = {
    "small": ParagraphStyle("small", parent=_BASE, fontSize=8, leading=10, textColor=MUTED),
    "body": _BASE,
    "bold": ParagraphStyle("bold", parent=_BASE, fontName="Helvetica-Bold"),
    "title": ParagraphStyle(
        "title", parent=_BASE, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=4
    ),
    "heading": ParagraphStyle(
        "heading",
        parent=_BASE,
        fontName="Helvetica-Bold",
        fontSize=11.5,
        leading=15,
        spaceBefore=8,
        spaceAfter=3,
        textColor=ACCENT,
    ),
    "mono": ParagraphStyle(
        "mono", parent=_BASE, fontName="Courier", fontSize=8.5, leading=11, wordWrap="CJK"
    ),
    "poster_title": ParagraphStyle(
        "poster_title",
        parent=_BASE,
        fontName="Helvetica-Bold",
        fontSize=40,
        leading=46,
        alignment=1,
        textColor=ACCENT,
    ),
    "poster_big": ParagraphStyle(
        "poster_big", parent=_BASE, fontName="Helvetica-Bold", fontSize=24, leading=30, alignment=1
    ),
    "poster_body": ParagraphStyle("poster_body", parent=_BASE, fontSize=15, leading=20),
    "poster_centre": ParagraphStyle(
        "poster_centre", parent=_BASE, fontSize=15, leading=20, alignment=1
    ),
}


def printable(text: str) -> str:
    """``text`` in the characters the built-in fonts have (Windows-1252, every Spanish
    letter): others lose their accents, or become a question mark."""
    chars = []
    for char in text:
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            char = base or "?"
        chars.append(char)
    return "".join(chars)


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(printable(text)), STYLES[style])


def long_date(day: dt.date) -> str:
    """ "sábado, 4 de enero de 2025" / "Saturday, Jan. 4, 2025"."""
    return f"{formats.date_format(day, 'l')}, {formats.date_format(day, 'DATE_FORMAT')}"


def _time(value: dt.time | dt.datetime) -> str:
    return formats.time_format(value, "TIME_FORMAT")


def _document(
    title: str, author: str, story: list[Flowable], *, footer: str, top: float = MARGIN
) -> bytes:
    buffer = io.BytesIO()

    def on_page(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 10 * mm, printable(footer))
        page = _("Page %(number)s") % {"number": document.page}
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, printable(page))
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=top,
        bottomMargin=MARGIN,
        title=printable(title),
        author=printable(author),
        creator="Comuna",
    )
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def _footer(meeting: Meeting) -> str:
    printed = formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")
    return _("%(organ)s · %(date)s · meeting no. %(id)s · printed %(printed)s") % {
        "organ": meeting.organ.name,
        "date": meeting.date.isoformat(),
        "id": meeting.pk,
        "printed": printed,
    }


def _ruled_table(rows: Sequence[Sequence[object]], widths: Sequence[float], **kw: object) -> Table:
    table = Table(list(rows), colWidths=list(widths), **kw)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


# Quorum in words ---------------------------------------------------------------------------


def quorum_rule_text(quorum: Quorum) -> str:
    """ "30% of the 412 residents aged 15 and over" / "more than half of its 28 seats"."""
    percent = f"{quorum.percent.normalize():f}"
    if quorum.basis == QuorumBasis.ELECTORATE_SHARE:
        return ngettext(
            "%(percent)s%% of the %(base)s resident of age",
            "%(percent)s%% of the %(base)s residents of age",
            quorum.base,
        ) % {"percent": percent, "base": quorum.base}
    if quorum.basis == QuorumBasis.SEAT_TWO_THIRDS:
        return _("two thirds of its %(base)s seats") % {"base": quorum.base}
    return ngettext(
        "more than half of its %(base)s seat", "more than half of its %(base)s seats", quorum.base
    ) % {"base": quorum.base}


# The convocation poster --------------------------------------------------------------------


def convocation_pdf(meeting: Meeting) -> bytes:
    """A poster for the sector's walls: who meets, when, where, at which calls, what for,
    and how many must come for the meeting to decide."""
    organ = meeting.organ
    story: list[Flowable] = [
        _p(organ.commune.name, "poster_centre"),
        Spacer(1, 6 * mm),
        _p(_("NOTICE OF MEETING"), "poster_title"),
        Spacer(1, 6 * mm),
        _p(organ.name, "poster_big"),
        Spacer(1, 4 * mm),
        _p(long_date(meeting.date), "poster_big"),
        Spacer(1, 2 * mm),
        _p(meeting.place, "poster_centre"),
        Spacer(1, 6 * mm),
    ]
    calls = _("First call: %(time)s") % {"time": _time(meeting.first_call_time)}
    if meeting.second_call_time:
        calls += "  ·  " + _("Second call: %(time)s") % {"time": _time(meeting.second_call_time)}
    story += [_p(calls, "poster_big"), Spacer(1, 8 * mm)]
    items = list(meeting.agenda.all())
    if items:
        story.append(_p(_("Agenda"), "poster_big"))
        story += [_p(f"{item.position}. {item.title}", "poster_body") for item in items]
        story.append(Spacer(1, 8 * mm))
    story += _poster_quorum(meeting)
    story += [
        Spacer(1, 8 * mm),
        _p(
            _("The assembly is the highest governing body of the commune. Come and take part."),
            "poster_centre",
        ),
    ]
    title = _("Notice of meeting: %(organ)s, %(date)s") % {
        "organ": organ.name,
        "date": meeting.date.isoformat(),
    }
    return _document(title, organ.commune.name, story, footer=_footer(meeting), top=14 * mm)


def _poster_quorum(meeting: Meeting) -> list[Flowable]:
    if not meeting.organ.is_assembly:
        quorum = selectors.meeting_quorum(meeting)
        text = _("The meeting decides with %(required)s seats present (%(rule)s).") % {
            "required": quorum.required,
            "rule": quorum_rule_text(quorum),
        }
        return [_p(text, "poster_body")]
    first = selectors.meeting_quorum(meeting, call=1)
    text = _("At first call, %(required)s people must be present (%(rule)s).") % {
        "required": first.required,
        "rule": quorum_rule_text(first),
    }
    flow = [_p(text, "poster_body")]
    if meeting.second_call_time:
        second = selectors.meeting_quorum(meeting, call=2)
        text = _("At second call, %(required)s (%(rule)s).") % {
            "required": second.required,
            "rule": quorum_rule_text(second),
        }
        flow.append(_p(text, "poster_body"))
    return flow


# The attendance sheet ----------------------------------------------------------------------

BLANK_LINES = 12


def attendance_sheet_pdf(meeting: Meeting) -> bytes:
    """Numbered lines to sign at the door: name, ID number, household or seat, signature.
    The numbers are the ones the attendance page takes back; blank lines at the end are for
    anyone not listed, who writes their ID number."""
    organ = meeting.organ
    lines = selectors.attendance_sheet_lines(meeting)
    header = [
        _("No."),
        _("Name"),
        _("ID number"),
        _("Household") if organ.is_assembly else _("Seat"),
        _("Signature"),
    ]
    rows: list[list[object]] = [[printable(text) for text in header]]
    for line in lines:
        where = line.person.household.label if organ.is_assembly else (line.seat or "")
        rows.append(
            [
                str(line.number),
                _p(line.person.full_name),
                format_national_id(line.person.national_id),
                _p(str(where)),
                "",
            ]
        )
    rows += [["", "", "", "", ""] for _blank in range(BLANK_LINES)]
    widths = [12 * mm, 62 * mm, 26 * mm, 34 * mm, WIDTH - 134 * mm]
    table = _ruled_table(rows, widths, repeatRows=1, rowHeights=[None] + [9 * mm] * (len(rows) - 1))
    story: list[Flowable] = [
        _p(organ.commune.name, "small"),
        _p(_("Attendance sheet"), "title"),
        _p(f"{organ.name} · {long_date(meeting.date)} · {meeting.place}", "bold"),
        _p(
            _(
                "Sign on your line. If you are not listed, write your name and ID number on a "
                "blank line at the end."
            ),
            "small",
        ),
        Spacer(1, 3 * mm),
        table,
    ]
    title = _("Attendance sheet: %(organ)s, %(date)s") % {
        "organ": organ.name,
        "date": meeting.date.isoformat(),
    }
    return _document(title, organ.commune.name, story, footer=_footer(meeting))


# Paper ballots -----------------------------------------------------------------------------

BALLOT_COLUMNS, BALLOT_ROWS = 2, 4
BALLOT_WIDTH, BALLOT_HEIGHT = A4[0] / BALLOT_COLUMNS, A4[1] / BALLOT_ROWS


def ballots_pdf(proposal: Proposal, *, count: int) -> bytes:
    """``count`` secret ballots (rounded up to full pages of eight) to cut along the lines:
    the question and three boxes to mark, For, Against, Abstain."""
    meeting = proposal.meeting
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(printable(_("Ballots: %(title)s") % {"title": proposal.title}))
    canvas.setAuthor(printable(meeting.organ.commune.name))
    canvas.setCreator("Comuna")
    per_page = BALLOT_COLUMNS * BALLOT_ROWS
    pages = max(1, -(-count // per_page))
    for _page in range(pages):
        _cut_lines(canvas)
        for slot in range(per_page):
            column, row = slot % BALLOT_COLUMNS, slot // BALLOT_COLUMNS
            x = column * BALLOT_WIDTH
            y = A4[1] - (row + 1) * BALLOT_HEIGHT
            _draw_ballot(canvas, proposal, x, y)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _cut_lines(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.setDash(3, 3)
    for column in range(1, BALLOT_COLUMNS):
        canvas.line(column * BALLOT_WIDTH, 0, column * BALLOT_WIDTH, A4[1])
    for row in range(1, BALLOT_ROWS):
        canvas.line(0, row * BALLOT_HEIGHT, A4[0], row * BALLOT_HEIGHT)
    canvas.restoreState()


def _draw_ballot(canvas: Canvas, proposal: Proposal, x: float, y: float) -> None:
    pad = 8 * mm
    inner = BALLOT_WIDTH - 2 * pad
    meeting = proposal.meeting
    canvas.setFillColor(MUTED)
    canvas.setFont("Helvetica", 7.5)
    heading = f"{meeting.organ.name} · {meeting.date.isoformat()}"
    canvas.drawString(x + pad, y + BALLOT_HEIGHT - pad, printable(heading)[:70])
    canvas.setFillColor(colors.black)
    question = Paragraph(
        escape(printable(f"{proposal.position}. {proposal.title}")), STYLES["bold"]
    )
    _w, height = question.wrap(inner, 40 * mm)
    question.drawOn(canvas, x + pad, y + BALLOT_HEIGHT - pad - 6 - height)
    box = 7 * mm
    choices = (_("For"), _("Against"), _("Abstain"))
    step = inner / len(choices)
    canvas.setFont("Helvetica", 10)
    for index, label in enumerate(choices):
        bx = x + pad + index * step
        canvas.rect(bx, y + pad + 6 * mm, box, box)
        canvas.drawString(bx + box + 2 * mm, y + pad + 8 * mm, printable(label))
    canvas.setFillColor(MUTED)
    canvas.setFont("Helvetica", 7)
    canvas.drawString(
        x + pad, y + pad, printable(_("Mark one box. Fold the ballot and put it in the box."))
    )
    canvas.setFillColor(colors.black)


# The minutes -------------------------------------------------------------------------------


def acta_pdf(meeting: Meeting) -> bytes:
    """The minutes: place, date, call, attendance and quorum, the agenda, every proposal with
    its vote and result, the decisions, the ledger head of any accounts approved, and lines
    for the signatures."""
    organ = meeting.organ
    story: list[Flowable] = [_p(organ.commune.name, "small")]
    if meeting.status != MeetingStatus.CLOSED:
        story.append(_p(_("DRAFT: the meeting is not closed yet."), "heading"))
    story += [
        _p(_("Minutes of the meeting"), "title"),
        _p(organ.name, "bold"),
        Spacer(1, 2 * mm),
        *_acta_particulars(meeting),
        _p(_("Agenda"), "heading"),
    ]
    items = list(meeting.agenda.all())
    story += [_p(f"{item.position}. {item.title}") for item in items] or [_p("—")]
    story.append(_p(_("Proposals, votes and decisions"), "heading"))
    proposals = list(
        meeting.proposals.select_related(
            "agenda_item", "responsible_organ", "seat", "candidate", "candidate_substitute",
            "petition__seat", "petition__holder",
        ).order_by("position")
    )  # fmt: skip
    decided = Decision.objects.of(meeting.commune_id).filter(proposal__in=proposals)
    decisions = {d.proposal_id: d for d in decided}
    for proposal in proposals:
        story.append(KeepTogether(_acta_proposal(proposal, decisions.get(proposal.pk))))
    if not proposals:
        story.append(_p(_("No proposal was put to the vote.")))
    if meeting.notes:
        story += [_p(_("Notes"), "heading"), _p(meeting.notes)]
    story += _acta_attendance(meeting)
    story.append(KeepTogether(_signature_lines(meeting)))
    title = _("Minutes: %(organ)s, %(date)s") % {
        "organ": organ.name,
        "date": meeting.date.isoformat(),
    }
    return _document(title, organ.commune.name, story, footer=_footer(meeting))


def _acta_particulars(meeting: Meeting) -> list[Flowable]:
    quorum = selectors.meeting_quorum(meeting)
    present = meeting.attendance_count if meeting.attendance_count is not None else quorum.present
    required = meeting.quorum_required if meeting.quorum_required is not None else quorum.required
    reached = present >= required
    calls = _time(meeting.first_call_time)
    if meeting.second_call_time:
        calls = _("%(first)s (first call), %(second)s (second call)") % {
            "first": calls,
            "second": _time(meeting.second_call_time),
        }
    held = _("first call") if meeting.call == 1 else _("second call")
    if meeting.organ.is_assembly:
        attendance = ngettext(
            "%(present)s person present of %(base)s residents of age",
            "%(present)s people present of %(base)s residents of age",
            present,
        ) % {"present": present, "base": quorum.base}
    else:
        attendance = ngettext(
            "%(present)s seat present of %(base)s",
            "%(present)s seats present of %(base)s",
            present,
        ) % {"present": present, "base": quorum.base}
    verdict = _("reached") if reached else _("NOT reached")
    rows = [
        (_("Date"), long_date(meeting.date)),
        (_("Place"), meeting.place),
        (_("Convened for"), calls),
        (_("Held at"), held),
        (_("Attendance"), attendance),
        (
            _("Quorum"),
            _("%(required)s needed (%(rule)s): %(verdict)s")
            % {"required": required, "rule": quorum_rule_text(quorum), "verdict": verdict},
        ),
    ]
    # Times only when the session was recorded on its day (one typed in later has none).
    if (
        meeting.opened_at
        and meeting.closed_at
        and timezone.localtime(meeting.opened_at).date() == meeting.date
    ):
        rows.append(
            (
                _("Session"),
                _("opened at %(opened)s, closed at %(closed)s")
                % {
                    "opened": _time(timezone.localtime(meeting.opened_at)),
                    "closed": _time(timezone.localtime(meeting.closed_at)),
                },
            )
        )
    table = Table(
        [[_p(label, "bold"), _p(value)] for label, value in rows],
        colWidths=[35 * mm, WIDTH - 35 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table]


def _vote_line(proposal: Proposal) -> str:
    method = proposal.get_method_display()
    majority = proposal.get_majority_display()
    if proposal.status == ProposalStatus.PENDING:
        return _("Vote: %(method)s; majority needed: %(majority)s. Not voted.") % {
            "method": method,
            "majority": majority,
        }
    counts = _("for %(yes)s, against %(no)s, abstaining %(abstaining)s") % {
        "yes": proposal.votes_for,
        "no": proposal.votes_against,
        "abstaining": proposal.votes_abstaining,
    }
    if proposal.blank_ballots:
        counts += _(", blank or spoiled %(blank)s") % {"blank": proposal.blank_ballots}
    return _("Vote: %(method)s; majority needed: %(majority)s; %(counts)s.") % {
        "method": method,
        "majority": majority,
        "counts": counts,
    }


def _acta_proposal(proposal: Proposal, decision: Decision | None) -> list[Flowable]:
    flow: list[Flowable] = [
        _p(f"{proposal.position}. {proposal.title} ({proposal.get_kind_display()})", "bold")
    ]
    if proposal.text:
        flow.append(_p(proposal.text))
    flow += _acta_subject(proposal)
    flow.append(_p(_vote_line(proposal)))
    if proposal.method == VoteMethod.ROLL_CALL and proposal.is_counted:
        votes = proposal.roll_call.select_related("seat", "person").order_by("seat_id")
        rows: list[Sequence[object]] = [(_("Seat"), _("Name"), _("Vote"))]
        rows += [(_p(v.seat.title), _p(v.person.full_name), v.get_vote_display()) for v in votes]
        flow.append(_ruled_table(rows, [60 * mm, 70 * mm, WIDTH - 130 * mm]))
    if proposal.method == VoteMethod.BALLOT and proposal.is_counted:
        flow.append(
            _p(
                ngettext(
                    "Counted separately by two clerks, whose counts agreed.",
                    "Counted separately by two clerks, whose counts agreed after %(n)s recounts.",
                    proposal.tally_round - 1 or 1,
                )
                % {"n": proposal.tally_round - 1},
                "small",
            )
        )
    result = {
        ProposalStatus.CARRIED: _("Result: CARRIED."),
        ProposalStatus.REJECTED: _("Result: REJECTED."),
        ProposalStatus.PENDING: _("Result: not voted."),
    }[ProposalStatus(proposal.status)]
    flow.append(_p(result, "bold"))
    if decision is not None:
        responsible = decision.responsible_organ.name if decision.responsible_organ else "—"
        due = decision.due_date.isoformat() if decision.due_date else "—"
        flow.append(
            _p(
                _("Decision no. %(id)s: carried out by %(organ)s; due %(due)s.")
                % {"id": decision.pk, "organ": responsible, "due": due}
            )
        )
    flow.append(Spacer(1, 3 * mm))
    return flow


def _acta_subject(proposal: Proposal) -> list[Flowable]:
    if proposal.kind == DecisionKind.ACCOUNTS:
        return [
            _p(_("Statement: %(label)s") % {"label": proposal.statement_label or "—"}),
            _p(
                _("Ledger entries: %(count)s. Chain head approved:")
                % {"count": proposal.ledger_entry_count}
            ),
            _p(proposal.ledger_head, "mono"),
        ]
    if proposal.kind == DecisionKind.ELECTION and proposal.seat and proposal.candidate:
        text = _("Seat: %(seat)s. Candidate: %(holder)s; substitute: %(substitute)s.") % {
            "seat": proposal.seat,
            "holder": proposal.candidate.full_name,
            "substitute": proposal.candidate_substitute.full_name
            if proposal.candidate_substitute
            else "—",
        }
        return [_p(text)]
    if proposal.kind == DecisionKind.RECALL and proposal.petition is not None:
        petition = proposal.petition
        text = _(
            "Recall of %(holder)s from the seat %(seat)s, asked for by a petition of "
            "%(signatures)s signatures (%(needed)s needed) opened on %(date)s."
        ) % {
            "holder": petition.holder.full_name,
            "seat": petition.seat,
            "signatures": petition.signatures.count(),
            "needed": petition.signatures_needed,
            "date": petition.opened_on.isoformat(),
        }
        return [_p(text)]
    return []


def _acta_attendance(meeting: Meeting) -> list[Flowable]:
    """Seats present by name (spokespeople are public office holders); an assembly's
    attendance is the signed sheet kept with the minutes, counted here."""
    if meeting.organ.is_assembly:
        count = meeting.attendances.count()
        return [
            _p(_("Attendance"), "heading"),
            _p(
                ngettext(
                    "The attendance sheet, with %(count)s signature, is kept with these minutes.",
                    "The attendance sheet, with %(count)s signatures, is kept with these minutes.",
                    count,
                )
                % {"count": count}
            ),
        ]
    attendances = meeting.attendances.select_related("seat", "person").order_by("seat_id")
    rows: list[Sequence[object]] = [(_("Seat"), _("Present"))]
    rows += [(_p(a.seat.title if a.seat else "—"), _p(a.person.full_name)) for a in attendances]
    return [_p(_("Seats present"), "heading"), _ruled_table(rows, [80 * mm, WIDTH - 80 * mm])]


def _signature_lines(meeting: Meeting) -> list[Flowable]:
    roles = [_("Chair of the meeting"), _("Secretary"), _("Comptroller"), _("Witness")]
    cells = []
    for role in roles:
        cells.append(
            [Spacer(1, 14 * mm), _line(), _p(role, "small"), _p(_("Name and ID:"), "small")]
        )
    table = Table([cells[:2], cells[2:]], colWidths=[WIDTH / 2, WIDTH / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [_p(_("Signatures"), "heading"), table]


class _Line(Flowable):  # type: ignore[misc]
    """A line to sign on."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width, self.height = width, 2

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.black)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 0, self.width, 0)


def _line() -> Flowable:
    return _Line(WIDTH / 2 - 12 * mm)
