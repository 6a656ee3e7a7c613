"""The demo's co-managed enterprise: a cornflour plant hosted by the first demo commune and
serving the three neighbouring demo communes, with its board of state and community seats, a
year of monthly results shared into the three communes' books, and a transition plan with one
stage approved by the host's parliament and one pending.

Built only when the installation holds at least three demo communes (``comuna demo
--communes 3``); building it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max

from comuna.census.models import Person, PersonStatus
from comuna.comanaged import selectors, services
from comuna.comanaged.models import Comanaged, Side
from comuna.core.models import Commune
from comuna.governance import services as governance
from comuna.governance.models import (
    AttendanceMethod,
    Decision,
    Meeting,
    Organ,
    OrganKind,
    Seat,
)
from comuna.ledger.models import Statement

NAME = "Planta de harina de maíz La Tricolor"
ACTIVITY = "Harina precocida de maíz para los CLAP y los mercados comunales"
SHARES = (4000, 3500, 2500)  # the host, then its two neighbours: 100% of the surplus
MONTHS = 12


def _months(today: dt.date) -> list[dt.date]:
    first = today.replace(day=1)
    months = []
    for _n in range(MONTHS):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        months.append(first)
    return sorted(months)


def _approve(commune: Commune, title: str, day: dt.date) -> Decision | None:
    """The host's parliament carries ``title`` at a session on ``day``, with every seat's
    holder present (none when the commune has no parliament with its seats held)."""
    parliament = Organ.objects.of(commune).filter(kind=OrganKind.PARLIAMENT).first()
    if parliament is None:
        return None
    holders = [
        s.holder
        for s in Seat.objects.of(commune).filter(organ=parliament).select_related("holder")
        if s.holder is not None
    ]
    if not holders:
        return None
    taken = set(Meeting.objects.of(commune).filter(organ=parliament).values_list("date", flat=True))
    while day in taken:  # the parliament meets once a day at most
        day += dt.timedelta(days=1)
    meeting = governance.meeting_convene(
        organ=parliament,
        date=day,
        place="Casa comunal",
        first_call_time=dt.time(9, 0),
        agenda=["Gestión compartida de la planta de harina"],
        by=None,
    )
    governance.meeting_open(meeting=meeting, by=None)
    governance.attendance_register(
        meeting=meeting, people=holders, method=AttendanceMethod.SEARCH, by=None
    )
    proposal = governance.proposal_add(meeting=meeting, title=title, by=None)
    governance.vote_record_hands(
        proposal=proposal,
        votes_for=len(holders),
        votes_against=0,
        votes_abstaining=0,
        by=None,
    )
    governance.meeting_close(meeting=meeting, notes="Se aprobó por unanimidad.", by=None)
    return Decision.objects.of(commune).get(proposal=proposal)


def _person(commune: Commune, rng: random.Random) -> Person | None:
    people = list(
        Person.objects.of(commune).filter(status=PersonStatus.ACTIVE, birth_date__year__lt=1990)[
            :40
        ]
    )
    return rng.choice(people) if people else None


@transaction.atomic
def comanaged_demo_build(
    communes: Sequence[Commune], rng: random.Random, *, today: dt.date
) -> Comanaged | None:
    """The plant, hosted by ``communes[0]`` and serving the first three; None when there are
    fewer than three or it is already there."""
    if len(communes) < 3:
        return None
    host, *others = communes[:3]
    existing = Comanaged.objects.of(host).filter(enterprise__name=NAME).first()
    if existing is not None:
        return None
    months = _months(today)
    plant = services.comanaged_register(
        commune=host,
        name=NAME,
        activity=ACTIVITY,
        registered_on=months[0] - dt.timedelta(days=60),
        fund_basis_points=1000,
        served=list(zip(communes[:3], SHARES, strict=True)),
    )
    services.board_seat_add(
        comanaged=plant,
        title="Ministerio de Alimentación",
        side=Side.STATE,
        institution="Ministerio del Poder Popular para la Alimentación",
        outside_holder="Ing. Ramón Villegas",
    )
    services.board_seat_add(
        comanaged=plant,
        title="Gobernación",
        side=Side.STATE,
        institution="Gobernación del estado",
        outside_holder="Lcda. Beatriz Ochoa",
    )
    host_spokesperson = _person(host, rng)
    services.board_seat_add(
        comanaged=plant,
        title=f"Vocería de {host.name}",
        side=Side.COMMUNITY,
        represents=host,
        holder=host_spokesperson,
        outside_holder="" if host_spokesperson else "Vocera de la comuna anfitriona",
        term_start=months[0],
    )
    for other, name in zip(others, ("Carmen Salazar", "José Gregorio Peña"), strict=True):
        services.board_seat_add(
            comanaged=plant,
            title=f"Vocería de {other.name}",
            side=Side.COMMUNITY,
            represents=other,
            outside_holder=name,
        )
    for month in months:
        # Bs.: sales around 180.000 a month, a quieter first quarter, costs that follow them.
        income = rng.randint(150_000, 195_000) * 100 + rng.randint(0, 99)
        services.result_record(
            comanaged=plant,
            kind="month",
            start=month,
            income=income,
            wages=rng.randint(55_000, 65_000) * 100,
            maintenance=rng.randint(6_000, 12_000) * 100,
            materials=rng.randint(40_000, 52_000) * 100 + rng.randint(0, 99),
        )
    # Each month is shared the day after it ends, or after the last month the three communes'
    # books have closed (the books refuse an entry inside a closed period).
    statements = Statement.objects.all_communes().filter(commune__in=communes[:3])
    closed = statements.aggregate(end=Max("end"))["end"]
    for result in selectors.results_of(plant).order_by("start"):
        day = result.end + dt.timedelta(days=1)
        if closed is not None and day <= closed:
            day = closed + dt.timedelta(days=1)
        services.result_apply(result=result, by="demo", on=min(day, today))
    first = services.stage_add(
        comanaged=plant,
        title="Mayoría comunitaria en la junta directiva",
        condition="La comunidad ocupa 3 de los 5 puestos de la junta",
        community_seats=3,
        target_date=months[MONTHS // 2],
    )
    decision = _approve(
        host,
        "Aprobar la mayoría comunitaria en la junta de la planta",
        months[-1] + dt.timedelta(days=10),
    )
    if decision is not None:
        services.stage_complete(stage=first, decision=decision, on=decision.decided_on)
    else:
        services.stage_start(stage=first)
    services.stage_add(
        comanaged=plant,
        title="Administración comunal de la planta",
        condition="Dos años de estados financieros auditados por la contraloría comunal",
        target_date=months[-1].replace(year=months[-1].year + 2),
    )
    return plant
