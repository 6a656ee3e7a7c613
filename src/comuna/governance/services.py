"""Every change to self-government: one function each, in one transaction, checks beside it.

Refusals a person can act on raise ``Refusal`` with a message in their language and
change nothing. The quorum, majority, calendar and ballot rules themselves are the engine's
(``comuna.engines.governance_rules``); these functions feed it the rows and apply its answer.

Locking: a function that records a vote re-reads the meeting, then the proposal, under a row
lock (PostgreSQL; SQLite serialises writers already), always in that order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comuna.census.identity import InvalidNationalId, normalize_national_id
from comuna.census.models import Person, PersonStatus
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines.governance_rules import (
    BallotCount,
    GovernanceRuleError,
    InvalidShareError,
    Majority,
    Quorum,
    QuorumBasis,
    QuorumRule,
    Reconciliation,
    Tally,
    TooManyVotesError,
    monthly_days,
    outcome,
    recall_signatures_needed,
    reconcile,
)
from comuna.governance import selectors
from comuna.governance.models import (
    AgendaItem,
    Attendance,
    AttendanceMethod,
    BallotTally,
    Decision,
    DecisionKind,
    DecisionSpending,
    DecisionStatus,
    DecisionUpdate,
    Meeting,
    MeetingStatus,
    Organ,
    OrganKind,
    PetitionStatus,
    Proposal,
    ProposalStatus,
    RecallPetition,
    RecallSignature,
    RollCallChoice,
    RollCallVote,
    Seat,
    SeatTerm,
    Statute,
    TermEnd,
    VoteMethod,
)
from comuna.ledger.models import Statement as LedgerStatement
from comuna.ledger.services import statement_approve as ledger_statement_approve
from comuna.users.models import User


def _today() -> dt.date:
    return timezone.localdate()


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _check_text(value: str, field: str, message: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise Refusal(message, field=field)
    return text


# The statute -------------------------------------------------------------------------------


@transaction.atomic
def statute_update(
    *,
    commune: Commune,
    first_call_quorum_percent: Decimal,
    second_call_quorum_percent: Decimal,
    assembly_minimum_age: int,
    seat_quorum: str,
    recall_petition_percent: Decimal,
    term_years: int,
    parliament_weekday: int,
    parliament_week: int,
    majorities: dict[str, str],
    by: User,
) -> Statute:
    """Write the commune's statute. ``majorities`` maps each ``DecisionKind`` to a majority."""
    try:
        QuorumRule(
            QuorumBasis.ELECTORATE_SHARE, first_call_quorum_percent, second_call_quorum_percent
        )
        recall_signatures_needed(1, recall_petition_percent)
    except InvalidShareError as error:
        if error.name == "second-call share" and "higher" in error.problem:
            raise Refusal(
                _("The quorum at second call cannot be higher than at first call."),
                field="second_call_quorum_percent",
            ) from None
        raise Refusal(_("A share must be more than 0% and at most 100%."), field=None) from None
    if not 12 <= assembly_minimum_age <= 21:
        raise Refusal(_("The minimum age must be between 12 and 21."), field="assembly_minimum_age")
    if not 1 <= term_years <= 10:
        raise Refusal(_("A term lasts 1 to 10 years."), field="term_years")
    statute = Statute.objects.select_for_update().of(commune).first()
    if statute is None:
        statute = Statute(commune=commune)
    statute.first_call_quorum_percent = first_call_quorum_percent
    statute.second_call_quorum_percent = second_call_quorum_percent
    statute.assembly_minimum_age = assembly_minimum_age
    statute.seat_quorum = seat_quorum
    statute.recall_petition_percent = recall_petition_percent
    statute.term_years = term_years
    statute.parliament_weekday = parliament_weekday
    statute.parliament_week = parliament_week
    for kind in DecisionKind.values:
        setattr(statute, f"majority_{kind}", Majority(majorities[kind]).value)
    statute.updated_by = by
    statute.save()
    return statute


# Seats -------------------------------------------------------------------------------------


def _check_serving(person: Person, field: str, *, commune_id: int) -> None:
    if person.commune_id != commune_id:
        raise Refusal(
            _("%(name)s is not in this commune's census.") % {"name": person.full_name},
            field=field,
        )
    if person.status != PersonStatus.ACTIVE:
        raise Refusal(
            _("%(name)s is no longer in the census.") % {"name": person.full_name}, field=field
        )


