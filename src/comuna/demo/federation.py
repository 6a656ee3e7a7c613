"""The demo federation: a communal city of four communes, as a federation server holds them.

``federation_demo_build`` builds the four demo communes (``demo_build``), the nation, a state
and the communal city that holds them, and registers each commune as a real one would be:
a registration with the acta of its founding assembly, its vote, its spokespeople and a key
of its own, accepted by the city's officer. One more commune's registration waits for review,
so that the registrations page has something to decide. The officers' logins are printed by
``federation_demo_describe``. Building twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comuna.census.models import Person, PersonStatus
from comuna.core.models import Commune
from comuna.core.pdf import document_build, paragraph
from comuna.demo.builder import DemoSummary, demo_build, demo_code
from comuna.demo.consultations import consultations_demo
from comuna.demo.gatherings import gatherings_demo
from comuna.federation import services
from comuna.federation.models import Registration, Unit
from comuna.users.models import User

FEDERATION_DEMO_COMMUNES = 4

NATION = ("venezuela", "República (demostración)")
STATE = ("lara", "Estado Lara (demostración)")
CITY = ("ciudad-turbio", "Ciudad Comunal del Turbio (demostración)")


@dataclass(frozen=True)
class OfficerLogin:
    username: str
    password: str
    unit_code: str


# Fixed passwords, printed by ``comuna demo --federation``: the demo holds no real person.
OFFICER_LOGINS = (
    OfficerLogin("enlace", "enlace-demo", CITY[0]),
    OfficerLogin("regional", "regional-demo", STATE[0]),
    OfficerLogin("nacional", "nacional-demo", NATION[0]),
)

# The commune whose registration waits for review (a fixed id: building twice adds none).
PENDING_UUID = uuid.UUID("6d1c4d0e-7d6b-4c55-9d1e-0a5f0c1e0b14")
PENDING = ("comuna-el-tostao", "Comuna Socialista El Tostao", "Iribarren", "Lara")


def federation_demo_build(*, progress: Callable[[int], None] | None = None) -> list[DemoSummary]:
    """Build the demo federation unless it is there; either way, say what each commune holds."""
    summaries = demo_build(communes=FEDERATION_DEMO_COMMUNES, progress=progress)
    communes = [
        Commune.objects.get(code=demo_code(number))
        for number in range(1, FEDERATION_DEMO_COMMUNES + 1)
    ]
    # What the demo writes (the actas, the names of the levels) is in the communes' language.
    with translation.override("es"), transaction.atomic():
        nation, _state, city = _levels()
        officers = _officers()
        for commune in communes:
            _registered(commune, city, by=officers[CITY[0]])
        _pending(city)
        _consultations_and_gatherings(nation=nation, city=city, communes=communes)
    return summaries


def _consultations_and_gatherings(*, nation: Unit, city: Unit, communes: Sequence[Commune]) -> None:
    """The popular consultations' and the gatherings' demos, with the levels and the
    communes built above (their own modules write them; each builds once)."""
    consultations_demo(unit=city, communes=communes)
    gatherings_demo(unit=city, communes=communes)


def federation_demo_describe() -> str:
    """What ``comuna demo --federation`` prints after the communes: the officers' logins and
    the pages to open."""
    width = max(len(login.username) for login in OFFICER_LOGINS)
    names = {code: name for code, name in (NATION, STATE, CITY)}
    lines = [
        "",
        _("The demo federation is built: the four communes form a communal city."),
        "",
        _("Federation officers (demo passwords):"),
    ]
    lines += [
        f"  {login.username:<{width}}  {login.password:<16}  {names[login.unit_code]}"
        for login in OFFICER_LOGINS
    ]
    lines += [
        "",
        _("Open, as an officer:"),
        f"  /federacion/{CITY[0]}/   " + _("the communal city's figures"),
        f"  /federacion/{NATION[0]}/   " + _("the nation's figures"),
        "  /federacion/registros/   " + _("registrations to review (one is waiting)"),
        "",
        _("Anyone can register a commune at /federacion/registro/."),
        "",
    ]
    return "\n".join(lines)


def _levels() -> tuple[Unit, Unit, Unit]:
    nation = Unit.objects.filter(code=NATION[0]).first() or services.unit_create(
        code=NATION[0], name=NATION[1], level=Unit.Level.NATION
    )
    state = Unit.objects.filter(code=STATE[0]).first() or services.unit_create(
        code=STATE[0], name=STATE[1], level=Unit.Level.STATE, parent=nation
    )
    city = Unit.objects.filter(code=CITY[0]).first() or services.unit_create(
        code=CITY[0], name=CITY[1], level=Unit.Level.CITY, parent=state
    )
    return nation, state, city


def _officers() -> dict[str, User]:
    by_unit: dict[str, User] = {}
    for login in OFFICER_LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = User(username=login.username)
            user.set_password(login.password)
            user.save()
        services.officer_add(user=user, unit=Unit.objects.get(code=login.unit_code))
        by_unit[login.unit_code] = user
    return by_unit


def _key() -> bytes:
    """A fresh Ed25519 public key (the demo keeps no private half: the laptop of the first
    commune puts its own key in place of its commune's)."""
    return Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _acta(name: str, day: dt.date, vote: tuple[int, int, int, int, int]) -> bytes:
    registered, present, yes, no, abstained = vote
    story = [
        paragraph(_("Acta of the founding assembly"), "title"),
        paragraph(name),
        paragraph(
            _(
                "On %(day)s the assembly of citizens founded the commune: %(present)s present "
                "of %(registered)s registered voters; %(yes)s for, %(no)s against, "
                "%(abstained)s abstentions."
            )
            % {
                "day": day.isoformat(),
                "present": present,
                "registered": registered,
                "yes": yes,
                "no": no,
                "abstained": abstained,
            }
        ),
    ]
    return document_build(story, title=_("Acta of the founding assembly"), commune_name=name)


def _spokespeople(commune: Commune) -> tuple[services.SpokespersonIn, ...]:
    people = (
        Person.objects.of(commune)
        .filter(status=PersonStatus.ACTIVE, national_id__isnull=False, is_head=True)
        .select_related("household__council")
        .order_by("pk")[:3]
    )
    roles = (_("Executive unit"), _("Communal bank"), _("Social comptroller"))
    return tuple(
        services.SpokespersonIn(
            p.full_name, p.national_id or "", p.household.council.name, roles[index]
        )
        for index, p in enumerate(people)
    )


def _registration(
    *, commune_uuid: uuid.UUID, code: str, name: str, municipality: str, state: str, city: Unit
) -> services.RegistrationIn:
    day = timezone.localdate() - dt.timedelta(days=400)
    vote = (1200, 640, 590, 30, 20)
    return services.RegistrationIn(
        commune_uuid=commune_uuid,
        code=code,
        name=name,
        municipality=municipality,
        state=state,
        city=city,
        public_key=_key(),
        acta=_acta(name, day, vote),
        assembly_on=day,
        registered_voters=vote[0],
        present=vote[1],
        votes_for=vote[2],
        votes_against=vote[3],
        abstentions=vote[4],
        spokespeople=(),
    )


def _registered(commune: Commune, city: Unit, *, by: User) -> None:
    if Registration.objects.filter(commune_uuid=commune.uuid).exists():
        return
    data = _registration(
        commune_uuid=commune.uuid,
        code=commune.code,
        name=commune.name,
        municipality=commune.municipality,
        state=commune.state,
        city=city,
    )
    spokespeople = _spokespeople(commune)
    registration = services.registration_submit(data=replace(data, spokespeople=spokespeople))
    services.registration_accept(registration=registration, by=by)


def _pending(city: Unit) -> None:
    if Registration.objects.filter(commune_uuid=PENDING_UUID).exists():
        return
    code, name, municipality, state = PENDING
    data = _registration(
        commune_uuid=PENDING_UUID,
        code=code,
        name=name,
        municipality=municipality,
        state=state,
        city=city,
    )
    spokespeople = (
        services.SpokespersonIn("Yusmary Pérez", "V-14523871", "CC El Tostao", _("Executive unit")),
        services.SpokespersonIn(
            "Jhonny Colmenárez", "V-16877230", "CC La Piedad", _("Communal bank")
        ),
    )
    services.registration_submit(data=replace(data, spokespeople=spokespeople))
