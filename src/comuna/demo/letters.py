"""The demo commune's letters to institutions: the institutions that owe it a service, and
about twenty letters over the year about its incidents, most answered, some unanswered and
past their due day with reminders, a few recent ones still waiting or in draft.

The letters are written about the demo's incidents. Where the demo has none (the incidents
demo is built elsewhere), a dozen are made here with the incidents' own model, so that the
letters always have something to be about.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db.models import Max
from django.utils import timezone

from comuna.census.models import Council, Household, HouseholdStatus, Sector
from comuna.core.models import Commune
from comuna.incidents.models import Incident, IncidentKind, IncidentStatus
from comuna.letters import services
from comuna.letters.models import Institution, InstitutionKind, Letter
from comuna.users.models import User

LETTERS = 20

# Name, kind, address, contact, the incident kinds (codes) it answers for.
INSTITUTIONS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "Hidrolara",
        InstitutionKind.UTILITY,
        "Av. Libertador, Barquisimeto",
        "Gerencia de Atención al Ciudadano",
        ("water",),
    ),
    (
        "Corpoelec",
        InstitutionKind.UTILITY,
        "Carrera 19 con calle 28, Barquisimeto",
        "Oficina Comercial Lara",
        ("electricity",),
    ),
    (
        "Alcaldía del Municipio Iribarren",
        InstitutionKind.MAYOR,
        "Calle 26 entre carreras 15 y 16, Barquisimeto",
        "Dirección de Servicios Públicos",
        ("streets", "transport", "waste"),
    ),
    (
        "PDVSA Gas Comunal",
        InstitutionKind.FUEL,
        "Zona Industrial I, Barquisimeto",
        "Coordinación de Distribución",
        ("gas",),
    ),
    (
        "Dirección Regional de Salud del Ministerio de Salud",
        InstitutionKind.MINISTRY,
        "Av. Vargas, Barquisimeto",
        "Coordinación de Salud Ambiental",
        ("health",),
    ),
)

# Kinds made only when the demo has no incident at all: code and Spanish name.
_KINDS = (
    ("water", "Agua"),
    ("electricity", "Electricidad"),
    ("gas", "Gas"),
    ("streets", "Vialidad"),
)

_NEEDS = {
    "water": "Reparar la bomba de la estación de bombeo y enviar un camión cisterna.",
    "electricity": "Sustituir el transformador dañado y revisar el tendido del sector.",
    "gas": "Programar la distribución de bombonas de gas para los hogares afectados.",
    "streets": "Bachear la vía y limpiar los drenajes antes de las lluvias.",
}


def letters_demo_build(
    commune: Commune, rng: random.Random, *, today: dt.date, admin: User | None = None
) -> None:
    """The institutions and a year of letters (nothing if the commune has letters already)."""
    if Letter.objects.of(commune).exists():
        return
    institutions = {
        name: services.institution_create(
            commune=commune, name=name, kind=kind, address=address, contact=contact
        )
        for name, kind, address, contact, _codes in INSTITUTIONS
    }
    if not Incident.objects.of(commune).exists():
        _incidents_make(commune, rng, today)
    by_kind: dict[str, list[Incident]] = defaultdict(list)
    for incident in Incident.objects.of(commune).select_related("kind").order_by("since", "pk"):
        by_kind[incident.kind.code].append(incident)
    addressee = {code: name for name, _k, _a, _c, codes in INSTITUTIONS for code in codes}
    kinds = sorted(by_kind)
    for n in range(LETTERS):
        written = today - dt.timedelta(days=360 - n * 18 + rng.randint(0, 5))
        code = kinds[n % len(kinds)]
        candidates = [i for i in by_kind[code] if i.since <= written] or by_kind[code][:3]
        chosen = rng.sample(candidates[-6:], min(len(candidates[-6:]), rng.randint(1, 3)))
        institution = institutions[addressee.get(code, "Alcaldía del Municipio Iribarren")]
        _letter(commune, rng, today, written, institution, chosen, admin)


def _letter(
    commune: Commune,
    rng: random.Random,
    today: dt.date,
    written: dt.date,
    institution: Institution,
    incidents: list[Incident],
    admin: User | None,
) -> None:
    kind = incidents[0].kind
    places = ", ".join(sorted({i.council.name for i in incidents}))
    letter = services.letter_create(
        commune=commune,
        institution=institution,
        subject=f"{kind.display_name}: fallas en {places}",
        incidents=incidents,
        body=(
            "Reciban un saludo revolucionario de la Comuna.\n\n"
            f"Por medio de la presente les informamos de las fallas del servicio de "
            f"{kind.display_name.lower()} en {places}, que afectan a los hogares que se detallan "
            "en la tabla siguiente, y solicitamos su pronta atención."
        ),
        needed=_NEEDS.get(kind.code, "Atender la falla a la mayor brevedad."),
        brigade_work=(
            "La brigada revisó las tuberías y cambió las piezas a su alcance; la falla "
            "requiere equipos que la comuna no tiene."
            if kind.code == "water"
            else ""
        ),
        by=admin,
        on=written,
    )
    Letter.objects.of(commune).filter(pk=letter.pk).update(
        written_at=dt.datetime.combine(written, dt.time(9), tzinfo=timezone.get_current_timezone())
    )
    age = (today - written).days
    if age < 8 and rng.random() < 0.6:
        return  # still a draft
    sent_on = min(written + dt.timedelta(days=rng.randint(0, 3)), today)
    letter = services.letter_send(
        letter=letter, sent_on=sent_on, sent_to=institution.contact, by=admin
    )
    assert letter.answer_due_on is not None  # noqa: S101 - set by letter_send
    if letter.answer_due_on >= today:
        return  # still within its time
    wait = rng.randint(5, 45)
    if rng.random() < 0.65 and sent_on + dt.timedelta(days=wait) <= today:
        if wait > 15:
            services.reminder_send(
                letter=letter, sent_on=letter.answer_due_on + dt.timedelta(days=1), by=admin
            )
        services.letter_answer(
            letter=letter,
            answered_on=sent_on + dt.timedelta(days=wait),
            summary="Recibida la comunicación; la cuadrilla atenderá la falla en su programación.",
        )
        return
    reminders = rng.randint(1, 2)
    for r in range(reminders):
        day = letter.answer_due_on + dt.timedelta(days=1 + 10 * r)
        if day <= today:
            services.reminder_send(letter=letter, sent_on=day, by=admin)


def _incidents_make(commune: Commune, rng: random.Random, today: dt.date) -> None:
    """A dozen incidents over the year, for a demo built without the incidents' own."""
    kinds = [
        IncidentKind.objects.get_or_create(commune=commune, code=code, defaults={"name": name})[0]
        for code, name in _KINDS
    ]
    councils = list(Council.objects.of(commune).order_by("code")[:6])
    sectors = {s.council_id: s for s in Sector.objects.of(commune).order_by("pk")}
    last = Incident.objects.of(commune).aggregate(last=Max("number"))["last"] or 0
    tz = timezone.get_current_timezone()
    rows = []
    for n in range(12):
        council = councils[n % len(councils)]
        since = today - dt.timedelta(days=350 - n * 28)
        reported = dt.datetime.combine(since, dt.time(8), tzinfo=tz)
        resolved = reported + dt.timedelta(days=rng.randint(3, 20)) if n < 10 else None
        sector = sectors.get(council.pk)
        households = (
            Household.objects.of(commune)
            .filter(sector=sector, status=HouseholdStatus.ACTIVE)
            .count()
            if sector
            else 0
        )
        rows.append(
            Incident(
                commune=commune,
                number=last + n + 1,
                kind=kinds[n % len(kinds)],
                council=council,
                sector=sector,
                address=f"Calle {n + 1}",
                description="Falla del servicio reportada por la comunidad.",
                since=since,
                households_affected=households or rng.randint(10, 80),
                status=IncidentStatus.RESOLVED if resolved else IncidentStatus.REPORTED,
                reported_at=reported,
                resolved_at=resolved,
            )
        )
    Incident.objects.bulk_create(rows)
