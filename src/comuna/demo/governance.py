"""A year of self-government in the demo commune, written through the governance services.

The parliament meets on the first Saturday of every month (one session fell short of quorum);
a handful of councils hold their citizens' assemblies, one of them at second call; the
assemblies and the parliament take decisions that are then followed up to every state of
the follow-up; in CC04 a recall petition gathers its signatures, the assembly recalls the
spokesperson by secret ballot (the two clerks' first counts disagree and are recounted), the
substitute takes the seat and a later assembly elects a new spokesperson and substitute. A
CC01 assembly is left convened for the demo's first day, to be opened and run by hand.

Events are played in the order of their dates, so each meeting sees the seats as they were.
Attendance at assemblies is typed in as from their signed sheets, with one bulk insert per
meeting: hundreds of neighbours per assembly would otherwise make the demo slow to build.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from django.utils import timezone

from comuna.census.models import Council, Person
from comuna.core.models import Commune
from comuna.engines.governance_rules import monthly_days
from comuna.governance import selectors, services
from comuna.governance.models import (
    AgendaItem,
    Attendance,
    AttendanceMethod,
    Decision,
    DecisionKind,
    DecisionStatus,
    Meeting,
    Organ,
    OrganKind,
    Proposal,
    RollCallChoice,
    Seat,
    Statute,
    VoteMethod,
)
from comuna.ledger.models import Statement as LedgerStatement
from comuna.users.models import User

PLACE_PARLIAMENT = "Casa comunal El Panal, calle 4"
ASSEMBLY_COUNCILS = ("CC01", "CC02", "CC03", "CC05", "CC06", "CC09")
RECALL_COUNCIL = "CC04"

# Proposals of the parliament: title, kind, the kind of organ that carries it out, vote.
_PARLIAMENT_PROPOSALS: tuple[tuple[str, DecisionKind, OrganKind, VoteMethod], ...] = (
    ("Plan de recolección de desechos del trimestre", DecisionKind.PLAN, OrganKind.ECONOMIC,
     VoteMethod.ROLL_CALL),
    ("Reparar el camión compactador con el fondo de reserva", DecisionKind.ORDINARY,
     OrganKind.EXECUTIVE, VoteMethod.HANDS),
    ("Reforzar la brigada del agua en el sector La Quebrada", DecisionKind.ORDINARY,
     OrganKind.BRIGADE, VoteMethod.HANDS),
    ("Jornada de vacunación con el CDI", DecisionKind.ORDINARY, OrganKind.BRIGADE,
     VoteMethod.HANDS),
    ("Presupuesto participativo del semestre", DecisionKind.PLAN, OrganKind.PLANNING,
     VoteMethod.ROLL_CALL),
    ("Auditoría de la panadería comunal", DecisionKind.ORDINARY, OrganKind.COMPTROLLER,
     VoteMethod.HANDS),
    ("Ruta nueva del camión por los sectores altos", DecisionKind.ORDINARY, OrganKind.ECONOMIC,
     VoteMethod.HANDS),
    ("Carta a la hidrológica por el bote de la calle 7", DecisionKind.ORDINARY,
     OrganKind.COMMITTEE, VoteMethod.HANDS),
    ("Fondo de emergencia para operaciones de salud", DecisionKind.PLAN, OrganKind.EXECUTIVE,
     VoteMethod.ROLL_CALL),
    ("Calendario de entrega de las bolsas CLAP", DecisionKind.ORDINARY, OrganKind.COMMITTEE,
     VoteMethod.HANDS),
    ("Mediación en el conflicto del lindero de la vereda 12", DecisionKind.ORDINARY,
     OrganKind.BRIGADE, VoteMethod.HANDS),
    ("Compra de contenedores para el reciclaje", DecisionKind.ORDINARY, OrganKind.ECONOMIC,
     VoteMethod.ROLL_CALL),
    ("Formación en contabilidad para las vocerías", DecisionKind.ORDINARY, OrganKind.ECONOMIC,
     VoteMethod.HANDS),
)  # fmt: skip
_ASSEMBLY_PROPOSALS = (
    "Jornada de limpieza del sector",
    "Reparar el alumbrado de la cancha",
    "Censo de los adultos mayores que viven solos",
    "Operativo de gas doméstico por sectores",
    "Recoger firmas para el asfaltado de la calle principal",
    "Comisión para la fiesta de la cruz de mayo",
    "Huerto comunitario en el terreno de la escuela",
    "Vigilancia de la tubería matriz",
)
_PLACES = ("Centro", "La Quebrada", "Los Pinos", "El Tanque")
_STATUSES = (
    DecisionStatus.DONE,
    DecisionStatus.IN_PROGRESS,
    DecisionStatus.BLOCKED,
    DecisionStatus.CANCELLED,
    DecisionStatus.PENDING,
)
_NOTES = {
    DecisionStatus.IN_PROGRESS: "Se empezó el trabajo; faltan materiales.",
    DecisionStatus.DONE: "Cumplido e informado a la asamblea.",
    DecisionStatus.BLOCKED: "Detenido: no llegó el material prometido por la alcaldía.",
    DecisionStatus.CANCELLED: "La asamblea decidió no seguir: otra institución lo resolvió.",
    DecisionStatus.PENDING: "",
}


Event = tuple[dt.date, int, Callable[[], None]]


@dataclass
class _Context:
    commune: Commune
    rng: random.Random
    today: dt.date
    admin: User
    spokesperson: User
    comptroller: User
    organs: dict[OrganKind, list[Organ]]


def governance_demo_build(
    commune: Commune,
    rng: random.Random,
    *,
    today: dt.date,
    admin: User,
    spokesperson: User,
    comptroller: User,
) -> None:
    """Add the year of meetings to a freshly built demo commune (nothing if it has some)."""
    if Meeting.objects.of(commune).exists():
        return
    Statute.objects.get_or_create(commune=commune)
    organs: dict[OrganKind, list[Organ]] = {}
    for organ in Organ.objects.of(commune).filter(council__isnull=True).order_by("pk"):
        organs.setdefault(OrganKind(organ.kind), []).append(organ)
    context = _Context(
        commune=commune,
        rng=rng,
        today=today,
        admin=admin,
        spokesperson=spokesperson,
        comptroller=comptroller,
        organs=organs,
    )
    events: list[Event] = []
    events += _parliament_events(context)
    events += _assembly_events(context)
    events += _recall_events(context)
    for _day, _order, play in sorted(events, key=lambda event: (event[0], event[1])):
        play()
    _follow_up(context)
    _today_assembly(context)


# The parliament ----------------------------------------------------------------------------


def _parliament_events(context: _Context) -> list[Event]:
    parliament = context.organs[OrganKind.PARLIAMENT][0]
    start = context.today - dt.timedelta(days=365)
    days = [day for day in monthly_days(start, 13) if day < context.today]
    proposals = list(_PARLIAMENT_PROPOSALS)
    context.rng.shuffle(proposals)
    events: list[Event] = []
    short = context.rng.randrange(2, len(days) - 2)  # the month the parliament lacked quorum
    for index, day in enumerate(days):
        chosen = [] if index == short else [proposals[index % len(proposals)]]
        if index % 3 == 0 and index != short:
            chosen.append(proposals[(index + 5) % len(proposals)])
        session = partial(
            _parliament_session, context, parliament, day, chosen, short=index == short
        )
        events.append((day, 0, session))
    # The sessions of the coming months are already on the calendar.
    events.append((context.today, 9, partial(_parliament_ahead, context, parliament)))
    return events


def _parliament_ahead(context: _Context, parliament: Organ) -> None:
    services.meeting_schedule_parliament(
        organ=parliament,
        start=context.today,
        months=3,
        place=PLACE_PARLIAMENT,
        first_call_time=dt.time(9, 0),
        by=context.admin,
    )


def _parliament_session(
    context: _Context,
    parliament: Organ,
    day: dt.date,
    chosen: Sequence[tuple[str, DecisionKind, OrganKind, VoteMethod]],
    *,
    short: bool,
) -> None:
    rng, admin = context.rng, context.admin
    meeting = services.meeting_convene(
        organ=parliament,
        date=day,
        place=PLACE_PARLIAMENT,
        first_call_time=dt.time(9, 0),
        agenda=services.standard_parliament_agenda(),
        by=admin,
    )
    services.meeting_open(meeting=meeting, by=admin)
    seats = list(
        Seat.objects.of(parliament.commune_id)
        .filter(organ=parliament)
        .select_related("holder", "substitute")
    )
    share = rng.uniform(0.3, 0.45) if short else rng.uniform(0.68, 0.93)
    present = rng.sample(seats, round(len(seats) * share))
    people = [
        seat.substitute if seat.substitute and rng.random() < 0.15 else seat.holder
        for seat in present
    ]
    services.attendance_register(
        meeting=meeting,
        people=[person for person in people if person is not None],
        method=AttendanceMethod.SEARCH,
        by=admin,
    )
    agenda = list(meeting.agenda.order_by("position"))
    if not short:
        _accounts_approval(context, meeting, day, agenda)
    for title, kind, organ_kind, method in chosen:
        proposal = services.proposal_add(
            meeting=meeting,
            title=title,
            kind=kind,
            method=method,
            agenda_item=agenda[1] if len(agenda) > 1 else None,
            responsible_organ=context.organs[organ_kind][0],
            due_date=day + dt.timedelta(days=rng.choice((30, 45, 60, 90))),
            by=admin,
        )
        _vote(context, proposal, present_seats=present)
    notes = (
        "Sin quórum: se levantó la sesión y los puntos pasan a la próxima."
        if short
        else "Se leyó y aprobó el acta de la sesión anterior."
    )
    services.meeting_close(meeting=meeting, notes=notes, by=admin)
    _times(meeting, dt.time(9, 0), hours=3)


def _accounts_approval(
    context: _Context, meeting: Meeting, day: dt.date, agenda: Sequence[AgendaItem]
) -> None:
    """The parliament approves every closed month of the books still waiting for it."""
    waiting = (
        LedgerStatement.objects.of(context.commune)
        .filter(approved_on__isnull=True, end__lt=day)
        .order_by("start")
    )
    for books in waiting:
        proposal = services.proposal_add(
            meeting=meeting,
            title=f"Aprobación de las cuentas: {books.label}",
            kind=DecisionKind.ACCOUNTS,
            agenda_item=agenda[1] if len(agenda) > 1 else None,
            statement=services.AccountsStatement.of(books),
            by=context.admin,
        )
        present = selectors.present_count(meeting)
        yes, no, abstaining = _hands(context.rng, present, carried=True)
        services.vote_record_hands(
            proposal=proposal,
            votes_for=yes,
            votes_against=no,
            votes_abstaining=abstaining,
            by=context.admin,
        )


def _vote(context: _Context, proposal: Proposal, *, present_seats: Sequence[Seat]) -> None:
    rng, admin = context.rng, context.admin
    if proposal.method == VoteMethod.ROLL_CALL:
        for seat in present_seats:
            vote = rng.choices(
                (RollCallChoice.FOR, RollCallChoice.AGAINST, RollCallChoice.ABSTAIN),
                weights=(78, 12, 10),
            )[0]
            services.roll_call_record(proposal=proposal, seat=seat, vote=vote, by=admin)
        services.roll_call_close(proposal=proposal, by=admin)
        return
    present = selectors.present_count(proposal.meeting)
    yes, no, abstaining = _hands(rng, present, carried=rng.random() < 0.85)
    services.vote_record_hands(
        proposal=proposal,
        votes_for=yes,
        votes_against=no,
        votes_abstaining=abstaining,
        by=admin,
    )


def _hands(rng: random.Random, present: int, *, carried: bool) -> tuple[int, int, int]:
    """Plausible hands for ``present`` people: a clear majority one way or the other."""
    abstaining = rng.randint(0, max(present // 10, 0))
    voting = present - abstaining
    winners = rng.randint(voting // 2 + 1, voting) if voting else 0
    return (
        (winners, voting - winners, abstaining)
        if carried
        else (voting - winners, winners, abstaining)
    )


def _times(meeting: Meeting, first_call: dt.time, *, hours: int) -> None:
    """A meeting typed in after the day: its session times are the day's, not today's."""
    opened = timezone.make_aware(dt.datetime.combine(meeting.date, first_call))
    Meeting.objects.of(meeting.commune_id).filter(pk=meeting.pk).update(
        opened_at=opened, closed_at=opened + dt.timedelta(hours=hours)
    )


# Citizens' assemblies ----------------------------------------------------------------------


def _assembly(context: _Context, code: str) -> Organ:
    return Organ.objects.of(context.commune).get(kind=OrganKind.ASSEMBLY, council__code=code)


def _assembly_events(context: _Context) -> list[Event]:
    events: list[Event] = []
    rng = context.rng
    for number, code in enumerate(ASSEMBLY_COUNCILS):
        organ = _assembly(context, code)
        days = sorted(
            context.today - dt.timedelta(days=rng.randint(20, 350))
            for _ in range(rng.randint(2, 3))
        )
        sundays = set()
        for day in days:
            # Assemblies meet on Sunday afternoons: the Sunday of that week, never today.
            day = day + dt.timedelta(days=(6 - day.weekday()) % 7)
            sundays.add(day - dt.timedelta(days=7) if day >= context.today else day)
        for index, day in enumerate(sorted(sundays)):
            second_call = number == 1 and index == 0
            meeting = partial(_assembly_meeting, context, organ, day, second_call=second_call)
            events.append((day, 1, meeting))
    return events


def _attend(context: _Context, meeting: Meeting, share: float, *, by: User) -> int:
    """Registers ``share`` of the assembly's electorate, as typed from the signed sheet."""
    members = list(selectors.meeting_members(meeting).values_list("pk", flat=True))
    chosen = context.rng.sample(members, min(len(members), round(len(members) * share)))
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            person_id=pk,
            method=AttendanceMethod.SHEET,
            registered_by=by,
        )
        for pk in chosen
    )
    return len(chosen)


