"""What the letters' pages read: a letter's figures from its incidents, the overdue letters, and
how each institution answers. No reporter of an incident is ever read here."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.incidents.models import Incident, WorkLog
from comuna.letters.models import Institution, Letter, LetterStatus


@dataclass(frozen=True)
class IncidentFigure:
    reference: str
    kind: str
    council: str
    sector: str
    since: dt.date
    until: dt.date | None
    """When it was resolved; None while it lasts."""
    days: int
    households: int


@dataclass(frozen=True)
class LetterFigures:
    rows: list[IncidentFigure]
    days: int
    """The longest stretch without the service among the letter's incidents."""
    households: int


def letter_figures(letter: Letter, *, today: dt.date | None = None) -> LetterFigures:
    """Days without the service (since → resolved, or today) and households affected."""
    today = today or timezone.localdate()
    rows = []
    incidents = letter.incidents.select_related("kind", "council", "sector").order_by("number")
    for i in incidents:
        until = timezone.localdate(i.resolved_at) if i.resolved_at else None
        end = until or today
        rows.append(
            IncidentFigure(
                reference=i.reference,
                kind=i.kind.display_name,
                council=i.council.name,
                sector=i.sector.name if i.sector else "",
                since=i.since,
                until=until,
                days=max((end - i.since).days, 0),
                households=i.households_affected,
            )
        )
    return LetterFigures(
        rows=rows,
        days=max((r.days for r in rows), default=0),
        households=sum(r.households for r in rows),
    )


BRIGADE_WORK_MAX = 4000  # the letter's field


def brigade_work_summary(incidents: Sequence[Incident]) -> str:
    """What the brigades did for ``incidents``, from their work logs: a line per day worked,
    oldest first (a letter's default "what the brigade already did")."""
    if not incidents:
        return ""
    logs = (
        WorkLog.objects.of(incidents[0].commune_id)
        .filter(incident__in=[incident.pk for incident in incidents])
        .select_related("incident")
        .order_by("date", "pk")
    )
    lines = (
        _("%(date)s, %(incident)s: %(done)s (%(people)s people, %(hours)s h).")
        % {
            "date": date_format(log.date, "SHORT_DATE_FORMAT"),
            "incident": log.incident.reference,
            "done": " ".join(log.done.split()),
            "people": log.people,
            "hours": log.hours,
        }
        for log in logs
    )
    summary = ""
    for line in lines:  # within the letter's field, whole lines only
        if len(summary) + len(line) + 1 > BRIGADE_WORK_MAX:
            break
        summary = f"{summary}\n{line}" if summary else line
    return summary


def letters_overdue(letters: QuerySet[Letter], *, today: dt.date) -> QuerySet[Letter]:
    """Sent, unanswered, and past the day their answer was due."""
    return letters.filter(status=LetterStatus.SENT, answer_due_on__lt=today)


def letters_listed(letters: QuerySet[Letter]) -> QuerySet[Letter]:
    return letters.select_related("institution").prefetch_related("reminders")


def incidents_to_write_about(commune: Commune) -> QuerySet[Incident]:
    """The incidents a letter may be about, newest first."""
    return (
        Incident.objects.of(commune)
        .select_related("kind", "council", "sector")
        .order_by("-reported_at", "-number")
    )


@dataclass(frozen=True)
class InstitutionRecord:
    institution: Institution
    sent: int
    answered: int
    overdue: int
    median_days: float | None
    max_days: int | None


def institution_records(
    commune: Commune, *, today: dt.date | None = None
) -> list[InstitutionRecord]:
    """Per institution: letters sent, answered, overdue now, and the median and longest days
    from sending to answer."""
    today = today or timezone.localdate()
    sent = Letter.objects.of(commune).exclude(status=LetterStatus.DRAFT)
    institutions = Institution.objects.of(commune).prefetch_related(
        Prefetch("letters", queryset=sent, to_attr="sent_letters")
    )
    records = []
    for institution in institutions:
        letters: list[Letter] = institution.sent_letters
        waits = [
            (x.answered_on - x.sent_on).days
            for x in letters
            if x.answered_on is not None and x.sent_on is not None
        ]
        records.append(
            InstitutionRecord(
                institution=institution,
                sent=len(letters),
                answered=len(waits),
                overdue=sum(1 for x in letters if x.is_overdue_on(today)),
                median_days=statistics.median(waits) if waits else None,
                max_days=max(waits) if waits else None,
            )
        )
    return records
