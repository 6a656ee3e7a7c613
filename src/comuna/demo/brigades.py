"""The demo commune's brigades: the water brigade the water ministry funds, the health and
public-services committees, and a security brigade for each council.

Each has 5 to 12 members from its council (the commune's from any council), one of them its
spokesperson; nobody is in two but the ``brigadista`` login's person, a member of the water
brigade (not its spokesperson) who also walks the rounds of their council's security brigade
(with no shifts there: the water brigade's rota is theirs). The rotas cover the past month and
the next two weeks: the water brigade round the clock in three shifts, the security brigades
each night, the committees one morning a week. The ministry's salaries of each month of the
year are posted through ``salaries_post``; the months before this one are closed in the books,
so they are posted today, each named for its month.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from django.utils import timezone

from comuna.brigades.models import Brigade, BrigadeKind, BrigadeMember, Shift, ShiftSwap
from comuna.brigades.services import salaries_post
from comuna.census.models import Council, Person, PersonStatus
from comuna.core.models import Commune
from comuna.memberships.models import Membership
from comuna.users.models import Role, User

WATER = "Brigada de agua"
WATER_FUNDER = "Ministerio del Poder Popular para el Agua, oficina regional"
COMMITTEES = (
    (
        "Comité de salud",
        BrigadeKind.HEALTH,
        "Acompaña las jornadas del ambulatorio y las visitas casa por casa.",
    ),
    (
        "Comité de servicios públicos",
        BrigadeKind.PUBLIC_SERVICES,
        "Recibe las incidencias de los servicios y gestiona su solución ante las instituciones.",
    ),
)
# What a member of the water brigade earns a month from the ministry, in céntimos.
SALARY = 4_500_00
PAST_DAYS = 31
NEXT_DAYS = 14


def _people(rng: random.Random, pool: list[Person], count: int, used: set[int]) -> list[Person]:
    free = [p for p in pool if p.pk not in used]
    chosen = rng.sample(free, min(count, len(free)))
    used.update(p.pk for p in chosen)
    return chosen


def _members(
    brigade: Brigade,
    people: Sequence[Person],
    rng: random.Random,
    today: dt.date,
    *,
    login: User | None = None,
) -> list[BrigadeMember]:
    skills = ("plomería", "electricidad", "primeros auxilios", "albañilería", "chofer", "")
    made = BrigadeMember.objects.bulk_create(
        BrigadeMember(
            commune=brigade.commune,
            brigade=brigade,
            person=person,
            skills=rng.choice(skills),
            is_spokesperson=index == 0,
            login=login if index == 1 else None,
            joined_on=today - dt.timedelta(days=rng.randint(60, 700)),
        )
        for index, person in enumerate(people)
    )
    return made


def _shifts(
    brigade: Brigade,
    members: Sequence[BrigadeMember],
    today: dt.date,
    *,
    hours: Sequence[tuple[int, int]],
    every: int = 1,
) -> list[Shift]:
    """Shifts from a month ago to two weeks ahead, on every ``every``-th day, at ``hours``
    (start, length), the members taking turns in order (so none overlaps)."""
    zone = timezone.get_current_timezone()
    shifts: list[Shift] = []
    turn = 0
    for back in range(-PAST_DAYS, NEXT_DAYS + 1, every):
        day = today + dt.timedelta(days=back)
        for start, length in hours:
            starts_at = dt.datetime.combine(day, dt.time(start), tzinfo=zone)
            shifts.append(
                Shift(
                    commune=brigade.commune,
                    brigade=brigade,
                    member=members[turn % len(members)],
                    starts_at=starts_at,
                    ends_at=starts_at + dt.timedelta(hours=length),
                )
            )
            turn += 1
    return shifts


def brigades_demo_build(commune: Commune, rng: random.Random, *, today: dt.date) -> None:
    """The brigades, their members and rotas, and the water brigade's salaries."""
    if Brigade.objects.of(commune).filter(kind=BrigadeKind.SECURITY).exists():
        return
    adults = dt.date(today.year - 18, today.month, 1)
    by_council: dict[int, list[Person]] = {}
    for person in (
        Person.objects.of(commune)
        .filter(status=PersonStatus.ACTIVE, birth_date__lte=adults)
        .select_related("household")
        .order_by("pk")
    ):
        by_council.setdefault(person.household.council_id, []).append(person)
    councils = list(Council.objects.of(commune).order_by("code"))
    everyone = [p for c in councils for p in by_council.get(c.pk, [])[:400]]
    used: set[int] = set()
    membership = (
        Membership.objects.of(commune)
        .filter(role=Role.BRIGADE_MEMBER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    shifts: list[Shift] = []

    water, _created = Brigade.objects.get_or_create(
        commune=commune,
        name=WATER,
        defaults={
            "kind": BrigadeKind.WATER,
            "funder": WATER_FUNDER,
            "description": "Repara tuberías y válvulas, y vigila el bombeo de la comuna.",
        },
    )
    if not water.funder:
        water.funder = WATER_FUNDER
        water.save(update_fields=["funder"])
    crew = _members(
        water,
        _people(rng, everyone, 10, used),
        rng,
        today,
        login=membership.user if membership else None,
    )
    shifts += _shifts(water, crew, today, hours=((6, 8), (14, 8), (22, 8)))
    brigadista = crew[1].person if membership is not None and len(crew) > 1 else None

    for name, kind, description in COMMITTEES:
        committee = Brigade.objects.create(
            commune=commune, name=name, kind=kind, description=description
        )
        people = _members(committee, _people(rng, everyone, rng.randint(5, 12), used), rng, today)
        shifts += _shifts(committee, people, today, hours=((8, 4),), every=7)

    for council in councils:
        brigade = Brigade.objects.create(
            commune=commune,
            name=f"Brigada de seguridad {council.name}",
            kind=BrigadeKind.SECURITY,
            council=council,
            description="Rondas nocturnas y acompañamiento en el consejo comunal.",
        )
        chosen = _people(rng, by_council.get(council.pk, []), rng.randint(5, 12), used)
        walks = brigadista is not None and brigadista.household.council_id == council.pk
        if walks and brigadista is not None and chosen:
            chosen = [chosen[0], brigadista, *chosen[1:11]]  # the second member has the login
        people = _members(
            brigade, chosen, rng, today, login=membership.user if walks and membership else None
        )
        on_rota = [m for m in people if brigadista is None or m.person_id != brigadista.pk]
        if on_rota:
            shifts += _shifts(brigade, on_rota, today, hours=((20, 6),))
    Shift.objects.bulk_create(shifts, batch_size=2000)
    _swap_asked(water, crew, today)

    first = today.replace(day=1)
    for back in range(11, -1, -1):
        number = first.year * 12 + first.month - 1 - back
        month = dt.date(number // 12, number % 12 + 1, 1)
        salaries_post(
            brigade=water,
            month=month,
            amount=SALARY * len(crew),
            author="demo",
            date=today,
        )


def _swap_asked(water: Brigade, crew: Sequence[BrigadeMember], today: dt.date) -> None:
    """The ``brigadista`` asks to swap their next shift for the one after it."""
    mine = (
        Shift.objects.of(water.commune_id)
        .filter(brigade=water, member=crew[1], starts_at__date__gt=today)
        .order_by("starts_at")
        .first()
    )
    if mine is None:
        return
    theirs = (
        Shift.objects.of(water.commune_id)
        .filter(brigade=water, starts_at__gt=mine.ends_at)
        .exclude(member=crew[1])
        .order_by("starts_at")
        .first()
    )
    if theirs is not None:
        ShiftSwap.objects.create(brigade=water, mine=mine, theirs=theirs)
