"""A popular consultation in the demo federation: the communal city asks its communes to
choose the projects of a shared participatory budget; each commune holds it in the citizens'
assembly of the whole commune (its meeting, the attendance typed from the signed sheet, the
votes), closes its result with the fingerprint of the minutes, and the city publishes it.

Everything goes through the services, as an officer and each administrator would do it,
except the attendance, typed in with one bulk insert per assembly as the governance demo does
(hundreds of neighbours). Building it twice changes nothing: a consultation of the same title
for the same city is left as it is.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from comuna.consultations import services
from comuna.consultations.models import Consultation, ConsultationStatus
from comuna.core.models import Commune
from comuna.federation.models import Unit
from comuna.governance import selectors
from comuna.governance import services as governance
from comuna.governance.models import (
    Attendance,
    AttendanceMethod,
    Meeting,
    Organ,
    OrganKind,
)

DEMO_CONSULTATION_TITLE = "Presupuesto participativo de la ciudad comunal 2027"
DEMO_PROJECTS: tuple[tuple[str, Decimal], ...] = (
    ("Rehabilitación del ambulatorio de la ciudad comunal", Decimal("180000")),
    ("Sistema de bombeo de agua para los sectores altos", Decimal("120000")),
    ("Alumbrado público de la avenida principal", Decimal("90000")),
    ("Techado de la cancha deportiva compartida", Decimal("70000")),
    ("Ruta de transporte comunal entre las comunas", Decimal("150000")),
)
DEMO_BUDGET = Decimal("300000")


def _assembly(commune: Commune) -> Organ:
    organ = (
        Organ.objects.of(commune)
        .filter(kind=OrganKind.ASSEMBLY, council__isnull=True)
        .order_by("pk")
        .first()
    )
    if organ is None:
        organ = Organ.objects.create(
            commune=commune,
            kind=OrganKind.ASSEMBLY,
            name="Asamblea de Ciudadanos y Ciudadanas de la Comuna",
        )
    return organ


def _free_day(organ: Organ, day: dt.date) -> dt.date:
    taken = set(
        Meeting.objects.of(organ.commune_id).filter(organ=organ).values_list("date", flat=True)
    )
    while day in taken:
        day -= dt.timedelta(days=1)
    return day


def _hold(consultation: Consultation, commune: Commune, day: dt.date, rng: random.Random) -> None:
    organ = _assembly(commune)
    meeting = governance.meeting_convene(
        organ=organ,
        date=_free_day(organ, day),
        place="Casa comunal",
        first_call_time=dt.time(9, 0),
        second_call_time=dt.time(9, 30),
        agenda=["Informe de la ciudad comunal"],
        by=None,
    )
    meeting = governance.meeting_open(meeting=meeting, by=None)
    members = list(selectors.meeting_members(meeting).values_list("pk", flat=True))
    # Rounded up, so that even a commune of a few voters reaches its quorum.
    present = rng.sample(
        members, min(len(members), math.ceil(len(members) * rng.uniform(0.31, 0.36)))
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, person_id=pk, method=AttendanceMethod.SHEET) for pk in present
    )
    holding = services.holding_start(
        commune=commune, consultation=consultation, meeting=meeting, by=None
    )
    options = list(consultation.options.order_by("position"))
    weights = [rng.uniform(0.5, 2.0) for _ in options]
    blank = round(len(present) * rng.uniform(0.01, 0.03))
    voting = len(present) - blank
    shares = [int(voting * w / sum(weights)) for w in weights]
    shares[-1] = max(voting - sum(shares[:-1]), 0)
    services.holding_record(
        holding=holding,
        counts={o.pk: n for o, n in zip(options, shares, strict=True)},
        blank=blank,
        by=None,
    )
    governance.meeting_close(
        meeting=meeting, notes="Consulta popular de la ciudad comunal.", by=None
    )
    services.holding_close(holding=holding, by=None)


@transaction.atomic
def consultations_demo(*, unit: Unit, communes: Sequence[Commune]) -> Consultation:
    """Open the city's consultation, hold it in every commune's assembly, publish it."""
    existing = Consultation.objects.filter(unit=unit, title=DEMO_CONSULTATION_TITLE).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    consultation = services.consultation_create(
        unit=unit,
        kind="projects",
        title=DEMO_CONSULTATION_TITLE,
        question="¿Qué proyectos de la ciudad comunal financiamos este año?",
        opens_on=today - dt.timedelta(days=30),
        closes_on=today - dt.timedelta(days=2),
        budget=DEMO_BUDGET,
        options=DEMO_PROJECTS,
        by=None,
    )
    consultation = services.consultation_open(consultation=consultation, by=None)
    for number, commune in enumerate(communes):
        rng = random.Random(f"consulta-{commune.code}")  # noqa: S311 - a demo, not a secret
        _hold(consultation, commune, today - dt.timedelta(days=20 - number), rng)
    consultation = services.consultation_close(consultation=consultation, by=None)
    if consultation.status == ConsultationStatus.CLOSED:
        consultation = services.consultation_publish(consultation=consultation, by=None)
    return consultation
