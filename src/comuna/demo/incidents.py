"""The demo commune's incidents in public services: a year of them, most resolved.

Each incident is reported in a sector of a council (by the demo's resident for their own
household, by the council's spokesperson for a household without a phone, or on behalf of a
person of the census), triaged, assigned to a brigade of the matching kind, worked on and,
unless recent, resolved; every step is in its timeline. The brigades come from the brigades
demo; a commune that has none gets the water brigade here. Photos are left out (no files in
the demo). The store of repair materials is stocked this month, and a few of this month's
work logs take from it through the service, so that the books move with them.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from comuna.brigades.models import Brigade, BrigadeKind, BrigadeMember
from comuna.census.models import Council, Household, HouseholdStatus, Person, Sector
from comuna.core.models import Commune
from comuna.demo.street_extract import DEMO_CENTER, METRES_PER_DEGREE
from comuna.incidents import services
from comuna.incidents.models import (
    Incident,
    IncidentEvent,
    IncidentKind,
    IncidentPriority,
    IncidentStatus,
    WorkLog,
)
from comuna.memberships.models import Membership
from comuna.users.models import Role, User

INCIDENTS = 320
# Kind code: (share of the incidents, the kind of brigade that takes it)
MIX: dict[str, tuple[float, str]] = {
    "water": (0.34, BrigadeKind.WATER),
    "electricity": (0.22, BrigadeKind.ELECTRICITY),
    "gas": (0.1, BrigadeKind.PUBLIC_SERVICES),
    "telephone": (0.06, BrigadeKind.PUBLIC_SERVICES),
    "transport": (0.06, BrigadeKind.PUBLIC_SERVICES),
    "streets": (0.12, BrigadeKind.PUBLIC_SERVICES),
    "waste": (0.1, BrigadeKind.PUBLIC_SERVICES),
}
# Days a kind takes to be resolved, as (low, mode, high) of a triangular draw.
DAYS: dict[str, tuple[float, float, float]] = {
    "water": (0.5, 3, 25),
    "electricity": (0.2, 2, 15),
    "gas": (1, 6, 30),
    "telephone": (2, 10, 60),
    "transport": (1, 5, 40),
    "streets": (2, 12, 90),
    "waste": (0.3, 2, 10),
}
WHAT = {
    "water": ("No llega el agua al sector.", "Tubería rota inunda la calle.", "Baja presión."),
    "electricity": ("Apagón en la cuadra.", "Cable caído.", "Transformador quemado."),
    "gas": ("Sin gas por tubería.", "Olor a gas en la válvula."),
    "telephone": ("Sin línea telefónica.", "Internet cortado desde hace días."),
    "transport": ("El autobús ya no para aquí.", "Sin transporte de noche."),
    "streets": ("Alumbrado apagado.", "Hueco en la vía."),
    "waste": ("No recogieron la basura esta semana.", "Contenedor desbordado."),
}
# What a work log says, in the commune's language.
DONE = (
    "Revisión del sitio y diagnóstico.",
    "Cambio de la pieza dañada.",
    "Reparación y prueba del servicio.",
    "Limpieza y cierre del trabajo.",
)
STORE = (("Cemento", "KG", 500_000), ("Tubo PVC", "KG", 120_000), ("Pintura", "L", 60_000))


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time(rng.randint(6, 20), rng.randint(0, 59)))
    )


def _brigades(commune: Commune, today: dt.date) -> dict[str, Brigade]:
    """The brigade that takes each kind of brigade's work (the water brigade when none)."""
    brigades = list(Brigade.objects.of(commune).filter(active=True, council__isnull=True))
    if not brigades:
        water, _created = Brigade.objects.get_or_create(
            commune=commune,
            name="Brigada de agua",
            defaults={"kind": BrigadeKind.WATER, "funder": "Hidrolara"},
        )
        brigades = [water]
        _login_join(commune, water, today)
    by_kind = {b.kind: b for b in brigades}
    fallback = (
        by_kind.get(BrigadeKind.PUBLIC_SERVICES) or by_kind.get(BrigadeKind.WATER) or brigades[0]
    )
    return {kind: by_kind.get(kind, fallback) for kind in BrigadeKind.values}