def _assembly_meeting(context: _Context, organ: Organ, day: dt.date, *, second_call: bool) -> None:
    rng = context.rng
    by = context.spokesperson if organ.council and organ.council.code == "CC01" else context.admin
    meeting = services.meeting_convene(
        organ=organ,
        date=day,
        place=f"Cancha del sector {rng.choice(_PLACES)}",
        first_call_time=dt.time(15, 0),
        second_call_time=dt.time(15, 30),
        agenda=["Informe de las vocerías", "Propuestas de la comunidad", "Puntos varios"],
        by=by,
    )
    services.meeting_open(meeting=meeting, by=by)
    share = rng.uniform(0.22, 0.27) if second_call else rng.uniform(0.31, 0.4)
    _attend(context, meeting, share, by=by)
    if second_call:
        services.meeting_move_to_second_call(meeting=meeting, by=by)
    for title in rng.sample(_ASSEMBLY_PROPOSALS, rng.randint(1, 2)):
        proposal = services.proposal_add(
            meeting=meeting,
            title=title,
            agenda_item=meeting.agenda.get(position=2),
            responsible_organ=organ,
            due_date=day + dt.timedelta(days=rng.choice((15, 30, 60))),
            by=by,
        )
        present = selectors.present_count(meeting)
        yes, no, abstaining = _hands(rng, present, carried=rng.random() < 0.9)
        services.vote_record_hands(
            proposal=proposal, votes_for=yes, votes_against=no, votes_abstaining=abstaining, by=by
        )
    services.meeting_close(meeting=meeting, notes="", by=by)
    _times(meeting, dt.time(15, 30) if second_call else dt.time(15, 0), hours=2)


