"""A letter and its reminders on paper (``comuna.core.pdf``): the commune's letterhead, the
reference and date, the addressee, the body, the figures from the incidents as a table, and
the signatures of the public-services committee. No reporter is ever printed."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from comuna.core.pdf import WIDTH, document_build, paragraph, particulars, signature_lines, table
from comuna.letters.models import Letter, Reminder
from comuna.letters.selectors import letter_figures


def _date(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _signatures() -> Flowable:
    return signature_lines(
        [_("Spokesperson of the public-services committee"), _("Administrator of the commune")],
        heading=_("For the public-services committee"),
    )


def _figures(letter: Letter) -> list[Flowable]:
    figures = letter_figures(letter)
    if not figures.rows:
        return []
    rows: list[list[object]] = [
        [_("Incident"), _("Kind"), _("Place"), _("Since"), _("Days"), _("Households")]
    ]
    for r in figures.rows:
        place = f"{r.council} · {r.sector}" if r.sector else r.council
        rows.append([r.reference, r.kind, place, _date(r.since), str(r.days), str(r.households)])
    rows.append(["", "", _("Total"), "", str(figures.days), str(figures.households)])
    widths = [22 * mm, 28 * mm, WIDTH - 22 * mm - 28 * mm - 28 * mm - 16 * mm - 22 * mm]
    return [
        paragraph(_("The figures"), "heading"),
        table(rows, [*widths, 28 * mm, 16 * mm, 22 * mm], numeric={4, 5}),
        paragraph(
            _("Days without the service: from the day it failed until it was restored, or today."),
            "small",
        ),
    ]


def letter_pdf(letter: Letter) -> bytes:
    """The letter, ready to print, sign and take to the institution."""
    institution = letter.institution
    day = letter.sent_on or timezone.localdate()
    story: list[Flowable] = [
        particulars(
            [
                (_("Reference"), letter.reference),
                (_("Date"), _date(day)),
                (_("To"), letter.sent_to or institution.contact or institution.name),
                (_("Institution"), institution.name),
                (_("Address"), institution.address),
                (_("Subject"), letter.subject),
            ]
        ),
        Spacer(1, 6 * mm),
        *[paragraph(part) for part in letter.body.split("\n\n") if part.strip()],
        *_figures(letter),
    ]
    if letter.brigade_work.strip():
        story += [
            paragraph(_("What the brigade already did"), "heading"),
            paragraph(letter.brigade_work),
        ]
    story += [
        paragraph(_("What we need from you"), "heading"),
        paragraph(letter.needed),
    ]
    if letter.answer_due_on:
        story.append(
            paragraph(
                _("We ask for your answer by %(date)s.") % {"date": _date(letter.answer_due_on)}
            )
        )
    story.append(_signatures())
    return document_build(
        story,
        title=_("Letter %(reference)s") % {"reference": letter.reference},
        commune_name=letter.institution.commune.name,
        note=letter.reference,
    )


def reminder_pdf(reminder: Reminder) -> bytes:
    """A reminder of a letter with no answer, quoting its reference, date and what it asked."""
    letter = reminder.letter
    assert letter.sent_on is not None  # noqa: S101 - only a sent letter has reminders
    story: list[Flowable] = [
        particulars(
            [
                (_("Reference"), reminder.reference),
                (_("Date"), _date(reminder.sent_on)),
                (_("To"), letter.sent_to or letter.institution.name),
                (_("Institution"), letter.institution.name),
                (_("Subject"), _("Reminder: %(subject)s") % {"subject": letter.subject}),
            ]
        ),
        Spacer(1, 6 * mm),
        paragraph(
            _(
                "On %(date)s we sent you our letter %(reference)s, which asked for an answer "
                "by %(due)s. We have not received it. We remind you of what we need:"
            )
            % {
                "date": _date(letter.sent_on),
                "reference": letter.reference,
                "due": _date(letter.answer_due_on or letter.sent_on),
            }
        ),
        paragraph(letter.needed),
        *_figures(letter),
        _signatures(),
    ]
    return document_build(
        story,
        title=_("Reminder %(reference)s") % {"reference": reminder.reference},
        commune_name=letter.institution.commune.name,
        note=reminder.reference,
    )