def _current_term(seat: Seat) -> SeatTerm | None:
    """The seat's current term; a seat filled before terms were kept gets one written now."""
    term = SeatTerm.objects.filter(seat=seat, ended_on__isnull=True).first()
    if term is None and (seat.holder_id is not None or seat.substitute_id is not None):
        term = SeatTerm.objects.create(
            seat=seat,
            holder_id=seat.holder_id,
            substitute_id=seat.substitute_id,
            term_start=seat.term_start,
            term_end=seat.term_end,
            started_on=seat.term_start or _today(),
        )
    return term


def _end_term(seat: Seat, *, on: dt.date, reason: TermEnd) -> None:
    term = _current_term(seat)
    if term is None:
        return
    if on < term.started_on:
        raise Refusal(
            _("The current term began on %(date)s: a change cannot take effect before it.")
            % {"date": term.started_on.isoformat()},
            field="term_start",
        )
    term.ended_on, term.end_reason = on, reason
    term.save(update_fields=["ended_on", "end_reason"])


def _lock_seat(seat: Seat) -> Seat:
    return (
        Seat.objects.select_for_update(of=("self",))
        .select_related("organ", "council")
        .get(pk=seat.pk)
    )


@transaction.atomic
def seat_assign(
    *,
    seat: Seat,
    holder: Person,
    substitute: Person | None,
    term_start: dt.date,
    term_end: dt.date,
    by: User | None,
    decision: Decision | None = None,
    note: str = "",
) -> SeatTerm:
    """A new holder (and substitute) for the seat from ``term_start``: the current term ends
    that day, as completed if it had run its course and as replaced if not."""
    seat = _lock_seat(seat)
    _check_serving(holder, "holder", commune_id=seat.commune_id)
    if substitute is not None:
        _check_serving(substitute, "substitute", commune_id=seat.commune_id)
        if substitute.pk == holder.pk:
            raise Refusal(
                _("The substitute must be someone other than the holder."), field="substitute"
            )
    if term_end <= term_start:
        raise Refusal(_("The term must end after it starts."), field="term_end")
    council_id = seat.council_id
    if council_id is not None:
        for person, field_name in ((holder, "holder"), (substitute, "substitute")):
            if person is not None and person.household.council_id != council_id:
                raise Refusal(
                    _("%(name)s does not live in the council this seat represents.")
                    % {"name": person.full_name},
                    field=field_name,
                )
    elsewhere = Seat.objects.filter(organ=seat.organ, holder=holder).exclude(pk=seat.pk).first()
    if elsewhere is not None:
        raise Refusal(
            _("%(name)s already holds the seat “%(seat)s” in this organ.")
            % {"name": holder.full_name, "seat": elsewhere.title},
            field="holder",
        )
    current = _current_term(seat)
    completed = bool(current and current.term_end and current.term_end <= term_start)
    _end_term(seat, on=term_start, reason=TermEnd.COMPLETED if completed else TermEnd.REPLACED)
    term = SeatTerm.objects.create(
        seat=seat,
        holder=holder,
        substitute=substitute,
        term_start=term_start,
        term_end=term_end,
        started_on=term_start,
        decision=decision,
        note=note.strip()[:300],
        recorded_by=by,
    )
    seat.holder, seat.substitute = holder, substitute
    seat.term_start, seat.term_end = term_start, term_end
    seat.save(update_fields=["holder", "substitute", "term_start", "term_end"])
    return term


@transaction.atomic
def seat_recall(
    *, seat: Seat, on: dt.date, decision: Decision | None, by: User | None
) -> SeatTerm | None:
    """The holder is recalled from ``on``: the substitute, if there is one, takes the seat
    for the rest of the term; otherwise the seat stands empty until an election."""
    seat = _lock_seat(seat)
    if seat.holder_id is None:
        raise Refusal(_("This seat has no holder to recall."))
    _end_term(seat, on=on, reason=TermEnd.RECALLED)
    successor = seat.substitute
    term = None
    if successor is not None:
        term = SeatTerm.objects.create(
            seat=seat,
            holder=successor,
            substitute=None,
            term_start=seat.term_start,
            term_end=seat.term_end,
            started_on=on,
            decision=decision,
            note=_("The substitute takes the seat after the recall."),
            recorded_by=by,
        )
    seat.holder, seat.substitute = successor, None
    seat.save(update_fields=["holder", "substitute"])
    return term