def _today_assembly(context: _Context) -> None:
    """Convened for the day the demo was built, so a visitor can open and run it."""
    organ = _assembly(context, "CC01")
    services.meeting_convene(
        organ=organ,
        date=context.today,
        place="Casa de la vocera, sector Centro",
        first_call_time=dt.time(16, 0),
        second_call_time=dt.time(16, 30),
        agenda=["Propuestas para la jornada de limpieza", "Puntos varios"],
        by=context.spokesperson,
    )


# A recall, and the election that follows ---------------------------------------------------


def _recall_events(context: _Context) -> list[Event]:
    seat = (
        Seat.objects.of(context.commune)
        .select_related("holder", "substitute", "council")
        .get(organ__kind=OrganKind.PARLIAMENT, council__code=RECALL_COUNCIL)
    )
    assert seat.term_start is not None  # the builder gives every seat a term  # noqa: S101
    opened = max(seat.term_start + dt.timedelta(days=20), context.today - dt.timedelta(days=100))
    vote_day = opened + (context.today - opened) / 3
    election_day = opened + (context.today - opened) * 2 / 3
    organ = _assembly(context, RECALL_COUNCIL)
    return [
        (opened, 2, partial(_recall_petition, context, seat, opened)),
        (vote_day, 2, partial(_recall_vote, context, organ, seat, vote_day)),
        (election_day, 2, partial(_election, context, organ, seat, election_day)),
    ]


