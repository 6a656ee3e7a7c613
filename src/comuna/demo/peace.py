"""The demo commune's peace: the security brigades' rounds over three months, the two peace
mediators (``mediadora`` and ``mediador``) and a few mediation cases between neighbours.

Each mediator has a case the other is not assigned to, so that the demo shows what one reads
and the other cannot. The ``brigadista`` login walks rounds with the first council's security
brigade.
"""

from __future__ import annotations

import datetime as dt
import random

from comuna.brigades.models import Brigade, BrigadeKind, BrigadeMember
from comuna.census.models import Council, Person, PersonStatus, Sector, Sex
from comuna.core.models import Commune
from comuna.memberships.models import Membership
from comuna.peace import services
from comuna.peace.models import MediationCase, Mediator, ReportCategory, Round, RoundReport
from comuna.users.models import Role, User

DAYS = 91
ROUTES = ("Calle principal", "Cancha y escuela", "Parada de autobús", "Callejón del río")
WHAT = {
    ReportCategory.NOISE: "Música a alto volumen pasada la medianoche.",
    ReportCategory.THEFT: "Reportan robo de una bombona de gas en el sector.",
    ReportCategory.LIGHTING: "Tres postes sin luz en la calle.",
    ReportCategory.VIOLENCE: "Riña entre jóvenes; se calmó con la llegada de la brigada.",
    ReportCategory.SUSPICIOUS: "Vehículo sin placas detenido largo rato.",
    ReportCategory.OTHER: "Perros sueltos en la vía.",
}
# kind, mediators (0: mediadora, 1: mediador), outcome, what it is about
CASES: tuple[tuple[str, tuple[int, ...], str, str], ...] = (
    ("noise", (0,), "agreement", "Música alta los fines de semana entre dos casas vecinas."),
    ("boundaries", (0,), "open", "Una cerca levantada sobre el paso común."),
    ("debts", (1,), "agreement", "Un préstamo entre vecinos que no se ha devuelto."),
    ("pets", (1,), "no_agreement", "Un perro que muerde a los niños que pasan."),
    ("water", (0, 1), "agreement", "Una toma de agua compartida que deja sin agua a la otra casa."),
    ("family", (0, 1), "open", "Reparto de las tareas de cuidado de una abuela."),
    ("other", (1,), "withdrawn", "Un vehículo estacionado frente a un portón."),
)


def _adults(commune: Commune, council: Council, today: dt.date) -> list[Person]:
    born_before = today.replace(year=today.year - 18)
    return list(
        Person.objects.of(commune)
        .filter(
            household__council=council,
            status=PersonStatus.ACTIVE,
            birth_date__lte=born_before,
            national_id__isnull=False,
        )
        .order_by("pk")[:60]
    )


def _login(commune: Commune, role: Role) -> list[User]:
    return [
        m.user
        for m in Membership.objects.of(commune)
        .filter(role=role)
        .select_related("user")
        .order_by("user__username")
    ]


def _security_brigades(commune: Commune, rng: random.Random, *, today: dt.date) -> list[Brigade]:
    """The demo's security brigades; made here for the first two councils when the brigades'
    own demo has none."""
    brigades = list(
        Brigade.objects.of(commune).filter(kind=BrigadeKind.SECURITY).order_by("council", "pk")
    )
    if brigades:
        return brigades
    for council in Council.objects.of(commune).order_by("code")[:2]:
        brigade, _created = Brigade.objects.get_or_create(
            commune=commune,
            name=f"Brigada de seguridad {council.name}",
            defaults={"kind": BrigadeKind.SECURITY, "council": council},
        )
        people = rng.sample(_adults(commune, council, today), 6)
        BrigadeMember.objects.bulk_create(
            BrigadeMember(
                brigade=brigade,
                person=person,
                is_spokesperson=index == 0,
                joined_on=today - dt.timedelta(days=400),
            )
            for index, person in enumerate(people)
        )
        brigades.append(brigade)
    return brigades


def _brigadista_join(commune: Commune, brigade: Brigade, *, today: dt.date) -> None:
    """The ``brigadista`` login walks with a security brigade: the one the brigades' demo made
    them a member of, else the first, as one of its members (the person the brigades' demo
    linked, or one of the council's people)."""
    for user in _login(commune, Role.BRIGADE_MEMBER):
        walking = BrigadeMember.objects.of(commune).filter(
            brigade__kind=BrigadeKind.SECURITY, login=user, left_on__isnull=True
        )
        if walking.exists():  # the brigades' demo made them a member of one
            continue
        linked = BrigadeMember.objects.of(commune).filter(login=user).first()
        in_it = set(brigade.members.values_list("person_id", flat=True))
        person = linked.person if linked is not None and linked.person_id not in in_it else None
        if person is None:
            member = (
                brigade.members.filter(
                    login__isnull=True, left_on__isnull=True, is_spokesperson=False
                )
                .order_by("pk")
                .first()
            )
            if member is not None:
                member.login = user
                member.save(update_fields=["login"])
                continue
            council = brigade.council or Council.objects.of(commune).order_by("code").first()
            person = next(p for p in _adults(commune, council, today) if p.pk not in in_it)  # type: ignore[arg-type]
        BrigadeMember.objects.create(
            brigade=brigade, person=person, login=user, joined_on=today - dt.timedelta(days=200)
        )