# Recall petitions --------------------------------------------------------------------------


@transaction.atomic
def recall_petition_open(
    *, seat: Seat, reason: str, by: User | None, on: dt.date | None = None
) -> RecallPetition:
    """Open a petition to recall the seat's holder. The signatures it needs are fixed now:
    the statute's share of the electorate the seat answers to."""
    seat = _lock_seat(seat)
    on = on or _today()
    if seat.holder is None:
        raise Refusal(_("This seat has no holder to recall."))
    reason = _check_text(reason, "reason", _("Say why the recall is asked for."))
    statute = selectors.statute_for(seat.organ.commune)
    electorate = selectors.seat_electorate(seat, on=on).count()
    needed = recall_signatures_needed(electorate, statute.recall_petition_percent)
    try:
        with transaction.atomic():
            return RecallPetition.objects.create(
                seat=seat,
                holder=seat.holder,
                reason=reason,
                opened_on=on,
                electorate=electorate,
                signatures_needed=needed,
                opened_by=by,
            )
    except IntegrityError:
        raise Refusal(_("A recall petition for this seat is already open.")) from None


@dataclass
class SignResult:
    added: list[Person] = field(default_factory=list)
    already: list[Person] = field(default_factory=list)


def _people_by_national_id(raw: str, commune_id: int) -> tuple[list[Person], list[str]]:
    """The people of the commune whose ID numbers are typed in ``raw`` (any separators), and
    the problems."""
    found: list[Person] = []
    problems: list[str] = []
    for token in re.split(r"[\s,;]+", raw.strip()):
        if not token:
            continue
        try:
            national_id = normalize_national_id(token)
        except InvalidNationalId:
            problems.append(_("“%(value)s” is not an ID number.") % {"value": token})
            continue
        person = (
            Person.objects.of(commune_id)
            .select_related("household")
            .filter(national_id=national_id)
            .first()
        )
        if person is None:
            problems.append(_("Nobody in the census has the ID %(id)s.") % {"id": national_id})
        else:
            found.append(person)
    return found, problems


@transaction.atomic
def recall_petition_sign(
    *, petition: RecallPetition, national_ids: str, by: User | None
) -> SignResult:
    """Add the signers typed from the paper petition (ID numbers), all or none. A signer must
    belong to the seat's electorate; signing twice counts once. With enough signatures the
    petition asks for a recall vote."""
    petition = (
        RecallPetition.objects.select_for_update(of=("self",))
        .select_related("seat__organ")
        .get(pk=petition.pk)
    )
    if petition.status not in (PetitionStatus.COLLECTING, PetitionStatus.VOTE_DUE):
        raise Refusal(_("This petition is closed."))
    people, problems = _people_by_national_id(national_ids, petition.commune_id)
    electorate = selectors.seat_electorate(petition.seat, on=_today())
    allowed = set(electorate.filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True))
    for person in people:
        if person.pk not in allowed:
            problems.append(
                _("%(name)s is not in the electorate of this seat.") % {"name": person.full_name}
            )
    if problems:
        raise Refusal(" ".join(problems), field="national_ids")
    if not people:
        raise Refusal(_("Type at least one ID number."), field="national_ids")
    result = SignResult()
    signed = set(petition.signatures.values_list("person_id", flat=True))
    for person in people:
        if person.pk in signed:
            result.already.append(person)
            continue
        RecallSignature.objects.create(petition=petition, person=person, recorded_by=by)
        signed.add(person.pk)
        result.added.append(person)
    if len(signed) >= petition.signatures_needed and petition.status == PetitionStatus.COLLECTING:
        petition.status = PetitionStatus.VOTE_DUE
        petition.save(update_fields=["status"])
    return result


# Meetings ----------------------------------------------------------------------------------


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
    taken = set(Meeting.objects.filter(organ=organ, date__in=days).values_list("date", flat=True))
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


def _lock_meeting(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("organ", "organ__commune")
        .get(pk=meeting.pk)
    )


