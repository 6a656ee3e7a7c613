"""Builds the demo commune: invented people in a commune shaped like the ones in the brief.

Twenty-four communal councils of 150 to 400 households, some twenty thousand people with
names, ID numbers, ages and vulnerability marks drawn at the rates a real census shows, the
commune's organs with their spokespeople, and one login for each role. The same seed gives the
same commune (ages are counted back from today, and card codes are random, as always).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comuna.census.identity import normalize_national_id, person_search_text
from comuna.census.models import (
    CensusEvent,
    Council,
    EventKind,
    Household,
    HouseholdStatus,
    Person,
    PersonStatus,
    Sector,
    Sex,
    new_card_code,
)
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.services import commune_create
from comuna.demo import names
from comuna.demo.brigades import brigades_demo_build
from comuna.demo.circuits import circuits_demo_build
from comuna.demo.clearing import clearing_demo_build
from comuna.demo.comanaged import comanaged_demo_build
from comuna.demo.distribution import distribution_demo_build
from comuna.demo.enterprises import enterprises_demo_build
from comuna.demo.governance import governance_demo_build
from comuna.demo.health import health_demo_build
from comuna.demo.incidents import incidents_demo_build
from comuna.demo.ledger import ledger_demo_build
from comuna.demo.letters import letters_demo_build
from comuna.demo.peace import peace_demo_build
from comuna.demo.production import production_demo_build
from comuna.demo.recycling import recycling_demo_build
from comuna.demo.waste import waste_demo_build
from comuna.demo.waste_trips import waste_trips_demo_build
from comuna.governance.models import Organ, OrganKind, Seat
from comuna.memberships.models import Membership
from comuna.users.models import Role, User

DEMO_CODE = "demo"
COUNCIL_COUNT = 24


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: Role
    full_name: str = ""
    # What the login speaks for or lives in: "CC01 Los Mangos", "CC01-0042".
    place: str = ""


@dataclass(frozen=True)
class DemoSummary:
    commune_name: str
    municipality: str
    state: str
    councils: int
    households: int
    people: int
    organs: int
    seats: int
    logins: tuple[DemoLogin, ...]
    built: bool


# Fixed passwords, printed by ``comuna demo``: the demo holds no real person.
DEMO_LOGINS: tuple[tuple[str, str, Role], ...] = (
    ("admin", "admin-demo", Role.ADMIN),
    ("vocera", "vocera-demo", Role.SPOKESPERSON),
    ("tesorera", "tesorera-demo", Role.TREASURER),
    ("contralor", "contralor-demo", Role.COMPTROLLER),
    ("vecino", "vecino-demo", Role.RESIDENT),
    ("gerente", "gerente-demo", Role.ENTERPRISE_MANAGER),
    ("chofer", "chofer-demo", Role.ENTERPRISE_WORKER),
    ("brigadista", "brigadista-demo", Role.BRIGADE_MEMBER),
    ("enfermera", "enfermera-demo", Role.HEALTH_COMMITTEE),
    ("promotora", "promotora-demo", Role.HEALTH_COMMITTEE),
    ("mediadora", "mediadora-demo", Role.MEDIATOR),
    ("mediador", "mediador-demo", Role.MEDIATOR),
)


# The parliament's seat of the communal bank, whose holder is the demo's treasurer.
BANK_SEAT = "Vocería del Banco de la Comuna"


def demo_code(number: int) -> str:
    """The first demo commune is ``demo``; the further ones ``demo2``, ``demo3``…"""
    return DEMO_CODE if number == 1 else f"{DEMO_CODE}{number}"


def demo_username(base: str, number: int) -> str:
    """The first commune keeps ``admin``, ``vocera``…; the further ones end in their number."""
    return base if number == 1 else f"{base}{number}"


def _place(number: int) -> tuple[str, str, str]:
    if number <= len(names.COMMUNES):
        return names.COMMUNES[number - 1]
    return (f"Comuna de demostración {number}", names.COMMUNE_MUNICIPALITY, names.COMMUNE_STATE)


# The stages of building one demo commune, as ``demo_build`` counts them for a progress bar.
DEMO_STAGES = 7


def demo_build(
    *, communes: int = 1, seed: int = 2024, progress: Callable[[int], None] | None = None
) -> list[DemoSummary]:
    """Build the demo communes (``communes`` of them, side by side) unless they are there;
    either way, say what each holds. ``progress`` hears how many stages are done, of
    ``DEMO_STAGES`` for each commune.

    Each commune is written in one transaction, so an interrupted build leaves that commune
    either whole or absent. Refuses (``Refusal``) to mix the demo into an installation that
    holds a real commune.
    """
    if communes < 1:
        raise Refusal(_("Build at least one demo commune."))
    summaries: list[DemoSummary] = []
    for number in range(1, communes + 1):
        done = (number - 1) * DEMO_STAGES

        def stage(step: int, done: int = done) -> None:
            if progress is not None:
                progress(done + step)

        summaries.append(_demo_commune(number, seed=seed + number - 1, stage=stage))
        stage(DEMO_STAGES)
    neighbours = list(Commune.objects.filter(is_demo=True).order_by("id")[:3])
    if communes >= 3 and len(neighbours) == 3:
        # Three neighbouring communes: the co-managed plant they share (hosted by the first)
        # and the exchange between them and their enterprises. Each is left as it is when
        # an earlier run built it.
        today = timezone.localdate()
        comanaged_demo_build(neighbours, random.Random(seed), today=today)  # noqa: S311
        clearing_demo_build(neighbours, random.Random(seed), today=today)  # noqa: S311
    return summaries


def _demo_commune(number: int, *, seed: int, stage: Callable[[int], None]) -> DemoSummary:
    code = demo_code(number)
    with transaction.atomic():
        existing = Commune.objects.filter(code=code).first()
        if existing is not None:
            if not existing.is_demo:
                raise Refusal(
                    _("The commune with code “%(code)s” here is not a demo commune.")
                    % {"code": code}
                )
            return _summary(existing, number, built=False)
        _check_installation_is_empty(number)
        name, municipality, state = _place(number)
        try:
            with transaction.atomic():
                commune = commune_create(
                    code=code, name=name, municipality=municipality, state=state, is_demo=True
                )
        except IntegrityError:
            # Another `comuna demo` built it between our check and our insert.
            return _summary(Commune.objects.get(code=code), number, built=False)
        # What the demo writes into its records (descriptions in the books, agenda items) is in
        # the commune's language, whatever the language of the terminal that builds it.
        with translation.override("es"):
            builder = _Builder(commune, number, random.Random(seed))  # noqa: S311 - invented data
            builder.build(stage)
        return _summary(commune, number, built=True)


def _check_installation_is_empty(number: int) -> None:
    commune = Commune.objects.filter(is_demo=False).first()
    if commune is not None:
        raise Refusal(
            _(
                "This installation already holds the commune %(name)s: the demo needs a data "
                "folder of its own. Run it with COMUNA_HOME set to an empty folder, for "
                "example: COMUNA_HOME=~/comuna-demo comuna demo"
            )
            % {"name": commune.name}
        )
    usernames = [demo_username(base, number) for base, _password, _role in DEMO_LOGINS]
    taken = User.objects.filter(username__in=usernames).values_list("username", flat=True)
    if taken:
        raise Refusal(
            _(
                "The login %(username)s already exists here: the demo needs a data folder of "
                "its own."
            )
            % {"username": sorted(taken)[0]}
        )


def _summary(commune: Commune, number: int, *, built: bool) -> DemoSummary:
    logins = []
    memberships = {
        m.user.username: m
        for m in Membership.objects.of(commune).select_related(
            "user", "council", "household__council"
        )
    }
    for base, password, role in DEMO_LOGINS:
        membership = memberships.get(demo_username(base, number))
        if membership is None:
            continue
        place = ""
        if membership.council is not None:
            place = str(membership.council)
        elif membership.household is not None:
            place = membership.household.label
        logins.append(
            DemoLogin(
                membership.user.username,
                password,
                role,
                membership.user.get_full_name(),
                place,
            )
        )
    return DemoSummary(
        commune_name=commune.name,
        municipality=commune.municipality,
        state=commune.state,
        councils=Council.objects.of(commune).count(),
        households=Household.objects.of(commune).filter(status=HouseholdStatus.ACTIVE).count(),
        people=Person.objects.of(commune).filter(status=PersonStatus.ACTIVE).count(),
        organs=Organ.objects.of(commune).count(),
        seats=Seat.objects.of(commune).count(),
        logins=tuple(logins),
        built=built,
    )


# Household sizes 1 to 8, weighted so that the mean is a little over three.
_SIZE_WEIGHTS = (20, 25, 22, 16, 9, 4.5, 2.2, 1.3)
# Ages of heads of household, by band (low, high, weight); living alone skews older.
_HEAD_AGES = (
    (18, 24, 4), (25, 34, 18), (35, 44, 22), (45, 54, 20), (55, 64, 17), (65, 74, 12), (75, 90, 6),
)  # fmt: skip
_ALONE_AGES = ((20, 34, 15), (35, 54, 25), (55, 74, 35), (75, 92, 18))
# Where a cédula number falls by year of birth (millions): numbers are given in sequence.
_ID_CURVE = (
    (1920, 0.4), (1940, 2.0), (1950, 3.6), (1960, 6.0), (1970, 9.5), (1980, 14.0),
    (1990, 19.0), (2000, 25.0), (2005, 28.5), (2010, 31.5), (2025, 35.0),
)  # fmt: skip
_FOREIGN_HOUSEHOLD_RATE = 0.08


@dataclass
class _Member:
    """One person of a household being invented, before it becomes a row."""

    first_names: str
    last_names: str
    sex: str
    age: int
    is_head: bool = False
    # The surnames a child of this person's household takes from them.
    surnames: tuple[str, str] = ("", "")


@dataclass
class _Plan:
    """A household being invented: its row, its members and when the council registered it."""

    household: Household
    members: list[Person] = field(default_factory=list)
    registered_on: dt.date = dt.date.min


class _Builder:
    """Invents the commune's rows in memory, then writes each table with one bulk insert."""

    def __init__(self, commune: Commune, number: int, rng: random.Random) -> None:
        self.commune = commune
        self.number = number
        self.rng = rng
        self.today = timezone.localdate()
        self.national_ids: set[str] = set()
        self.card_codes: set[str] = set()

    def build(self, stage: Callable[[int], None]) -> None:
        councils = Council.objects.bulk_create(
            Council(commune=self.commune, code=f"CC{number:02d}", name=name)
            for number, name in enumerate(names.COUNCIL_NAMES[:COUNCIL_COUNT], start=1)
        )
        sectors = {council.pk: self._sectors(council) for council in councils}
        plans = [plan for c in councils for plan in self._households(c, sectors[c.pk])]
        events = [*self._registrations(plans), *self._departures(plans)]
        # Rows refer to rows inserted before them: Django fills in each foreign key from the
        # primary key that the insert gave the object it points to.
        Sector.objects.bulk_create(sector for group in sectors.values() for sector in group)
        Household.objects.bulk_create(plan.household for plan in plans)
        for plan in plans:
            for person in plan.members:
                person.household = plan.household
        Person.objects.bulk_create(person for plan in plans for person in plan.members)
        CensusEvent.objects.bulk_create(events)
        stage(1)
        self._governance(councils, plans)
        stage(2)
        self._logins(councils[0], plans)
        stage(3)
        # Before the ledger's year: its closed periods must already hold the rounds' stock.
        logins = self._login_users()
        distribution_demo_build(self.commune, self.rng, today=self.today, admin=logins["admin"])
        stage(4)
        ledger_demo_build(self.commune, self.rng, today=self.today)
        stage(5)
        governance_demo_build(
            self.commune,
            self.rng,
            today=self.today,
            admin=logins["admin"],
            spokesperson=logins["vocera"],
            comptroller=logins["contralor"],
        )
        stage(6)
        # The communal enterprises after the ledger's year: their month is the open period.
        enterprises = enterprises_demo_build(self.commune, self.rng, today=self.today)
        waste_demo_build(self.commune, self.rng, today=self.today, enterprises=enterprises)
        waste_trips_demo_build(self.commune, self.rng, today=self.today, enterprises=enterprises)
        recycling_demo_build(self.commune, self.rng, today=self.today, enterprises=enterprises)
        production_demo_build(self.commune, self.rng, today=self.today, enterprises=enterprises)
        circuits_demo_build(self.commune, self.rng, today=self.today)
        # The public services: the brigades first, the incidents are assigned to them; then
        # the letters, written about the incidents.
        brigades_demo_build(self.commune, self.rng, today=self.today)
        incidents_demo_build(self.commune, self.rng, today=self.today)
        letters_demo_build(self.commune, self.rng, today=self.today, admin=logins["admin"])
        health_demo_build(
            self.commune,
            self.rng,
            today=self.today,
            nurse=logins["enfermera"],
            promoter=logins["promotora"],
            admin=logins["admin"],
        )
        peace_demo_build(self.commune, self.rng, today=self.today)

    # Territory -----------------------------------------------------------------------------

    def _sectors(self, council: Council) -> list[Sector]:
        chosen = self.rng.sample(names.SECTOR_NAMES, self.rng.randint(3, 6))
        return [Sector(council=council, name=name) for name in chosen]

    def _households(self, council: Council, sectors: Sequence[Sector]) -> Iterator[_Plan]:
        # 150 to 400 households, most near 300: some 6,800 in all, 20,000 people.
        count = round(self.rng.triangular(150, 400, 300))
        weights = [self.rng.uniform(0.5, 1.5) for _sector in sectors]
        # The council's census was done in a campaign of a few weeks, some months ago.
        campaign = self.today - dt.timedelta(days=self.rng.randint(90, 700))
        streets: set[str] = set()  # no two sectors of a council share a street or a block
        addresses = {sector.name: self._addresses(streets) for sector in sectors}
        assigned = sorted(
            self.rng.choices(range(len(sectors)), weights=weights, k=count),
        )
        for number, index in enumerate(assigned, start=1):
            sector = sectors[index]
            household = Household(
                council=council,
                sector=sector,
                reference=f"{number:04d}",
                address=next(addresses[sector.name]),
                card_code=self._card_code(),
            )
            plan = _Plan(household=household)
            plan.registered_on = min(
                campaign + dt.timedelta(days=self.rng.randint(0, 40)),
                self.today - dt.timedelta(days=1),
            )
            plan.members = self._members()
            yield plan

    def _addresses(self, streets: set[str]) -> Iterator[str]:
        """Addresses along one sector: blocks of flats, or streets and alleys of houses."""
        rng = self.rng
        flats = rng.random() < 0.18
        while True:
            street = self._street(flats)
            if street in streets:
                continue
            streets.add(street)
            if flats:
                for floor in range(1, rng.randint(4, 8) + 1):
                    for letter in "ABCD":
                        yield f"{street}, piso {floor}, apto {floor}-{letter}"
            elif street.startswith("Carrera"):
                calle = int(street.split()[-3])
                for house in range(1, rng.randint(6, 20) + 1):
                    yield f"{street}, casa {calle}-{house * 2 + rng.randint(0, 1):02d}"
            else:
                for house in range(1, rng.randint(6, 24) + 1):
                    yield f"{street}, casa {house}"

    def _street(self, flats: bool) -> str:
        rng = self.rng
        if flats:
            return f"Bloque {rng.randint(1, 30)}"
        style = rng.random()
        if style < 0.45:
            return f"Calle {rng.randint(1, 30)}"
        if style < 0.7:
            return f"Vereda {rng.randint(1, 25)}"
        if style < 0.85:
            return f"Callejón {rng.choice(names.STREET_NAMES)}"
        calle = rng.randint(1, 60)
        return f"Carrera {rng.randint(1, 40)} entre calles {calle} y {calle + 1}"

    def _card_code(self) -> str:
        code = new_card_code()
        while code in self.card_codes:
            code = new_card_code()
        self.card_codes.add(code)
        return code

    # People --------------------------------------------------------------------------------

    def _members(self) -> list[Person]:
        """The people of one household: a head, often a partner, children, grandchildren…"""
        rng = self.rng
        size = rng.choices(range(1, 9), weights=_SIZE_WEIGHTS)[0]
        foreign = rng.random() < _FOREIGN_HOUSEHOLD_RATE
        low, high, _weight = rng.choices(
            _ALONE_AGES if size == 1 else _HEAD_AGES,
            weights=[band[2] for band in (_ALONE_AGES if size == 1 else _HEAD_AGES)],
        )[0]
        head = self._invent(
            rng.choice((Sex.FEMALE, Sex.MALE)), rng.randint(low, high), foreign=foreign
        )
        head.is_head = True
        people = [head]
        partner: _Member | None = None
        if size > 1 and rng.random() < 0.65:
            other = Sex.MALE if head.sex == Sex.FEMALE else Sex.FEMALE
            partner = self._invent(other, max(18, head.age + round(rng.gauss(0, 5))), foreign)
            people.append(partner)
        while len(people) < size:
            people.append(self._relative(head, partner, foreign))
        return [self._person(member, foreign=foreign) for member in people]

    def _relative(self, head: _Member, partner: _Member | None, foreign: bool) -> _Member:
        """A child, grandchild, parent or sibling of the head, with surnames to match."""
        rng = self.rng
        roll = rng.random()
        if head.age <= 55 and roll < 0.05:
            # The head's mother or father lives with them.
            sex = rng.choice((Sex.FEMALE, Sex.MALE))
            age = min(98, head.age + rng.randint(20, 35))
            family = head.surnames[0] if sex == Sex.MALE else head.surnames[1]
            return self._invent(sex, age, foreign, surnames=(family, self._surname(foreign)))
        if roll < 0.09:
            sex = rng.choice((Sex.FEMALE, Sex.MALE))
            age = max(0, head.age + rng.randint(-10, 10))
            return self._invent(sex, age, foreign, surnames=head.surnames)
        grandchild_odds = 0.0 if head.age < 45 else 0.35 if head.age < 60 else 0.6
        sex = rng.choice((Sex.FEMALE, Sex.MALE))
        if rng.random() < grandchild_odds:
            age = head.age - rng.randint(min(38, head.age), min(65, head.age))
            # Through a son the family name comes first; through a daughter, second.
            if rng.random() < 0.5:
                surnames = (head.surnames[0], self._surname(False))
            else:
                surnames = (self._surname(False), head.surnames[0])
            return self._invent(sex, age, False, surnames=surnames)
        # The head was 18 to 40 when the child was born (younger heads have younger children).
        age = head.age - rng.randint(18, max(18, min(40, head.age)))
        # Children carry the head's first surname: first if the head is the father or brings
        # them up alone, second if the mother heads a home that the father shares.
        if partner is None:
            surnames = (head.surnames[0], self._surname(foreign))
        elif head.sex == Sex.MALE:
            surnames = (head.surnames[0], partner.surnames[0])
        else:
            surnames = (partner.surnames[0], head.surnames[0])
        return self._invent(sex, age, foreign and age >= 18, surnames=surnames)

    def _surname(self, foreign: bool) -> str:
        if foreign and self.rng.random() < 0.6:
            return self.rng.choice(names.FOREIGN_SURNAMES)
        return self.rng.choice(names.SURNAMES)

    def _invent(
        self, sex: str, age: int, foreign: bool, *, surnames: tuple[str, str] | None = None
    ) -> _Member:
        if surnames is None:
            surnames = (self._surname(foreign), self._surname(foreign))
        born = self.today.year - age
        if born < 1960:
            choices = names.ELDER_WOMEN if sex == Sex.FEMALE else names.ELDER_MEN
        elif born < 1985:
            choices = names.MIDDLE_WOMEN if sex == Sex.FEMALE else names.MIDDLE_MEN
        elif born < 2005:
            choices = names.YOUNG_WOMEN if sex == Sex.FEMALE else names.YOUNG_MEN
        else:
            choices = names.CHILD_GIRLS if sex == Sex.FEMALE else names.CHILD_BOYS
        return _Member(
            first_names=self.rng.choice(choices),
            last_names=" ".join(surnames),
            sex=sex,
            age=age,
            surnames=surnames,
        )

    def _person(self, member: _Member, *, foreign: bool) -> Person:
        rng = self.rng
        age = member.age
        birth_date = self.today - dt.timedelta(days=int((age + rng.random()) * 365.2425))
        national_id = self._national_id(birth_date, foreign=foreign and age >= 18)
        if age < 18:
            disability, chronic = rng.random() < 0.02, rng.random() < 0.02
        elif age < 40:
            disability, chronic = rng.random() < 0.035, rng.random() < 0.06
        elif age < 60:
            disability, chronic = rng.random() < 0.04, rng.random() < 0.2
        else:
            disability, chronic = rng.random() < 0.09, rng.random() < 0.38
        pregnant = member.sex == Sex.FEMALE and 15 <= age <= 45 and rng.random() < 0.03
        return Person(
            first_names=member.first_names,
            last_names=member.last_names,
            national_id=national_id,
            birth_date=birth_date,
            sex=member.sex,
            is_head=member.is_head,
            disability=disability,
            chronic_illness=chronic,
            pregnant=pregnant,
            search_text=person_search_text(member.first_names, member.last_names, national_id),
        )

    def _national_id(self, birth_date: dt.date, *, foreign: bool) -> str | None:
        """A cédula number in line with the year of birth, or none (most small children)."""
        rng = self.rng
        age = (self.today - birth_date).days / 365.2425
        has_one = 0.12 if age < 9 else 0.8 if age < 18 else 0.85 if foreign else 0.96
        if rng.random() >= has_one:
            return None
        while True:
            if foreign:
                raw = f"E{rng.randint(80_000_000, 84_999_999)}"
            else:
                millions = _interpolate(birth_date.year + birth_date.timetuple().tm_yday / 366)
                number = round((millions + rng.uniform(-0.7, 0.7)) * 1_000_000)
                raw = f"V{min(max(number, 100_000), 36_999_999)}"
            national_id = normalize_national_id(raw)
            if national_id is not None and national_id not in self.national_ids:
                self.national_ids.add(national_id)
                return national_id

    # History -------------------------------------------------------------------------------

    def _registrations(self, plans: Sequence[_Plan]) -> Iterator[CensusEvent]:
        for plan in plans:
            yield CensusEvent(
                kind=EventKind.REGISTERED, occurred_on=plan.registered_on, household=plan.household
            )
            for person in plan.members:
                # A baby born after the council's census was registered when it arrived.
                yield CensusEvent(
                    kind=EventKind.REGISTERED,
                    occurred_on=max(plan.registered_on, person.birth_date),
                    person=person,
                    household=plan.household,
                )

    def _departures(self, plans: Sequence[_Plan]) -> Iterator[CensusEvent]:
        """A few deaths, young people who left (many for abroad), and one household that moved."""
        rng = self.rng
        for plan in plans:
            for person in plan.members:
                if person.is_head:
                    continue
                age = person.age_on(self.today)
                if rng.random() < (0.03 if age >= 70 else 0.001):
                    kind, status, note = EventKind.DIED, PersonStatus.DECEASED, ""
                elif 18 <= age <= 40 and rng.random() < 0.04:
                    kind, status = EventKind.PERSON_LEFT, PersonStatus.DEPARTED
                    note = rng.choice(("Se fue del país.", "Se mudó a otro estado.", ""))
                else:
                    continue
                day = self._day_after(max(plan.registered_on, person.birth_date))
                person.status, person.status_date, person.pregnant = status, day, False
                yield CensusEvent(
                    kind=kind, occurred_on=day, person=person, household=plan.household, note=note
                )
        yield self._household_leaves(plans)

    def _household_leaves(self, plans: Sequence[_Plan]) -> CensusEvent:
        """One whole household of CC05 moved to another town, as ``household_leave`` records."""
        plan = next(
            p
            for p in plans
            if p.household.council.code == "CC05"
            and len(p.members) >= 3
            and all(person.status == PersonStatus.ACTIVE for person in p.members)
        )
        day = self._day_after(plan.registered_on)
        plan.household.status, plan.household.status_date = HouseholdStatus.DEPARTED, day
        for person in plan.members:
            person.status, person.status_date = PersonStatus.DEPARTED, day
        return CensusEvent(
            kind=EventKind.HOUSEHOLD_LEFT,
            occurred_on=day,
            household=plan.household,
            note="La familia se mudó a Carora.",
        )

    def _day_after(self, day: dt.date) -> dt.date:
        span = (self.today - day).days
        return day + dt.timedelta(days=self.rng.randint(1, max(1, span)))

    # Governance ----------------------------------------------------------------------------

    def _governance(self, councils: Sequence[Council], plans: Sequence[_Plan]) -> None:
        """The organs of the commune and of each council, with holders and substitutes."""
        pools: dict[str, list[Person]] = {council.code: [] for council in councils}
        for plan in plans:
            if plan.household.status != HouseholdStatus.ACTIVE:
                continue
            pools[plan.household.council.code].extend(
                person
                for person in plan.members
                if person.status == PersonStatus.ACTIVE and 21 <= person.age_on(self.today) <= 70
            )
        for pool in pools.values():
            self.rng.shuffle(pool)
        picker = _Picker(pools)

        organs: list[Organ] = []
        seats: list[Seat] = []
        for kind, name, description, titles in _COMMUNE_ORGANS:
            organ = Organ(commune=self.commune, kind=kind, name=name, description=description)
            organs.append(organ)
            start, end = self._term()
            if kind == OrganKind.PARLIAMENT:
                for council in councils:
                    # The demo spokesperson login speaks for CC01: a vocera.
                    sex = Sex.FEMALE if council.code == "CC01" else None
                    holder = picker.pick(council.code, sex=sex)
                    seats.append(
                        Seat(
                            organ=organ,
                            title=f"Vocería {council.code}",
                            council=council,
                            holder=holder,
                            substitute=picker.pick(council.code),
                            term_start=start,
                            term_end=end,
                        )
                    )
            for index, title in enumerate(titles):
                sex = Sex.MALE if kind == OrganKind.COMPTROLLER and index == 0 else None
                # The demo treasurer login is the communal bank's spokeswoman.
                sex = Sex.FEMALE if title == BANK_SEAT else sex
                seats.append(
                    Seat(
                        organ=organ,
                        title=title,
                        holder=picker.pick(None, sex=sex),
                        substitute=picker.pick(None),
                        term_start=start,
                        term_end=end,
                    )
                )
        for council in councils:
            organs.append(
                Organ(
                    commune=self.commune,
                    council=council,
                    kind=OrganKind.ASSEMBLY,
                    name=f"Asamblea de Ciudadanos y Ciudadanas {council.code} {council.name}",
                    description=(
                        f"Máxima instancia del consejo comunal {council.name}: la forman sus "
                        "habitantes de quince años o más."
                    ),
                )
            )
        Organ.objects.bulk_create(organs)
        Seat.objects.bulk_create(seats)
        self.office_holders = {p.pk for seat in seats for p in (seat.holder, seat.substitute) if p}
        self.spokesperson = next(seat.holder for seat in seats if seat.council == councils[0])
        self.comptroller = next(
            seat.holder for seat in seats if seat.organ.kind == OrganKind.COMPTROLLER
        )
        self.treasurer = next(seat.holder for seat in seats if seat.title == BANK_SEAT)

    def _term(self) -> tuple[dt.date, dt.date]:
        """A two-year term that began in the last year and a half."""
        start = self.today - dt.timedelta(days=self.rng.randint(30, 540))
        start = start.replace(day=min(start.day, 28))
        return start, start.replace(year=start.year + 2)

    # Logins --------------------------------------------------------------------------------

    def _logins(self, first_council: Council, plans: Sequence[_Plan]) -> None:
        home = next(
            plan
            for plan in plans
            if plan.household.council == first_council
            and len(plan.members) >= 3
            and plan.members[0].sex == Sex.MALE
            and 30 <= plan.members[0].age_on(self.today) <= 65
            and plan.members[0].pk not in self.office_holders
        )
        people: dict[str, Person | None] = {
            "vocera": self.spokesperson,
            "tesorera": self.treasurer,
            "contralor": self.comptroller,
            "vecino": home.members[0],
        }
        for base, password, role in DEMO_LOGINS:
            person = people.get(base)
            user = User(
                username=demo_username(base, self.number),
                first_name=person.first_names if person else "",
                last_name=person.last_names if person else "",
            )
            user.set_password(password)
            user.save()
            Membership.objects.create(
                commune=self.commune,
                user=user,
                role=role,
                council=first_council if role == Role.SPOKESPERSON else None,
                household=home.household if role == Role.RESIDENT else None,
            )

    def _login_users(self) -> dict[str, User]:
        """The demo's logins by their first commune's names (``admin``, ``vocera``…)."""
        users = User.objects.in_bulk(
            [demo_username(base, self.number) for base, _password, _role in DEMO_LOGINS],
            field_name="username",
        )
        return {
            base: users[demo_username(base, self.number)] for base, _password, _role in DEMO_LOGINS
        }