def _rounds(commune: Commune, rng: random.Random, brigades: list[Brigade], today: dt.date) -> None:
    sectors: dict[int | None, list[Sector]] = {}
    for sector in Sector.objects.of(commune).order_by("pk"):
        sectors.setdefault(sector.council_id, []).append(sector)
    everywhere = [s for group in sectors.values() for s in group]
    members = {b.pk: list(b.members.filter(left_on__isnull=True).order_by("pk")) for b in brigades}
    rounds: list[Round] = []
    crews: list[list[BrigadeMember]] = []
    for brigade in brigades:
        places = sectors.get(brigade.council_id) or everywhere
        crew = members[brigade.pk]
        day = today - dt.timedelta(days=DAYS)
        while day <= today:
            hour = rng.choice((18, 19, 20, 21))
            rounds.append(
                Round(
                    commune=commune,
                    brigade=brigade,
                    date=day,
                    starts_at=dt.time(hour, 0),
                    ends_at=dt.time(hour + 2, rng.choice((0, 30))),
                    sector=rng.choice(places),
                    route=rng.choice(ROUTES),
                )
            )
            crews.append(rng.sample(crew, min(len(crew), rng.randint(2, 4))))
            day += dt.timedelta(days=rng.randint(2, 5))
    Round.objects.bulk_create(rounds)
    through = Round.members.through
    through.objects.bulk_create(
        through(round_id=walked.pk, brigademember_id=member.pk)
        for walked, crew in zip(rounds, crews, strict=True)
        for member in crew
    )
    categories = list(WHAT)
    RoundReport.objects.bulk_create(
        RoundReport(
            commune=commune,
            round=walked,
            category=(category := rng.choice(categories)),
            sector=walked.sector,
            what=WHAT[category],
        )
        for walked in rounds
        if rng.random() < 0.35
    )


def _mediators(commune: Commune, rng: random.Random, today: dt.date) -> list[Mediator]:
    logins = _login(commune, Role.MEDIATOR)  # mediador, mediadora
    logins.sort(key=lambda u: u.username.rstrip("0123456789").endswith("a"), reverse=True)
    councils = list(Council.objects.of(commune).order_by("code")[:2])
    found: list[Mediator] = []
    for index, user in enumerate(logins):
        # The ``mediadora`` a woman, the ``mediador`` a man, as their logins say.
        sex = Sex.FEMALE if user.username.rstrip("0123456789").endswith("a") else Sex.MALE
        adults = _adults(commune, councils[index % len(councils)], today)
        person = rng.choice([p for p in adults if p.sex == sex] or adults)
        user.first_name, user.last_name = person.first_names, person.last_names
        user.save(update_fields=["first_name", "last_name"])
        found.append(services.mediator_save(commune=commune, person=person, login=user))
    return found


def peace_demo_build(commune: Commune, rng: random.Random, *, today: dt.date) -> None:
    brigades = _security_brigades(commune, rng, today=today)
    _brigadista_join(commune, brigades[0], today=today)
    _rounds(commune, rng, brigades, today)
    mediators = _mediators(commune, rng, today)
    if not mediators:
        return
    people = [
        p
        for c in Council.objects.of(commune).order_by("code")[2:6]
        for p in _adults(commune, c, today)
    ]
    for number, (kind, assigned, outcome, summary) in enumerate(CASES):
        opened = today - dt.timedelta(days=80 - number * 10)
        chosen = [mediators[i % len(mediators)] for i in assigned]
        parties = rng.sample(people, 2)
        case = services.case_open(
            commune=commune,
            kind=kind,
            opened_on=opened,
            mediators=list(dict.fromkeys(chosen)),
            by=chosen[0].login,
            summary=summary,
            persons=parties,
        )
        attended = " y ".join(p.first_names.split()[0] for p in parties)
        services.session_record(
            case=case,
            date=opened + dt.timedelta(days=3),
            attended=attended,
            notes="Cada parte expuso su versión; se acordó volver a reunirse.",
        )
        _conclude(case, outcome, opened, attended, followed=number == 0)


def _conclude(
    case: MediationCase, outcome: str, opened: dt.date, attended: str, *, followed: bool
) -> None:
    if outcome == "open":
        return
    if outcome != "agreement":
        services.case_close(case=case, status=outcome, closed_on=opened + dt.timedelta(days=10))
        return
    services.session_record(
        case=case,
        date=opened + dt.timedelta(days=8),
        attended=attended,
        notes="Se redactaron los términos del acuerdo.",
    )
    services.agreement_record(
        case=case,
        agreed_on=opened + dt.timedelta(days=9),
        terms=(
            "1. Las partes se comprometen a respetar el descanso de la otra entre las 10 de "
            "la noche y las 7 de la mañana.\n"
            "2. Cualquier diferencia se hablará primero entre ellas y, si no se resuelve, "
            "con los mediadores.\n"
            "3. Se reunirán de nuevo en un mes para revisar el acuerdo."
        ),
    )
    if followed:
        services.followup_record(
            case=case,
            date=opened + dt.timedelta(days=40),
            kept=True,
            notes="Ambas partes dicen que el acuerdo se cumple.",
        )
