"""What the calendar and the gatherings put in files: the adopted declaration as a PDF in the
house style (``comuna.core.pdf``) and the calendar as iCalendar (RFC 5545) for phones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from comuna.core.pdf import document_build, paragraph, particulars
from comuna.gatherings import selectors
from comuna.gatherings.models import Action, Gathering


def declaration_pdf(gathering: Gathering) -> bytes:
    """The declaration as the gathering adopted it, numbered, with the vote that adopted it."""
    dates = formats.date_format(gathering.starts_on, "DATE_FORMAT")
    if gathering.ends_on != gathering.starts_on:
        dates = f"{dates} – {formats.date_format(gathering.ends_on, 'DATE_FORMAT')}"
    story: list[Flowable] = [
        paragraph(_("Declaration of %(name)s") % {"name": gathering.name}, "title"),
        particulars(
            [
                (_("Place"), gathering.place),
                (_("Dates"), dates),
                (_("Convened by"), gathering.unit.name),
                (
                    _("Vote"),
                    _(
                        "%(yes)s for, %(no)s against, %(abstaining)s abstaining; "
                        "%(present)s of %(registered)s delegates present"
                    )
                    % {
                        "yes": gathering.votes_yes,
                        "no": gathering.votes_no,
                        "abstaining": gathering.votes_abstaining,
                        "present": gathering.present,
                        "registered": gathering.registered,
                    },
                ),
            ]
        ),
        Spacer(0, 5 * mm),
    ]
    for item in selectors.declaration_adopted(gathering):
        story.append(paragraph(f"{item.number}. {item.text}"))
        story.append(Spacer(0, 2.5 * mm))
    carried = gathering.amendments.filter(status="carried").count()
    story.append(
        paragraph(
            _("The draft had %(draft)s paragraphs; %(carried)s amendments were carried.")
            % {"draft": gathering.paragraphs.count(), "carried": carried},
            "small",
        )
    )
    return document_build(
        story,
        title=_("Declaration of %(name)s") % {"name": gathering.name},
        commune_name=gathering.unit.name,
        note=_("gathering no. %(id)s") % {"id": gathering.pk},
    )


def _escape(text: str) -> str:
    """A TEXT value of RFC 5545 (section 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, the continuation starting with a space (section 3.1)."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def calendar_ics(actions: Iterable[Action], *, host: str) -> str:
    """The actions as all-day events of an iCalendar file (CRLF lines)."""
    stamp = timezone.now().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Comuna//Calendar of actions//ES",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(_('Calendar of actions'))}",
    ]
    for action in actions:
        organisations = ", ".join(t.organisation.name for t in action.taking_part.all())
        description = action.description
        if organisations:
            description = f"{description}\n\n{_('Taking part')}: {organisations}".strip()
        lines += [
            "BEGIN:VEVENT",
            f"UID:{action.uuid}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{action.starts_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{action.ends_on + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(action.title)}",
            f"DESCRIPTION:{_escape(description)}",
            f"CATEGORIES:{_escape(action.get_kind_display())}",
            f"LOCATION:{_escape(action.unit.name)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
