"""Attendance: who is present at a meeting (found by a search, ticked on a household's card,
or typed back from the signed paper sheet)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from comuna.census.models import Person
from comuna.core.refusals import Refusal
from comuna.governance import selectors
from comuna.governance.models import (
    Attendance,
    AttendanceMethod,
    Meeting,
    Seat,
)
from comuna.governance.services.base import _today
from comuna.governance.services.meetings import _check_not_closed
from comuna.governance.services.recalls import _people_by_national_id
from comuna.users.models import User


def _check_attendance_open(meeting: Meeting) -> None:
    _check_not_closed(meeting)
    if meeting.date > _today():
        raise Refusal(
            _("This meeting is on %(date)s: attendance is taken on the day.")
            % {"date": meeting.date.isoformat()}
        )


def _seat_of(meeting: Meeting, person: Person) -> Seat | None:
    """The seat ``person`` fills at a meeting of an organ with seats (holder first)."""
    seats = Seat.objects.of(meeting.commune_id).filter(organ=meeting.organ)
    return seats.filter(holder=person).first() or seats.filter(substitute=person).first()


def _check_member(meeting: Meeting, person: Person) -> Seat | None:
    if meeting.organ.is_assembly:
        if not selectors.meeting_members(meeting).filter(pk=person.pk).exists():
            statute = selectors.statute_for(meeting.organ.commune)
            raise Refusal(
                _(
                    "%(name)s cannot take part in this assembly: it is for residents of "
                    "%(scope)s aged %(age)s or over."
                )
                % {
                    "name": person.full_name,
                    "scope": meeting.organ.council or meeting.organ.commune,
                    "age": statute.assembly_minimum_age,
                },
                field="person",
            )
        return None
    seat = _seat_of(meeting, person)
    if seat is None:
        raise Refusal(
            _("%(name)s holds no seat in %(organ)s.")
            % {"name": person.full_name, "organ": meeting.organ.name},
            field="person",
        )
    return seat


@dataclass(frozen=True, slots=True)
class Registration:
    attendance: Attendance
    created: bool


def _register(
    meeting: Meeting, person: Person, method: AttendanceMethod, by: User | None
) -> Registration:
    seat = _check_member(meeting, person)
    existing = (
        Attendance.objects.of(meeting.commune_id).filter(meeting=meeting, person=person).first()
    )
    if existing is not None:
        return Registration(existing, created=False)
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                meeting=meeting, person=person, seat=seat, method=method, registered_by=by
            )
    except IntegrityError:
        # A second phone or a double tap registered the same person at the same moment.
        existing = (
            Attendance.objects.of(meeting.commune_id).filter(meeting=meeting, person=person).first()
        )
        if existing is not None:
            return Registration(existing, created=False)
        raise Refusal(
            _("The seat “%(seat)s” is already present: its holder or substitute was registered.")
            % {"seat": seat.title if seat else ""},
            field="person",
        ) from None
    return Registration(attendance, created=True)


@transaction.atomic
def attendance_register(
    *, meeting: Meeting, people: Sequence[Person], method: AttendanceMethod, by: User | None
) -> list[Registration]:
    """Register ``people`` as present (one, or a household's adults ticked on its card).
    Registering someone already present changes nothing and says so (``created`` false);
    anyone who may not attend refuses the whole lot."""
    meeting = (
        Meeting.objects.of(meeting.commune_id)
        .select_related("organ", "organ__commune")
        .get(pk=meeting.pk)
    )
    _check_attendance_open(meeting)
    if not people:
        raise Refusal(_("Choose who is present."))
    return [_register(meeting, person, method, by) for person in people]


@dataclass
class SheetImport:
    registered: list[Person] = field(default_factory=list)
    already: list[Person] = field(default_factory=list)


@transaction.atomic
def attendance_import_sheet(
    *, meeting: Meeting, line_numbers: str, national_ids: str, by: User | None
) -> SheetImport:
    """Type back the printed attendance sheet: the numbers of the lines that were signed, and
    the ID numbers of anyone who signed at the bottom. All of it or nothing: every bad number
    is named and nobody is registered until all are right."""
    meeting = (
        Meeting.objects.of(meeting.commune_id)
        .select_related("organ", "organ__commune")
        .get(pk=meeting.pk)
    )
    _check_attendance_open(meeting)
    lines = {line.number: line.person for line in selectors.attendance_sheet_lines(meeting)}
    people: list[Person] = []
    problems: list[str] = []
    for token in re.split(r"[\s,;]+", line_numbers.strip()):
        if not token:
            continue
        if not token.isdigit() or int(token) not in lines:
            problems.append(
                _("There is no line %(line)s on the sheet (it has %(count)s).")
                % {"line": token, "count": len(lines)}
            )
        else:
            people.append(lines[int(token)])
    typed, id_problems = _people_by_national_id(national_ids, meeting.commune_id)
    problems += id_problems
    for person in typed:
        try:
            _check_member(meeting, person)
        except Refusal as error:
            problems.append(error.message)
        else:
            people.append(person)
    if problems:
        raise Refusal(" ".join(problems))
    if not people:
        raise Refusal(_("Type the numbers of the signed lines, or ID numbers."))
    result = SheetImport()
    seen: set[int] = set()
    for person in people:
        if person.pk in seen:
            continue
        seen.add(person.pk)
        registration = _register(meeting, person, AttendanceMethod.SHEET, by)
        (result.registered if registration.created else result.already).append(person)
    return result
