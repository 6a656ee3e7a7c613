"""Two communes of one communal city (A, the world's "El Panal", and B, "Ataroa") and a third
in another city (C, "Cumbe"), under one state and the nation; an officer for each city, one
for the state; each commune's citizens' assembly of the whole commune, with adults enough to
meet its quorum."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from comuna.census.models import Person
from comuna.consultations import services
from comuna.consultations.models import Consultation, Holding
from comuna.core.models import Commune
from comuna.federation.models import CommuneUnit, Officer, Unit
from comuna.governance import services as governance
from comuna.governance.models import AttendanceMethod, Meeting, Organ, OrganKind
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World


@dataclass
class Federation:
    world: World
    b: Commune
    c: Commune
    nation: Unit
    state: Unit
    city: Unit
    other_city: Unit
    city_officer: User
    state_officer: User
    other_officer: User
    admin_b: User
    admin_c: User
    adults: dict[int, list[Person]]  # commune id → its adults

    @property
    def a(self) -> Commune:
        return self.world.commune

    @property
    def today(self) -> dt.date:
        return timezone.localdate()


def _commune_with_adults(commune: Commune, code: str, count: int) -> list[Person]:
    council = factories.make_council(commune, code, name=f"Consejo {code}")
    household = factories.make_household(council, reference="0100", address="Calle 9")
    return [
        factories.make_person(household, first_names=f"Vecina {n}", national_id=f"V{code}{n:04d}")
        for n in range(count)
    ]


def _assembly(commune: Commune) -> Organ:
    return Organ.objects.create(
        commune=commune, kind=OrganKind.ASSEMBLY, name="Asamblea de Ciudadanos de la Comuna"
    )


@pytest.fixture
def federation(world: World) -> Federation:
    b = factories.make_commune(name="Comuna Ataroa", code="ataroa")
    c = factories.make_commune(name="Comuna Cumbe", code="cumbe")
    nation = Unit.objects.create(code="ve", name="Venezuela", level=Unit.Level.NATION)
    state = Unit.objects.create(code="lara", name="Lara", level=Unit.Level.STATE, parent=nation)
    city = Unit.objects.create(
        code="ciudad-norte", name="Ciudad Comunal Norte", level=Unit.Level.CITY, parent=state
    )
    other_city = Unit.objects.create(
        code="ciudad-sur", name="Ciudad Comunal Sur", level=Unit.Level.CITY, parent=state
    )
    for commune, unit in ((world.commune, city), (b, city), (c, other_city)):
        CommuneUnit.objects.create(commune=commune, unit=unit)
    officers = []
    for username, unit in (
        ("oficial_ciudad", city),
        ("oficial_estado", state),
        ("oficial_sur", other_city),
    ):
        user = factories.make_user(username)
        Officer.objects.create(user=user, unit=unit)
        officers.append(user)
    adults = {world.commune.pk: _commune_with_adults(world.commune, "CC09", 8)}
    adults[b.pk] = _commune_with_adults(b, "CC01", 6)
    adults[c.pk] = _commune_with_adults(c, "CC01", 6)
    for commune in (world.commune, b, c):
        _assembly(commune)
    return Federation(
        world=world,
        b=b,
        c=c,
        nation=nation,
        state=state,
        city=city,
        other_city=other_city,
        city_officer=officers[0],
        state_officer=officers[1],
        other_officer=officers[2],
        admin_b=factories.make_user("admin_b", Role.ADMIN, commune=b),
        admin_c=factories.make_user("admin_c", Role.ADMIN, commune=c),
        adults=adults,
    )


def question(f: Federation, *, unit: Unit | None = None, open_it: bool = True) -> Consultation:
    consultation = services.consultation_create(
        unit=unit or f.city,
        kind="question",
        title="¿Aprueba el plan de seguridad compartido?",
        question="¿Aprueba la comuna el plan de seguridad de la ciudad comunal?",
        opens_on=f.today - dt.timedelta(days=5),
        closes_on=f.today + dt.timedelta(days=20),
        by=f.city_officer,
    )
    if open_it:
        consultation = services.consultation_open(consultation=consultation, by=f.city_officer)
    return consultation


def projects(f: Federation) -> Consultation:
    consultation = services.consultation_create(
        unit=f.city,
        kind="projects",
        title="Presupuesto participativo 2027",
        opens_on=f.today - dt.timedelta(days=5),
        closes_on=f.today + dt.timedelta(days=20),
        budget=Decimal("20000"),
        options=[
            ("Techado de la cancha", Decimal("15000")),
            ("Alumbrado de la calle 4", Decimal("8000")),
            ("Bomba de agua", Decimal("5000")),
        ],
        by=f.city_officer,
    )
    return services.consultation_open(consultation=consultation, by=f.city_officer)


def assembly_meeting(f: Federation, commune: Commune, present: int) -> Meeting:
    """The commune's assembly, convened today, opened, with ``present`` adults registered."""
    organ = Organ.objects.of(commune).get(kind=OrganKind.ASSEMBLY, council__isnull=True)
    meeting = governance.meeting_convene(
        organ=organ,
        date=f.today,
        place="Casa comunal",
        first_call_time=dt.time(9, 0),
        agenda=["Consulta popular"],
        by=None,
    )
    meeting = governance.meeting_open(meeting=meeting, by=None)
    if present:
        governance.attendance_register(
            meeting=meeting,
            people=f.adults[commune.pk][:present],
            method=AttendanceMethod.SEARCH,
            by=None,
        )
    return meeting


def hold(
    f: Federation,
    consultation: Consultation,
    commune: Commune,
    votes: list[int],
    *,
    blank: int = 0,
    present: int = 5,
    close: bool = True,
) -> Holding:
    """The commune holds ``consultation`` in its assembly: the meeting, the votes, the close."""
    meeting = assembly_meeting(f, commune, present)
    holding = services.holding_start(
        commune=commune, consultation=consultation, meeting=meeting, by=None
    )
    options = list(consultation.options.order_by("position"))
    holding = services.holding_record(
        holding=holding,
        counts={o.pk: v for o, v in zip(options, votes, strict=True)},
        blank=blank,
        by=None,
    )
    if close:
        governance.meeting_close(meeting=meeting, by=None)
        holding = services.holding_close(holding=holding, by=None)
    return holding


def post(client: Client, url: str, data: dict[str, object]) -> HttpResponse:
    """POST as a browser does, with the CSRF cookie a page of the site set (these actions
    are buttons on a page, not pages of their own)."""
    client.get("/consultas/")
    token = client.cookies["csrftoken"].value
    response: HttpResponse = client.post(url, {**data, "csrfmiddlewaretoken": token})
    return response