def _login_join(commune: Commune, brigade: Brigade, today: dt.date) -> None:
    """The demo's brigade-member login joins the brigade made here (the brigades demo links
    it itself when it builds the brigades)."""
    member = (
        Membership.objects.of(commune)
        .filter(role=Role.BRIGADE_MEMBER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    person = Person.objects.of(commune).order_by("pk").first()
    if member is None or person is None:
        return
    BrigadeMember.objects.get_or_create(
        brigade=brigade,
        person=person,
        left_on=None,
        defaults={"login": member.user, "joined_on": today - dt.timedelta(days=400)},
    )


# Most reports come from a phone that gives its location; a spokesperson's, for a household
# with no phone, often come without one.
PLACED_SHARE = 0.75


def _point(council_index: int, places: random.Random) -> tuple[Decimal, Decimal]:
    """A point in the council's part of the demo town: the councils laid out six by four
    over some 3 km by 2.4 km around the centre, each report within 250 m of its council's."""
    column, row = council_index % 6, council_index // 6
    x = (column - 2.5) * 520 + places.uniform(-250, 250)
    y = (row - 1.5) * 600 + places.uniform(-250, 250)
    lat = DEMO_CENTER.lat + y / METRES_PER_DEGREE
    lon = DEMO_CENTER.lon + x / (METRES_PER_DEGREE * math.cos(math.radians(DEMO_CENTER.lat)))
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def incidents_demo_build(commune: Commune, rng: random.Random, *, today: dt.date) -> None:
    kinds = {k.code: k for k in IncidentKind.objects.of(commune).filter(standard=True)}
    councils = list(Council.objects.of(commune).order_by("code"))
    sectors: dict[int, list[Sector]] = defaultdict(list)
    for row in Sector.objects.of(commune).order_by("pk"):
        sectors[row.council_id].append(row)
    households_in = dict(
        Household.objects.of(commune)
        .filter(status=HouseholdStatus.ACTIVE, sector__isnull=False)
        .values("sector")
        .annotate(n=Count("pk"))
        .values_list("sector", "n")
        .order_by()
    )
    memberships = list(Membership.objects.of(commune).select_related("user", "household"))
    admin = next((m.user for m in memberships if m.role == Role.ADMIN), None)
    resident = next((m for m in memberships if m.role == Role.RESIDENT and m.household), None)
    spokesperson = next(
        (m for m in memberships if m.role == Role.SPOKESPERSON and m.council_id), None
    )
    brigades = _brigades(commune, today)
    codes = list(MIX)
    weights = [MIX[c][0] for c in codes]
    now = timezone.now()
    start = today - dt.timedelta(days=365)
    plans = []
    for _n in range(INCIDENTS):
        plans.append(start + dt.timedelta(days=rng.randint(0, 364)))
    plans.sort()
    # Its own draws, so that placing the reports leaves the rest of the demo as it was.
    places = random.Random(f"{commune.code}-places")  # noqa: S311 - invented data
    council_index = {c.pk: k for k, c in enumerate(councils)}
    incidents: list[Incident] = []
    events: list[IncidentEvent] = []
    logs: list[WorkLog] = []
    for number, day in enumerate(plans, start=1):
        code = rng.choices(codes, weights)[0]
        council = rng.choice(councils)
        sector: Sector | None = rng.choice(sectors[council.pk]) if sectors[council.pk] else None
        reported_at = min(_at(day, rng), now - dt.timedelta(minutes=number % 50 + 1))
        by: User | None = None
        household = None
        draw = rng.random()
        if resident is not None and draw < 0.04:
            by, household = resident.user, resident.household
            council, sector = household.council, household.sector  # type: ignore[union-attr]
        elif spokesperson is not None and draw < 0.12:
            by = spokesperson.user
            council = spokesperson.council  # type: ignore[assignment]
            sector = rng.choice(sectors[council.pk]) if sectors[council.pk] else None
        affected = households_in.get(sector.pk, 0) if sector else 0
        low, mode, high = DAYS[code]
        took = dt.timedelta(days=rng.triangular(low, high, mode))
        age = now - reported_at
        resolved = took < age and rng.random() > 0.03
        assign_after = min(took / 4, dt.timedelta(days=2)) + dt.timedelta(hours=rng.randint(1, 12))
        assigned = assign_after < age
        if resolved:
            status = IncidentStatus.RESOLVED
        elif rng.random() < 0.05 and age > dt.timedelta(days=3):
            status, assigned = IncidentStatus.DISMISSED, False
        elif assigned:
            status = rng.choice((IncidentStatus.ASSIGNED, IncidentStatus.IN_PROGRESS))
        else:
            status = rng.choice((IncidentStatus.REPORTED, IncidentStatus.TRIAGED))
        brigade = brigades[MIX[code][1]] if assigned else None
        assigned_at = reported_at + assign_after if assigned else None
        closed_at = None
        if status == IncidentStatus.RESOLVED:
            closed_at = reported_at + took
        elif status == IncidentStatus.DISMISSED:
            closed_at = reported_at + dt.timedelta(days=1)
        priority = rng.choices(IncidentPriority.values, (1, 5, 3, 1))[0]
        latitude, longitude = (
            _point(council_index[council.pk], places)
            if places.random() < PLACED_SHARE
            else (None, None)
        )
        incident = Incident(
            commune=commune,
            latitude=latitude,
            longitude=longitude,
            number=number,
            kind=kinds[code],
            council=council,
            sector=sector,
            household=household,
            address=f"{sector.name if sector else council.name}, casa {rng.randint(1, 120)}",
            description=rng.choice(WHAT[code]),
            since=reported_at.date() - dt.timedelta(days=rng.randint(0, 3)),
            households_affected=affected,
            status=status,
            priority=priority,
            brigade=brigade,
            assigned_at=assigned_at,
            reported_by=by,
            reported_at=reported_at,
            resolved_at=closed_at,
        )
        incidents.append(incident)
        steps: list[tuple[dt.datetime, str, str, Brigade | None, User | None]] = [
            (reported_at, IncidentStatus.REPORTED, "", None, by)
        ]
        if status != IncidentStatus.REPORTED:
            steps.append(
                (reported_at + assign_after / 2, IncidentStatus.TRIAGED, priority, None, admin)
            )
        if assigned_at is not None:
            steps.append((assigned_at, IncidentStatus.ASSIGNED, "", brigade, admin))
            if status in (IncidentStatus.IN_PROGRESS, IncidentStatus.RESOLVED):
                working = assigned_at + dt.timedelta(hours=rng.randint(1, 20))
                end = closed_at or now
                working = min(working, end)
                steps.append((working, IncidentStatus.IN_PROGRESS, "", None, None))
                for n in range(rng.randint(1, 3)):
                    work_day = working + (end - working) * (n / 3)
                    logs.append(
                        WorkLog(
                            commune=commune,
                            incident=incident,
                            date=timezone.localtime(work_day).date(),
                            hours=Decimal(rng.randint(2, 16)) / 2,
                            people=rng.randint(1, 6),
                            done=DONE[min(n, len(DONE) - 1)],
                            recorded_at=work_day,
                        )
                    )
        if closed_at is not None:
            steps.append((closed_at, status, "", None, admin))
        for at, step, prio, with_brigade, who in steps:
            events.append(
                IncidentEvent(
                    commune=commune,
                    incident=incident,
                    at=at,
                    by=who,
                    status=step,
                    priority=prio,
                    brigade=with_brigade,
                )
            )
    Incident.objects.bulk_create(incidents)
    IncidentEvent.objects.bulk_create(events)
    WorkLog.objects.bulk_create(logs)
    _store(commune, rng, today, admin)


def _store(commune: Commune, rng: random.Random, today: dt.date, admin: User | None) -> None:
    """The store of repair materials, stocked today; this month's open incidents in progress
    take some of it, posted to the books through the service."""
    materials = []
    for name, unit, quantity in STORE:
        material = services.repair_material_create(commune=commune, name=name, unit=unit)
        services.repair_material_receive(
            material=material, quantity=quantity, date=today, source="Alcaldía", by=admin
        )
        materials.append(material)
    working = (
        Incident.objects.of(commune)
        .filter(status=IncidentStatus.IN_PROGRESS, brigade__isnull=False)
        .order_by("-reported_at")[:4]
    )
    left = {m.pk: quantity for m, (_n, _u, quantity) in zip(materials, STORE, strict=True)}
    for incident in working:
        material = rng.choice(materials)
        # Never more than the store still holds: the books refuse a stock below zero.
        quantity = min(rng.randint(5, 40) * 1000, left[material.pk])
        if quantity == 0:
            continue
        left[material.pk] -= quantity
        services.worklog_record(
            incident=incident,
            date=today,
            hours=Decimal(4),
            people=3,
            done="Reparación con material del almacén.",
            material=material,
            quantity=quantity,
            by=admin,
        )
