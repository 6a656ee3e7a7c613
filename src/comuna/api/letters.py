"""The letters to institutions over JSON, read only: the list and one letter with its figures.
Same rules as the pages (``comuna.letters.access``); no reporter of an incident appears."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import P, PathEx, Router, Schema

from comuna.api.auth import api_actor
from comuna.api.errors import READ_ERRORS
from comuna.api.inputs import MAX_ID
from comuna.letters.access import letter_for_user, letters_readable
from comuna.letters.models import Letter
from comuna.letters.selectors import letter_figures

router = Router(tags=["letters"])


class LetterOut(Schema):
    id: int
    reference: str
    institution: str
    subject: str
    status: str
    """draft, sent or answered."""
    overdue: bool
    sent_on: dt.date | None
    answer_due_on: dt.date | None
    answered_on: dt.date | None


class LetterIncidentOut(Schema):
    reference: str
    kind: str
    council: str
    sector: str
    since: dt.date
    resolved_on: dt.date | None
    days: int
    households: int


class LetterReminderOut(Schema):
    reference: str
    sent_on: dt.date


class LetterDetailOut(LetterOut):
    body: str
    needed: str
    brigade_work: str
    sent_to: str
    answer_summary: str
    days_without_service: int
    households_affected: int
    incidents: list[LetterIncidentOut]
    reminders: list[LetterReminderOut]


def _out(letter: Letter, today: dt.date) -> LetterOut:
    return LetterOut(
        id=letter.pk,
        reference=letter.reference,
        institution=letter.institution.name,
        subject=letter.subject,
        status=letter.status,
        overdue=letter.is_overdue_on(today),
        sent_on=letter.sent_on,
        answer_due_on=letter.answer_due_on,
        answered_on=letter.answered_on,
    )


@router.get("/", response={200: list[LetterOut], **READ_ERRORS}, summary="Letters")
def letters(request: HttpRequest) -> list[LetterOut]:
    """The letters the caller may read: all of them for the administrator and the comptroller,
    those about their council's incidents for a council's spokesperson."""
    today = timezone.localdate()
    found = letters_readable(api_actor(request)).select_related("institution")
    return [_out(x, today) for x in found.order_by("-year", "-number")]


@router.get("/{letter_id}", response={200: LetterDetailOut, **READ_ERRORS}, summary="Letter")
def letter(request: HttpRequest, letter_id: PathEx[int, P(ge=1, le=MAX_ID)]) -> LetterDetailOut:
    found = letter_for_user(api_actor(request), letter_id)
    today = timezone.localdate()
    figures = letter_figures(found, today=today)
    return LetterDetailOut(
        **_out(found, today).dict(),
        body=found.body,
        needed=found.needed,
        brigade_work=found.brigade_work,
        sent_to=found.sent_to,
        answer_summary=found.answer_summary,
        days_without_service=figures.days,
        households_affected=figures.households,
        incidents=[
            LetterIncidentOut(
                reference=r.reference,
                kind=r.kind,
                council=r.council,
                sector=r.sector,
                since=r.since,
                resolved_on=r.until,
                days=r.days,
                households=r.households,
            )
            for r in figures.rows
        ],
        reminders=[
            LetterReminderOut(reference=r.reference, sent_on=r.sent_on)
            for r in found.reminders.all()
        ],
    )
