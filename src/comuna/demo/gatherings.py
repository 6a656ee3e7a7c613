"""The demo federation's coordination: a month of actions on the shared calendar with the
participation each commune reported, and one gathering of delegates of many organisations
that debated amendments to its draft and adopted its declaration.

``gatherings_demo(unit=…, communes=…)`` is called by the federation's demo with its communal
city and its communes (each placed in that city). Built twice, it changes nothing the second
time: each part is skipped when it is already there.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from comuna.core.models import Commune
from comuna.federation.models import Unit
from comuna.gatherings import access, services
from comuna.gatherings.models import (
    Action,
    Amendment,
    Delegate,
    Gathering,
    Organisation,
    Participation,
)

ORGANISATIONS = (
    ("Movimiento de Pobladoras y Pobladores", Organisation.Kind.MOVEMENT),
    ("Sindicato Unitario de Trabajadores de la Salud", Organisation.Kind.UNION),
    ("Colectivo Cultural Tambor de Barrio", Organisation.Kind.COLLECTIVE),
    ("Cooperativa Textil 5 de Julio", Organisation.Kind.COOPERATIVE),
    ("Red de Comuneras y Comuneros del Sur", Organisation.Kind.COMMUNE_NETWORK),
    ("Colectivo Agroecológico Semilla Libre", Organisation.Kind.COLLECTIVE),
)

# (days from today it starts, days it lasts, kind, title, description, organisations):
# a month of actions, three weeks past and one to come.
ACTIONS = (
    (
        -20,
        1,
        Action.Kind.WORK_DAY,
        "Jornada de limpieza de quebradas",
        "Limpieza de cauces antes de las lluvias, con las brigadas de cada comuna.",
        (0, 5),
    ),
    (
        -16,
        3,
        Action.Kind.CAMPAIGN,
        "Campaña de vacunación casa por casa",
        "Vocerías de salud acompañan al personal de los ambulatorios.",
        (1,),
    ),
    (
        -11,
        1,
        Action.Kind.SOLIDARITY,
        "Día de solidaridad con los pueblos en lucha",
        "Foros en las casas comunales y una colecta de útiles escolares.",
        (0, 2, 4),
    ),
    (
        -6,
        2,
        Action.Kind.WORK_DAY,
        "Jornada de siembra en los conucos comunales",
        "Siembra de maíz y caraotas en los terrenos de producción de las comunas.",
        (5, 4),
    ),
    (
        -1,
        1,
        Action.Kind.TRAINING,
        "Escuela de vocerías: contraloría social",
        "Formación para las unidades de contraloría de los consejos comunales.",
        (4,),
    ),
    (
        6,
        1,
        Action.Kind.MOBILISATION,
        "Marcha por el agua y los servicios",
        "Concentración en la plaza del municipio y entrega de un pliego.",
        (0, 1, 3),
    ),
)

GATHERING_NAME = "Encuentro de Comunas y Movimientos Sociales"
DRAFT = "\n\n".join(
    (
        "Las comunas, los movimientos sociales, los sindicatos, los colectivos y las "
        "cooperativas aquí reunidos reconocemos que solo organizados construimos la ciudad "
        "comunal.",
        "Nos comprometemos a coordinar un calendario común de acciones y a informar cada mes "
        "lo hecho por cada comuna.",
        "Exigimos el abastecimiento regular de agua y gas en todos los sectores.",
        "Impulsaremos la producción agroecológica en los terrenos de las comunas.",
        "Convocamos a un nuevo encuentro dentro de seis meses.",
    )
)
# (paragraph, kind, text, proposing organisation, carried?)
AMENDMENTS = (
    (
        2,
        Amendment.Kind.REPLACE,
        "Nos comprometemos a coordinar un calendario común de acciones, a informar cada mes lo "
        "hecho por cada comuna y a rendir cuentas en asamblea.",
        4,
        True,
    ),
    (
        3,
        Amendment.Kind.ADD,
        "Cada comuna llevará a su asamblea las necesidades de servicios de sus consejos comunales "
        "y las hará llegar a la ciudad comunal.",
        0,
        True,
    ),
    (5, Amendment.Kind.DELETE, "", 2, False),
    (4, Amendment.Kind.REPLACE, "Impulsaremos la producción agroecológica.", 3, False),
)
DELEGATES = (
    ("Yusmary Castillo", 0),
    ("Pedro Rangel", 0),
    ("Carmen Aponte", 1),
    ("Luis Guevara", 1),
    ("Nelly Marcano", 2),
    ("José Gregorio Mata", 2),
    ("Francys Bello", 3),
    ("Omar Pacheco", 3),
    ("Ana Karina Suárez", 4),
    ("Wilmer Tovar", 4),
    ("Rosa Linares", 5),
    ("Jhonny Campos", 5),
)


def _organisations() -> list[Organisation]:
    found = []
    for name, kind in ORGANISATIONS:
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = services.organisation_create(name=name, kind=kind, by=None)
        found.append(organisation)
    return found


def _actions(unit: Unit, organisations: list[Organisation], today: dt.date) -> list[Action]:
    found = []
    for day, days, kind, title, description, taking_part in ACTIONS:
        starts_on = today + dt.timedelta(days=day)
        action = Action.objects.filter(unit=unit, title=title).first()
        if action is None:
            action = services.action_call(
                kind=kind,
                title=title,
                description=description,
                starts_on=starts_on,
                ends_on=starts_on + dt.timedelta(days=days - 1),
                unit=unit,
                organisations=[organisations[k] for k in taking_part],
                by=None,
            )
        found.append(action)
    return found


def _participation(actions: list[Action], communes: Sequence[Commune], today: dt.date) -> None:
    for k, commune in enumerate(communes):
        rng = random.Random(f"participation-{commune.code}")  # noqa: S311 - demo data
        for action in actions:
            if action.starts_on > today or not access.commune_is_called(commune, action):
                continue
            if Participation.objects.of(commune).filter(action=action).exists():
                continue
            if rng.random() < 0.15 and k:  # not every commune reports every action
                continue
            people = rng.randint(12, 140)
            services.participation_report(
                commune=commune,
                action=action,
                people=people,
                hours=Decimal(people * rng.choice((2, 3, 4, 6))),
                note=rng.choice(("", "Con apoyo de la alcaldía.", "Faltó transporte.", "")),
                by=None,
            )


def _gathering(
    unit: Unit, organisations: list[Organisation], communes: Sequence[Commune], today: dt.date
) -> Gathering:
    found = Gathering.objects.filter(unit=unit, name=GATHERING_NAME).first()
    if found is not None:
        return found
    gathering = services.gathering_convene(
        name=GATHERING_NAME,
        starts_on=today - dt.timedelta(days=9),
        ends_on=today - dt.timedelta(days=8),
        place="Casa comunal de " + (communes[0].name if communes else unit.name),
        unit=unit,
        draft=DRAFT,
        by=None,
    )
    delegates: list[Delegate] = []
    for k, (name, organisation) in enumerate(DELEGATES):
        delegate = services.delegate_register(
            gathering=gathering,
            organisation=organisations[organisation],
            name=name,
            commune=communes[k % len(communes)] if communes and k % 3 else None,
            national_id=f"V{14_200_000 + 7_919 * k}" if k % 2 else "",
            by=None,
        )
        if k != len(DELEGATES) - 1:  # one did not arrive
            services.delegate_presence_set(delegate=delegate, present=True, by=None)
        delegates.append(delegate)
    present = delegates[:-1]
    session = services.session_open(
        gathering=gathering,
        title="Plenaria: debate de la declaración",
        starts_at=timezone.make_aware(dt.datetime.combine(gathering.starts_on, dt.time(9, 0))),
        agenda="1. Informe de las comunas\n2. Debate del borrador\n3. Enmiendas y votación",
        by=None,
    )
    for delegate in present[:7]:
        services.speaker_ask(session=session, delegate=delegate, by=None)
    for _turn in range(5):
        services.speaker_next(session=session, by=None)
    for paragraph, kind, text, organisation, carried in AMENDMENTS:
        amendment = services.amendment_propose(
            gathering=gathering,
            paragraph_number=paragraph,
            kind=kind,
            text=text,
            organisation=organisations[organisation],
            by=None,
        )
        for k, delegate in enumerate(present):
            yes = k % 4 != 0 if carried else k % 3 == 0
            choice = "yes" if yes else ("abstain" if k % 5 == 1 else "no")
            services.vote_cast(
                gathering=gathering, amendment=amendment, delegate=delegate, choice=choice, by=None
            )
        services.amendment_count(amendment=amendment, by=None)
    for k, delegate in enumerate(present):
        choice = "no" if k == 3 else ("abstain" if k == 7 else "yes")
        services.vote_cast(gathering=gathering, delegate=delegate, choice=choice, by=None)
    services.declaration_count(gathering=gathering, by=None)
    return Gathering.objects.get(pk=gathering.pk)


@transaction.atomic
def gatherings_demo(*, unit: Unit, communes: Sequence[Commune]) -> Gathering:
    """A month of actions for ``unit`` with its communes' participation, and one
    gathering, debated and adopted. Returns the gathering."""
    today = timezone.localdate()
    organisations = _organisations()
    actions = _actions(unit, organisations, today)
    _participation(actions, communes, today)
    return _gathering(unit, organisations, communes, today)