class _Picker:
    """Draws seat holders from adult residents, each person at most one seat or substitution."""

    def __init__(self, pools: dict[str, list[Person]]) -> None:
        self.pools = pools
        self.codes = sorted(pools)
        self.turn = 0

    def pick(self, council_code: str | None, *, sex: str | None = None) -> Person:
        if council_code is None:
            # Commune-wide seats go round the councils, so each has a voice somewhere.
            council_code = self.codes[self.turn % len(self.codes)]
            self.turn += 1
        pool = self.pools[council_code]
        for index, person in enumerate(pool):
            if sex is None or person.sex == sex:
                return pool.pop(index)
        raise LookupError(council_code)


def _interpolate(year: float) -> float:
    points = _ID_CURVE
    if year <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if year <= x1:
            return y0 + (y1 - y0) * (year - x0) / (x1 - x0)
    return points[-1][1]


# The organs of the whole commune, in the order the organs page shows them: kind, name,
# description and the titles of their seats (the parliament's council seats are added per
# council).
_COMMUNE_ORGANS: tuple[tuple[OrganKind, str, str, tuple[str, ...]], ...] = (
    (
        OrganKind.ASSEMBLY,
        "Asamblea de Ciudadanos y Ciudadanas de la Comuna",
        "Máxima instancia de gobierno de la comuna: espacio de deliberación y de control "
        "colectivo de las cuentas.",
        (),
    ),
    (
        OrganKind.PARLIAMENT,
        "Parlamento Comunal",
        "Un vocero o vocera por consejo comunal, tres por las empresas de propiedad social "
        "comunal y uno por el banco de la comuna. Se reúne el primer sábado de cada mes.",
        (
            "Vocería EPS Recolectora Sembradores",
            "Vocería EPS Reciclaje El Turbio",
            "Vocería EPS Panadería Comunal La Ceiba",
            BANK_SEAT,
        ),
    ),
    (
        OrganKind.EXECUTIVE,
        "Consejo Ejecutivo",
        "Tres voceros o voceras que ejecutan las decisiones del parlamento comunal.",
        ("Vocería Ejecutiva 1", "Vocería Ejecutiva 2", "Vocería Ejecutiva 3"),
    ),
    (
        OrganKind.ECONOMIC,
        "Consejo de Economía Comunal",
        "Planifica y acompaña la producción, la distribución y el intercambio.",
        ("Vocería de Producción", "Vocería de Distribución e Intercambio", "Vocería de Formación"),
    ),
    (
        OrganKind.COMPTROLLER,
        "Consejo de Contraloría Comunal",
        "Vigila las cuentas del banco de la comuna, de las empresas y de los proyectos.",
        ("Contraloría Principal", "Contraloría de Proyectos", "Contraloría de Servicios"),
    ),
    (
        OrganKind.PLANNING,
        "Consejo de Planificación Comunal",
        "Prepara el plan de desarrollo comunal y el presupuesto de cada año.",
        (
            "Vocería del Plan de Desarrollo",
            "Vocería de Presupuesto",
            "Vocería de Proyectos",
            "Vocería de Seguimiento",
        ),
    ),
    (
        OrganKind.ADMINISTRATION,
        "Consejo de Administración",
        "Coordina los servicios públicos, la salud, la vivienda, la cultura y la educación y "
        "la defensa territorial.",
        (
            "Vocería de Servicios Públicos",
            "Vocería de Salud",
            "Vocería de Vivienda y Hábitat",
            "Vocería de Cultura y Educación",
            "Vocería de Defensa Territorial",
        ),
    ),
    (
        OrganKind.COMMITTEE,
        "Comité de Servicios Públicos",
        "Abre y sigue los canales con las instituciones: agua, electricidad, aseo, vialidad.",
        ("Vocería de Agua", "Vocería de Electricidad", "Vocería de Aseo Urbano"),
    ),
    (
        OrganKind.COMMITTEE,
        "Comité de Alimentación",
        "Organiza la entrega de las bolsas CLAP y la distribución del gas por consejo comunal.",
        ("Vocería CLAP", "Vocería de Gas Doméstico"),
    ),
    (
        OrganKind.BRIGADE,
        "Brigada del Agua",
        "Repara las tuberías rotas con materiales del ministerio del agua.",
        ("Coordinación", "Fontanería 1", "Fontanería 2", "Logística"),
    ),
    (
        OrganKind.BRIGADE,
        "Brigada de Seguridad y Mediación de Paz",
        "No punitiva sino conciliadora: media en los conflictos entre vecinos.",
        ("Vocería de Seguridad", "Mediación de Paz 1", "Mediación de Paz 2"),
    ),
    (
        OrganKind.BRIGADE,
        "Brigada de Salud",
        "Jornadas de voluntariado en el CDI y vigilancia comunitaria de los medicamentos.",
        ("Coordinación", "Jornadas en el CDI", "Control de Medicamentos"),
    ),
)
