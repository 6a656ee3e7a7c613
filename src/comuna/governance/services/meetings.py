"""Meetings: convening one (or the parliament's calendar), the agenda, opening, the second
call, closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal
from comuna.engines.governance_rules import (
    monthly_days,
)
from comuna.governance import locks, selectors
from comuna.governance.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    Organ,
    OrganKind,
    ProposalStatus,
)
from comuna.governance.services.base import _check_text, _today
from comuna.users.models import User


def _check_times(first_call_time: dt.time, second_call_time: dt.time | None) -> None:
    if second_call_time is not None and second_call_time <= first_call_time:
        raise Refusal(_("The second call must be later than the first."), field="second_call_time")


@transaction.atomic
def meeting_convene(
    *,
    organ: Organ,
    date: dt.date,
    place: str,
    first_call_time: dt.time,
    second_call_time: dt.time | None = None,
    agenda: Sequence[str] = (),
    by: User | None,
) -> Meeting:
    """Convene a meeting of ``organ`` on ``date``, with its agenda. A date in the past is
    allowed: a meeting held on paper is typed in afterwards."""
    place = _check_text(place, "place", _("Say where the meeting is held."))
    _check_times(first_call_time, second_call_time)
    if not organ.is_assembly and not organ.seats.exists():
        raise Refusal(
            _("%(organ)s has no seats yet: add its seats before it can meet.")
            % {"organ": organ.name}
        )
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                organ=organ,
                date=date,
                place=place,
                first_call_time=first_call_time,
                second_call_time=second_call_time,
                convened_by=by,
            )
    except IntegrityError:
        raise Refusal(
            _("%(organ)s already has a meeting on %(date)s.")
            % {"organ": organ.name, "date": date.isoformat()},
            field="date",
        ) from None
    items = [" ".join(title.split()) for title in agenda]
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=n, title=title[:200])
        for n, title in enumerate((t for t in items if t), start=1)
    )
    return meeting


def standard_parliament_agenda() -> list[str]:
    return [
        _("Reading and approval of the previous minutes"),
        _("Report of the executive council"),
        _("The month's accounts of the communal bank and the enterprises"),
        _("Follow-up of decisions"),
        _("Any other business"),
    ]


@transaction.atomic
def meeting_schedule_parliament(
    *,
    organ: Organ,
    start: dt.date,
    months: int = 12,
    place: str,
    first_call_time: dt.time,
    by: User | None,
) -> list[Meeting]:
    """Convene the parliament on its statute day (the first Saturday of each month, by
    default) for ``months`` months from ``start``. Days that already have a session are left
    as they are, so doing it twice changes nothing."""
    if organ.kind != OrganKind.PARLIAMENT:
        raise Refusal(_("Only the communal parliament has a monthly calendar."))
    statute = selectors.statute_for(organ.commune)
    days = monthly_days(
        start, months, weekday=statute.parliament_weekday, week=statute.parliament_week
    )
    taken = set(
        Meeting.objects.of(organ.commune_id)
        .filter(organ=organ, date__in=days)
        .values_list("date", flat=True)
    )
    created = []
    for day in days:
        if day in taken:
            continue
        created.append(
            meeting_convene(
                organ=organ,
                date=day,
                place=place,
                first_call_time=first_call_time,
                agenda=standard_parliament_agenda(),
                by=by,
            )
        )
    return created


def _check_not_closed(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CLOSED:
        raise Refusal(_("This meeting is closed: its minutes can no longer change."))


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, by: User | None) -> AgendaItem:
    meeting = locks.meeting_lock(meeting)
    _check_not_closed(meeting)
    title = _check_text(title, "title", _("Write the agenda item."))
    last = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
    return AgendaItem.objects.create(meeting=meeting, position=last + 1, title=title[:200])


@transaction.atomic
def meeting_open(*, meeting: Meeting, by: User | None) -> Meeting:
    """Open the session: the electorate (or the seats) counted for the quorum is fixed now."""
    meeting = locks.meeting_lock(meeting)
    if meeting.status != MeetingStatus.CONVENED:
        raise Refusal(_("This meeting has already been opened."))
    if meeting.date > _today():
        raise Refusal(
            _("This meeting is on %(date)s: it cannot be opened before its day.")
            % {"date": meeting.date.isoformat()}
        )
    meeting.quorum_base = selectors.quorum_base(meeting)
    meeting.status = MeetingStatus.OPEN
    meeting.opened_at = timezone.now()
    meeting.save(update_fields=["quorum_base", "status", "opened_at"])
    return meeting


@transaction.atomic
def meeting_move_to_second_call(*, meeting: Meeting, by: User | None) -> Meeting:
    """An assembly that did not reach its quorum at first call meets at second call, where
    the statute asks for a smaller share of the electorate."""
    meeting = locks.meeting_lock(meeting)
    if meeting.status != MeetingStatus.OPEN:
        raise Refusal(_("Open the meeting first."))
    if meeting.call == 2:
        raise Refusal(_("The meeting is already at second call."))
    if not meeting.organ.is_assembly:
        raise Refusal(_("Only a citizens' assembly has a second call with a lower quorum."))
    if meeting.proposals.exclude(status=ProposalStatus.PENDING).exists():
        raise Refusal(_("Votes were already taken at first call."))
    meeting.call = 2
    meeting.save(update_fields=["call"])
    return meeting


@transaction.atomic
def meeting_close(*, meeting: Meeting, notes: str = "", by: User | None) -> Meeting:
    """Close the session and write down its attendance and quorum for the minutes.
    Proposals not voted on stay in the minutes as not voted."""
    meeting = locks.meeting_lock(meeting)
    if meeting.status != MeetingStatus.OPEN:
        raise Refusal(_("Only a meeting in session can be closed."))
    quorum = selectors.meeting_quorum(meeting)
    meeting.attendance_count = quorum.present
    meeting.quorum_required = quorum.required
    meeting.notes = notes.strip()
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = timezone.now()
    meeting.save(
        update_fields=["attendance_count", "quorum_required", "notes", "status", "closed_at"]
    )
    return meeting
