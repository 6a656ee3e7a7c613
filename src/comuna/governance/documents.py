"""What a meeting puts on paper: the convocation poster, the attendance sheet, the paper
ballots and the minutes (acta), as A4 PDFs in the house style (``comuna.core.pdf``).

The poster goes up in the sector a week before (most households have no phone); the sheet is
signed at the door and typed back afterwards; the minutes are printed for signature. Texts are
in the active language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer

from comuna.census.identity import format_national_id
from comuna.core.pdf import (
    FONT,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    WIDTH,
    cut_lines,
    document_build,
    fit,
    paragraph,
    particulars,
    printable,
    sheet_build,
    signature_lines,
    table,
)
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

_p = paragraph  # on nearly every line below


def long_date(day: dt.date) -> str:
    """ "sábado, 4 de enero de 2025" / "Saturday, Jan. 4, 2025"."""
    return f"{formats.date_format(day, 'l')}, {formats.date_format(day, 'DATE_FORMAT')}"


def _time(value: dt.time | dt.datetime) -> str:
    return formats.time_format(value, "TIME_FORMAT")


def _document(meeting: Meeting, title: str, story: list[Flowable]) -> bytes:
    note = _("%(organ)s · %(date)s · meeting no. %(id)s") % {
        "organ": meeting.organ.name,
        "date": meeting.date.isoformat(),
        "id": meeting.pk,
    }
    return document_build(story, title=title, commune_name=meeting.organ.commune.name, note=note)


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
    return _document(meeting, title, story)


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
    rows: list[list[str]] = [header]
    for line in lines:
        where = line.person.household.label if organ.is_assembly else (line.seat or "")
        rows.append(
            [
                str(line.number),
                line.person.full_name,
                format_national_id(line.person.national_id),
                str(where),
                "",
            ]
        )
    rows += [["", "", "", "", ""] for _blank in range(BLANK_LINES)]
    widths = [12 * mm, 62 * mm, 26 * mm, 34 * mm, WIDTH - 134 * mm]
    story: list[Flowable] = [
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
        table(rows, widths, row_height=9 * mm),
    ]
    title = _("Attendance sheet: %(organ)s, %(date)s") % {
        "organ": organ.name,
        "date": meeting.date.isoformat(),
    }
    return _document(meeting, title, story)


# Paper ballots -----------------------------------------------------------------------------

BALLOT_COLUMNS, BALLOT_ROWS = 2, 4
BALLOT_WIDTH, BALLOT_HEIGHT = PAGE_WIDTH / BALLOT_COLUMNS, PAGE_HEIGHT / BALLOT_ROWS


def ballots_pdf(proposal: Proposal, *, count: int) -> bytes:
    """``count`` secret ballots (rounded up to full pages of eight) to cut along the lines:
    the question and three boxes to mark, For, Against, Abstain."""
    per_page = BALLOT_COLUMNS * BALLOT_ROWS
    pages = max(1, -(-count // per_page))

    def draw(canvas: Canvas) -> None:
        for _page in range(pages):
            cut_lines(
                canvas,
                xs=[column * BALLOT_WIDTH for column in range(1, BALLOT_COLUMNS)],
                ys=[row * BALLOT_HEIGHT for row in range(1, BALLOT_ROWS)],
            )
            for slot in range(per_page):
                column, row = slot % BALLOT_COLUMNS, slot // BALLOT_COLUMNS
                x = column * BALLOT_WIDTH
                y = PAGE_HEIGHT - (row + 1) * BALLOT_HEIGHT
                _draw_ballot(canvas, proposal, x, y)
            canvas.showPage()

    return sheet_build(
        draw,
        title=_("Ballots: %(title)s") % {"title": proposal.title},
        commune_name=proposal.meeting.organ.commune.name,
    )


def _draw_ballot(canvas: Canvas, proposal: Proposal, x: float, y: float) -> None:
    pad = 8 * mm
    inner = BALLOT_WIDTH - 2 * pad
    meeting = proposal.meeting
    canvas.setFillColor(MUTED)
    canvas.setFont(FONT, 7.5)
    heading = f"{meeting.organ.name} · {meeting.date.isoformat()}"
    canvas.drawString(x + pad, y + BALLOT_HEIGHT - pad, fit(heading, FONT, 7.5, inner)[0])
    canvas.setFillColor(colors.black)
    question = _p(f"{proposal.position}. {proposal.title}", "bold")
    _w, height = question.wrap(inner, 40 * mm)
    question.drawOn(canvas, x + pad, y + BALLOT_HEIGHT - pad - 6 - height)
    box = 7 * mm
    choices = (_("For"), _("Against"), _("Abstain"))
    step = inner / len(choices)
    canvas.setFont(FONT, 10)
    for index, label in enumerate(choices):
        bx = x + pad + index * step
        canvas.rect(bx, y + pad + 6 * mm, box, box)
        canvas.drawString(bx + box + 2 * mm, y + pad + 8 * mm, printable(label))
    canvas.setFillColor(MUTED)
    canvas.setFont(FONT, 7)
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
    story: list[Flowable] = []
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
    roles = [_("Chair of the meeting"), _("Secretary"), _("Comptroller"), _("Witness")]
    story.append(signature_lines(roles, heading=_("Signatures")))
    title = _("Minutes: %(organ)s, %(date)s") % {
        "organ": organ.name,
        "date": meeting.date.isoformat(),
    }
    return _document(meeting, title, story)


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
    return [particulars(rows)]


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
        rows += [(v.seat.title, v.person.full_name, v.get_vote_display()) for v in votes]
        flow.append(table(rows, [60 * mm, 70 * mm, WIDTH - 130 * mm]))
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
    rows += [(a.seat.title if a.seat else "—", a.person.full_name) for a in attendances]
    return [_p(_("Seats present"), "heading"), table(rows, [80 * mm, WIDTH - 80 * mm])]