def _recall_petition(context: _Context, seat: Seat, day: dt.date) -> None:
    petition = services.recall_petition_open(
        seat=seat,
        reason=(
            "No convoca a la asamblea desde hace cuatro meses ni informa de lo que se decide "
            "en el parlamento comunal."
        ),
        by=context.admin,
        on=day,
    )
    signers = list(
        selectors.seat_electorate(seat, on=context.today)
        .exclude(national_id__isnull=True)
        .exclude(pk__in=[seat.holder_id, seat.substitute_id])
        .values_list("national_id", flat=True)
    )
    chosen = context.rng.sample(signers, petition.signatures_needed + context.rng.randint(3, 15))
    services.recall_petition_sign(
        petition=petition, national_ids=" ".join(str(n) for n in chosen), by=context.admin
    )


def _recall_vote(context: _Context, organ: Organ, seat: Seat, day: dt.date) -> None:
    admin, clerk = context.admin, context.comptroller
    meeting = services.meeting_convene(
        organ=organ,
        date=day,
        place="Escuela Bolivariana del sector, patio central",
        first_call_time=dt.time(15, 0),
        second_call_time=dt.time(15, 30),
        agenda=["Referendo revocatorio de la vocería ante el parlamento comunal"],
        by=admin,
    )
    services.meeting_open(meeting=meeting, by=admin)
    present = _attend(context, meeting, 0.42, by=admin)
    petition = seat.recall_petitions.get()
    proposal = services.proposal_add(
        meeting=meeting,
        title="Revocar el mandato de la vocería del consejo ante el parlamento comunal",
        kind=DecisionKind.RECALL,
        method=VoteMethod.BALLOT,
        petition=petition,
        agenda_item=meeting.agenda.get(position=1),
        by=admin,
    )
    yes = round(present * 0.64)
    no, abstaining, blank = round(present * 0.27), round(present * 0.05), 3
    # The two clerks' first counts differ by one ballot: they count again, together.
    for user, count_for in ((admin, yes), (clerk, yes - 1)):
        services.ballot_tally_enter(
            proposal=proposal, clerk=user, votes_for=count_for, votes_against=no,
            votes_abstaining=abstaining, blank_ballots=blank + (yes - count_for),
        )  # fmt: skip
    services.ballot_tally_reconcile(proposal=proposal, by=admin)
    for user in (clerk, admin):
        services.ballot_tally_enter(
            proposal=proposal, clerk=user, votes_for=yes, votes_against=no,
            votes_abstaining=abstaining, blank_ballots=blank,
        )  # fmt: skip
    services.ballot_tally_reconcile(proposal=proposal, by=admin)
    services.meeting_close(
        meeting=meeting, notes="Escrutinio público; se recontaron las papeletas.", by=admin
    )
    _times(meeting, dt.time(15, 0), hours=3)