def _check_not_closed(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CLOSED:
        raise Refusal(_("This meeting is closed: its minutes can no longer change."))


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, by: User | None) -> AgendaItem:
    meeting = _lock_meeting(meeting)
    _check_not_closed(meeting)
    title = _check_text(title, "title", _("Write the agenda item."))
    last = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
    return AgendaItem.objects.create(meeting=meeting, position=last + 1, title=title[:200])


@transaction.atomic
def meeting_open(*, meeting: Meeting, by: User | None) -> Meeting:
    """Open the session: the electorate (or the seats) counted for the quorum is fixed now."""
    meeting = _lock_meeting(meeting)
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
    meeting = _lock_meeting(meeting)
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
    meeting = _lock_meeting(meeting)
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


# Attendance --------------------------------------------------------------------------------


def _check_attendance_open(meeting: Meeting) -> None:
    _check_not_closed(meeting)
    if meeting.date > _today():
        raise Refusal(
            _("This meeting is on %(date)s: attendance is taken on the day.")
            % {"date": meeting.date.isoformat()}
        )


def _seat_of(meeting: Meeting, person: Person) -> Seat | None:
    """The seat ``person`` fills at a meeting of an organ with seats (holder first)."""
    seats = Seat.objects.filter(organ=meeting.organ)
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
    existing = Attendance.objects.filter(meeting=meeting, person=person).first()
    if existing is not None:
        return Registration(existing, created=False)
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                meeting=meeting, person=person, seat=seat, method=method, registered_by=by
            )
    except IntegrityError:
        # A second phone or a double tap registered the same person at the same moment.
        existing = Attendance.objects.filter(meeting=meeting, person=person).first()
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
    meeting = Meeting.objects.select_related("organ", "organ__commune").get(pk=meeting.pk)
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
    meeting = Meeting.objects.select_related("organ", "organ__commune").get(pk=meeting.pk)
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


# Proposals and votes -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AccountsStatement:
    """The closed statement of the books that an accounts approval names.

    Governance keeps these three facts, not the books' row: the pages fill them from a
    statement closed in this installation (``of``); the books of another installation can
    still be named by their label, head and count.
    """

    label: str
    ledger_head: str
    entry_count: int

    @classmethod
    def of(cls, statement: LedgerStatement) -> AccountsStatement:
        return cls(statement.label, statement.head, statement.entry_count)


def _check_proposal_subject(
    meeting: Meeting,
    kind: DecisionKind,
    *,
    seat: Seat | None,
    candidate: Person | None,
    candidate_substitute: Person | None,
    petition: RecallPetition | None,
    statement: AccountsStatement | None,
) -> None:
    if kind == DecisionKind.ELECTION:
        if seat is None or candidate is None:
            raise Refusal(_("An election names the seat and the candidate."), field="candidate")
        _check_serving(candidate, "candidate", commune_id=meeting.commune_id)
        council_id = seat.council_id
        for person in (candidate, candidate_substitute):
            if council_id is not None and person is not None:
                if person.household.council_id != council_id:
                    raise Refusal(
                        _("%(name)s does not live in the council this seat represents.")
                        % {"name": person.full_name},
                        field="candidate",
                    )
        if candidate_substitute is not None and candidate_substitute.pk == candidate.pk:
            raise Refusal(
                _("The substitute must be someone other than the holder."),
                field="candidate_substitute",
            )
    if kind == DecisionKind.RECALL:
        if petition is None:
            raise Refusal(_("A recall vote answers a recall petition."), field="petition")
        if petition.status != PetitionStatus.VOTE_DUE:
            raise Refusal(
                _("The petition does not have the signatures it needs yet."), field="petition"
            )
        if not meeting.organ.is_assembly or meeting.organ.council_id != (
            petition.seat.council_id or petition.seat.organ.council_id
        ):
            raise Refusal(
                _("A recall is voted by the assembly of the electorate that signed it."),
                field="petition",
            )
    if kind == DecisionKind.ACCOUNTS:
        if statement is None or not statement.ledger_head.strip():
            raise Refusal(
                _("An approval of accounts names the statement and its ledger head."),
                field="statement",
            )
        if statement.entry_count < 0:
            raise Refusal(_("The number of entries cannot be negative."))