def _election(context: _Context, organ: Organ, seat: Seat, day: dt.date) -> None:
    admin = context.admin
    office = Seat.objects.of(context.commune).values_list("holder", "substitute")
    taken = {pk for pair in office for pk in pair if pk}
    taken |= set(seat.recall_petitions.values_list("holder", flat=True))
    meeting = services.meeting_convene(
        organ=organ,
        date=day,
        place="Escuela Bolivariana del sector, patio central",
        first_call_time=dt.time(15, 0),
        second_call_time=dt.time(15, 30),
        agenda=["Elección de la vocería ante el parlamento comunal"],
        by=admin,
    )
    services.meeting_open(meeting=meeting, by=admin)
    present = _attend(context, meeting, 0.36, by=admin)
    council: Council = seat.council  # type: ignore[assignment]
    candidates = _candidates(context, council, day, exclude=taken)
    proposal = services.proposal_add(
        meeting=meeting,
        title="Elegir la vocería del consejo ante el parlamento comunal",
        kind=DecisionKind.ELECTION,
        method=VoteMethod.HANDS,
        seat=seat,
        candidate=candidates[0],
        candidate_substitute=candidates[1],
        agenda_item=meeting.agenda.get(position=1),
        by=admin,
    )
    services.vote_record_hands(
        proposal=proposal,
        votes_for=round(present * 0.8),
        votes_against=round(present * 0.08),
        votes_abstaining=round(present * 0.1),
        by=admin,
    )
    services.meeting_close(meeting=meeting, notes="", by=admin)
    _times(meeting, dt.time(15, 0), hours=2)


def _candidates(
    context: _Context, council: Council, day: dt.date, *, exclude: set[int]
) -> list[Person]:
    people = (
        selectors.electorate(context.commune, council.pk, on=day, minimum_age=25)
        .filter(birth_date__gt=selectors.born_on_or_before(day, 65))
        .exclude(pk__in=exclude)
        .order_by("pk")
    )
    pool = list(people[:200])
    return context.rng.sample(pool, 2)


# Follow-up ---------------------------------------------------------------------------------


def _follow_up(context: _Context) -> None:
    """Every state of the follow-up: older decisions mostly done, recent ones under way."""
    decisions = list(
        Decision.objects.of(context.commune)
        .exclude(status=DecisionStatus.DONE)
        .order_by("decided_on", "pk")
    )
    for index, decision in enumerate(decisions):
        age = (context.today - decision.decided_on).days
        if index < len(_STATUSES):
            status = _STATUSES[index]  # one of each, whatever the dates
        elif age > 120:
            status = context.rng.choices(_STATUSES[:4], weights=(70, 10, 10, 10))[0]
        elif age > 30:
            status = context.rng.choice((DecisionStatus.IN_PROGRESS, DecisionStatus.DONE))
        else:
            status = DecisionStatus.PENDING
        if status == DecisionStatus.PENDING:
            continue
        on = decision.decided_on + dt.timedelta(days=context.rng.randint(0, max(age - 1, 0)))
        if status == DecisionStatus.DONE and age > 10:
            services.decision_update_status(
                decision=decision,
                status=DecisionStatus.IN_PROGRESS,
                note=_NOTES[DecisionStatus.IN_PROGRESS],
                on=decision.decided_on + dt.timedelta(days=1),
                by=context.admin,
            )
            on = max(on, decision.decided_on + dt.timedelta(days=2))
        services.decision_update_status(
            decision=decision, status=status, note=_NOTES[status], on=on, by=context.admin
        )