@transaction.atomic
def proposal_add(
    *,
    meeting: Meeting,
    title: str,
    by: User | None,
    text: str = "",
    kind: DecisionKind = DecisionKind.ORDINARY,
    method: VoteMethod = VoteMethod.HANDS,
    agenda_item: AgendaItem | None = None,
    responsible_organ: Organ | None = None,
    due_date: dt.date | None = None,
    seat: Seat | None = None,
    candidate: Person | None = None,
    candidate_substitute: Person | None = None,
    petition: RecallPetition | None = None,
    statement: AccountsStatement | None = None,
) -> Proposal:
    """Put a proposal to the meeting. The majority it needs is the statute's for its kind."""
    meeting = _lock_meeting(meeting)
    _check_not_closed(meeting)
    title = _check_text(title, "title", _("Write the proposal."))
    kind, method = DecisionKind(kind), VoteMethod(method)
    if method == VoteMethod.ROLL_CALL and meeting.organ.is_assembly:
        raise Refusal(
            _("A roll call is for organs with seats; an assembly votes by hands or ballot."),
            field="method",
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise Refusal(_("That agenda item belongs to another meeting."))
    for other in (responsible_organ, seat, candidate, candidate_substitute, petition):
        if other is not None and other.commune_id != meeting.commune_id:
            raise Refusal(_("%(name)s belongs to another commune.") % {"name": other})
    _check_proposal_subject(
        meeting,
        kind,
        seat=seat,
        candidate=candidate,
        candidate_substitute=candidate_substitute,
        petition=petition,
        statement=statement,
    )
    books = (
        _ledger_statement(meeting, statement)
        if kind == DecisionKind.ACCOUNTS and statement
        else None
    )
    if books is not None and books.is_approved:
        raise Refusal(
            _("The statement %(label)s was already approved (%(meeting)s).")
            % {"label": books.label, "meeting": books.meeting_reference},
            field="statement",
        )
    statute = selectors.statute_for(meeting.organ.commune)
    last = meeting.proposals.aggregate(last=Max("position"))["last"] or 0
    return Proposal.objects.create(
        meeting=meeting,
        position=last + 1,
        agenda_item=agenda_item,
        title=title[:200],
        text=text.strip(),
        kind=kind,
        method=method,
        majority=statute.majority_for(kind).value,
        responsible_organ=responsible_organ or meeting.organ,
        due_date=due_date,
        seat=seat if kind == DecisionKind.ELECTION else None,
        candidate=candidate if kind == DecisionKind.ELECTION else None,
        candidate_substitute=candidate_substitute if kind == DecisionKind.ELECTION else None,
        petition=petition if kind == DecisionKind.RECALL else None,
        statement_label=statement.label.strip()[:120] if statement else "",
        ledger_head=statement.ledger_head.strip() if statement else "",
        ledger_entry_count=statement.entry_count if statement else None,
        ledger_statement=books,
        created_by=by,
    )


def _ledger_statement(meeting: Meeting, statement: AccountsStatement) -> LedgerStatement | None:
    """The closed statement of this commune's books that carries the head and count named."""
    head = statement.ledger_head.strip().lower()
    if len(head) < 16:
        return None
    return (
        LedgerStatement.objects.filter(
            commune=meeting.organ.commune,
            entry_count=statement.entry_count,
            head__startswith=head,
        )
        .order_by("-id")
        .first()
    )


def no_quorum_message(quorum: Quorum, meeting: Meeting) -> str:
    """Why a meeting without quorum cannot decide, with the figures."""
    if quorum.basis == QuorumBasis.ELECTORATE_SHARE:
        rule = ngettext(
            "%(percent)s%% of the %(base)s resident of age at call %(call)s",
            "%(percent)s%% of the %(base)s residents of age at call %(call)s",
            quorum.base,
        ) % {"percent": f"{quorum.percent.normalize():f}", "base": quorum.base, "call": quorum.call}
    else:
        rule = ngettext(
            "more than half of its %(base)s seat",
            "more than half of its %(base)s seats",
            quorum.base,
        ) % {"base": quorum.base}
        if quorum.basis == QuorumBasis.SEAT_TWO_THIRDS:
            rule = _("two thirds of its %(base)s seats") % {"base": quorum.base}
    return _(
        "No quorum: %(present)s present, %(required)s needed (%(rule)s). A meeting without "
        "quorum cannot record decisions."
    ) % {"present": quorum.present, "required": quorum.required, "rule": rule}


def _check_can_decide(meeting: Meeting) -> Quorum:
    if meeting.status == MeetingStatus.CONVENED:
        raise Refusal(_("The meeting has not been opened: open it to vote."))
    _check_not_closed(meeting)
    quorum = selectors.meeting_quorum(meeting)
    if not quorum.reached:
        raise Refusal(no_quorum_message(quorum, meeting))
    return quorum


def _lock_proposal(proposal: Proposal) -> tuple[Meeting, Proposal]:
    meeting = _lock_meeting(proposal.meeting)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.meeting = meeting
    if proposal.status != ProposalStatus.PENDING:
        raise Refusal(_("This proposal has already been voted on."))
    return meeting, proposal


def _check_method(proposal: Proposal, method: VoteMethod) -> None:
    if proposal.method != method:
        raise Refusal(
            _("This proposal is voted by %(method)s.") % {"method": proposal.get_method_display()}
        )


def _count(
    proposal: Proposal, tally: Tally, *, present: int, blank: int | None, by: User | None
) -> Proposal:
    """Write the result of a vote and, when it carries, the decision and what it changes."""
    try:
        result = outcome(Majority(proposal.majority), tally, present=present)
    except TooManyVotesError as error:
        raise Refusal(
            _("%(votes)s votes, but only %(present)s present to vote.")
            % {"votes": error.votes, "present": error.present}
        ) from None
    proposal.votes_for, proposal.votes_against = tally.yes, tally.no
    proposal.votes_abstaining, proposal.blank_ballots = tally.abstaining, blank
    proposal.present_at_vote = present
    proposal.status = ProposalStatus.CARRIED if result.carried else ProposalStatus.REJECTED
    proposal.voted_at = timezone.now()
    proposal.save(
        update_fields=[
            "votes_for",
            "votes_against",
            "votes_abstaining",
            "blank_ballots",
            "present_at_vote",
            "status",
            "voted_at",
        ]
    )
    if result.carried:
        decision = _decide(proposal, by)
        _carry_out(proposal, decision, by)
    elif proposal.kind == DecisionKind.RECALL and proposal.petition is not None:
        _close_petition(proposal.petition, PetitionStatus.CONFIRMED, proposal.meeting.date)
    return proposal


def _decide(proposal: Proposal, by: User | None) -> Decision:
    day = proposal.meeting.date
    decision = Decision.objects.create(
        proposal=proposal,
        title=proposal.title,
        kind=proposal.kind,
        decided_on=day,
        responsible_organ=proposal.responsible_organ,
        due_date=proposal.due_date,
        status=DecisionStatus.PENDING,
        status_on=day,
        statement_label=proposal.statement_label,
        ledger_head=proposal.ledger_head,
        ledger_entry_count=proposal.ledger_entry_count,
    )
    DecisionUpdate.objects.create(
        decision=decision,
        status=DecisionStatus.PENDING,
        note=_("Decided by %(organ)s.") % {"organ": proposal.meeting.organ.name},
        on=day,
        recorded_by=by,
    )
    return decision


def _close_petition(petition: RecallPetition, status: PetitionStatus, on: dt.date) -> None:
    petition.status, petition.closed_on = status, on
    petition.save(update_fields=["status", "closed_on"])


def _mark_done(decision: Decision, note: str, by: User | None) -> None:
    decision.status, decision.status_on = DecisionStatus.DONE, decision.decided_on
    decision.save(update_fields=["status", "status_on"])
    DecisionUpdate.objects.create(
        decision=decision, status=DecisionStatus.DONE, note=note, on=decision.decided_on,
        recorded_by=by,
    )  # fmt: skip


def _carry_out(proposal: Proposal, decision: Decision, by: User | None) -> None:
    """What a carried proposal changes at once: a seat's holder, a petition, the books."""
    day = proposal.meeting.date
    if proposal.kind == DecisionKind.ELECTION and proposal.seat and proposal.candidate:
        statute = selectors.statute_for(proposal.meeting.organ.commune)
        seat_assign(
            seat=proposal.seat,
            holder=proposal.candidate,
            substitute=proposal.candidate_substitute,
            term_start=day,
            term_end=_add_years(day, statute.term_years),
            by=by,
            decision=decision,
        )
        _mark_done(decision, _("The seat was assigned to the person elected."), by)
    elif proposal.kind == DecisionKind.RECALL and proposal.petition is not None:
        seat_recall(seat=proposal.petition.seat, on=day, decision=decision, by=by)
        _close_petition(proposal.petition, PetitionStatus.RECALLED, day)
        _mark_done(decision, _("The holder was recalled from the seat."), by)
    elif proposal.kind == DecisionKind.ACCOUNTS:
        books = proposal.ledger_statement
        if books is not None and not books.is_approved:
            ledger_statement_approve(
                statement=books,
                approved_on=day,
                meeting_reference=_("%(organ)s, meeting of %(date)s")
                % {"organ": proposal.meeting.organ.name, "date": day.isoformat()},
                meeting_id=proposal.meeting.pk,
                by=by.username if by is not None else "",
            )
        _mark_done(decision, _("The accounts were approved."), by)


@transaction.atomic
def vote_record_hands(
    *,
    proposal: Proposal,
    votes_for: int,
    votes_against: int,
    votes_abstaining: int,
    by: User | None,
) -> Proposal:
    """The secretary's count of a show of hands. Needs the quorum at the moment of voting."""
    meeting, proposal = _lock_proposal(proposal)
    _check_method(proposal, VoteMethod.HANDS)
    quorum = _check_can_decide(meeting)
    try:
        tally = Tally(votes_for, votes_against, votes_abstaining)
    except GovernanceRuleError:
        raise Refusal(_("Votes are whole numbers, zero or more.")) from None
    return _count(proposal, tally, present=quorum.present, blank=None, by=by)


@transaction.atomic
def ballot_tally_enter(
    *,
    proposal: Proposal,
    clerk: User,
    votes_for: int,
    votes_against: int,
    votes_abstaining: int,
    blank_ballots: int,
) -> BallotTally:
    """One clerk's count of the ballot box. Two clerks count separately; neither count is the
    result until ``ballot_tally_reconcile`` finds them equal."""
    meeting, proposal = _lock_proposal(proposal)
    _check_method(proposal, VoteMethod.BALLOT)
    _check_not_closed(meeting)
    if meeting.status != MeetingStatus.OPEN:
        raise Refusal(_("The meeting has not been opened: open it to vote."))
    try:
        count = BallotCount(votes_for, votes_against, votes_abstaining, blank_ballots)
    except GovernanceRuleError:
        raise Refusal(_("Votes are whole numbers, zero or more.")) from None
    present = selectors.present_count(meeting)
    if count.ballots > present:
        raise Refusal(
            _("%(ballots)s ballots counted, but only %(present)s present to vote.")
            % {"ballots": count.ballots, "present": present}
        )
    entries = list(BallotTally.objects.filter(proposal=proposal, round=proposal.tally_round))
    if any(entry.clerk_id == clerk.pk for entry in entries):
        raise Refusal(
            _("You already entered your count: the second count must be another clerk's.")
        )
    if len(entries) >= 2:
        raise Refusal(_("Both clerks have entered their counts: compare them now."))
    try:
        with transaction.atomic():
            return BallotTally.objects.create(
                proposal=proposal,
                round=proposal.tally_round,
                slot=len(entries) + 1,
                clerk=clerk,
                votes_for=count.yes,
                votes_against=count.no,
                votes_abstaining=count.abstaining,
                blank_ballots=count.blank,
            )
    except IntegrityError:
        raise Refusal(_("Another count was entered at the same moment: reload the page.")) from None


def _ballot_count(entry: BallotTally) -> BallotCount:
    return BallotCount(
        entry.votes_for, entry.votes_against, entry.votes_abstaining, entry.blank_ballots
    )


@transaction.atomic
def ballot_tally_reconcile(*, proposal: Proposal, by: User | None) -> Reconciliation:
    """Compare the two clerks' counts. Equal: the result counts (with the quorum). Different:
    nothing counts, and a recount begins, in which both clerks count and enter again."""
    meeting, proposal = _lock_proposal(proposal)
    _check_method(proposal, VoteMethod.BALLOT)
    entries = list(
        BallotTally.objects.filter(proposal=proposal, round=proposal.tally_round).order_by("slot")
    )
    if len(entries) < 2:
        raise Refusal(_("Two clerks must each enter their count before they are compared."))
    result = reconcile(_ballot_count(entries[0]), _ballot_count(entries[1]))
    if result.count is None:
        proposal.tally_round += 1
        proposal.save(update_fields=["tally_round"])
        return result
    quorum = _check_can_decide(meeting)
    _count(proposal, result.count.tally, present=quorum.present, blank=result.count.blank, by=by)
    return result


@transaction.atomic
def roll_call_record(
    *, proposal: Proposal, seat: Seat, vote: RollCallChoice, by: User | None
) -> RollCallVote:
    """One seat's vote, as its holder or substitute answers the roll. A seat votes once."""
    meeting, proposal = _lock_proposal(proposal)
    _check_method(proposal, VoteMethod.ROLL_CALL)
    if meeting.status != MeetingStatus.OPEN:
        raise Refusal(_("The meeting is not in session."))
    attendance = Attendance.objects.filter(meeting=meeting, seat=seat).first()
    if attendance is None:
        raise Refusal(_("Nobody is present for the seat “%(seat)s”.") % {"seat": seat.title})
    try:
        with transaction.atomic():
            return RollCallVote.objects.create(
                proposal=proposal,
                seat=seat,
                person_id=attendance.person_id,
                vote=RollCallChoice(vote),
                recorded_by=by,
            )
    except IntegrityError:
        raise Refusal(_("The seat “%(seat)s” has already voted.") % {"seat": seat.title}) from None


@transaction.atomic
def roll_call_close(*, proposal: Proposal, by: User | None) -> Proposal:
    """Count the roll call: seats present that did not answer count as not voting."""
    meeting, proposal = _lock_proposal(proposal)
    _check_method(proposal, VoteMethod.ROLL_CALL)
    quorum = _check_can_decide(meeting)
    votes = list(proposal.roll_call.values_list("vote", flat=True))
    if not votes:
        raise Refusal(_("No seat has voted yet."))
    tally = Tally(
        votes.count(RollCallChoice.FOR),
        votes.count(RollCallChoice.AGAINST),
        votes.count(RollCallChoice.ABSTAIN),
    )
    return _count(proposal, tally, present=quorum.present, blank=None, by=by)


# Follow-up of decisions --------------------------------------------------------------------


@transaction.atomic
def decision_update_status(
    *, decision: Decision, status: DecisionStatus, note: str, on: dt.date, by: User | None
) -> DecisionUpdate:
    """A step in the follow-up: the decision's new status, what happened, and when."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    status = DecisionStatus(status)
    if on > _today():
        raise Refusal(_("The date is in the future."), field="on")
    if on < decision.decided_on:
        raise Refusal(_("The date is before the decision was taken."), field="on")
    note = " ".join(note.split())
    if status == decision.status and not note:
        raise Refusal(_("Say what happened, or choose a new status."), field="note")
    if status in (DecisionStatus.BLOCKED, DecisionStatus.CANCELLED) and not note:
        raise Refusal(_("Say why."), field="note")
    decision.status, decision.status_on = status, on
    decision.save(update_fields=["status", "status_on"])
    return DecisionUpdate.objects.create(
        decision=decision, status=status, note=note[:500], on=on, recorded_by=by
    )


@transaction.atomic
def decision_spending_link(
    *,
    decision: Decision,
    entry_reference: str,
    description: str,
    amount: Decimal,
    unit: str,
    spent_on: dt.date,
    by: User | None,
) -> DecisionSpending:
    """Link a ledger entry to the decision it was spent on. An entry is linked once."""
    reference = _check_text(entry_reference, "entry_reference", _("Name the ledger entry."))
    description = _check_text(description, "description", _("Say what was spent on."))
    unit = _check_text(unit, "unit", _("Say the currency or unit."))
    if amount <= 0:
        raise Refusal(_("The amount must be more than zero."), field="amount")
    if spent_on > _today():
        raise Refusal(_("The date is in the future."), field="spent_on")
    try:
        with transaction.atomic():
            return DecisionSpending.objects.create(
                decision=decision,
                entry_reference=reference[:64],
                description=description[:200],
                amount=amount,
                unit=unit[:12],
                spent_on=spent_on,
                recorded_by=by,
            )
    except IntegrityError:
        raise Refusal(
            _("The ledger entry %(entry)s is already linked to this decision.")
            % {"entry": reference},
            field="entry_reference",
        ) from None
