"""Organs and meetings on top of the shared ``world``.

- ``assembly``: the citizens' assembly of CC01, whose electorate is ``world.head`` (the child is
  too young) plus whatever adults a test adds with ``add_adults``;
- ``parliament``: three seats, for CC01 (held by ``world.head``), CC02 (held by
  ``world.neighbour``) and the communal bank (held by a third adult of CC02, with a substitute).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from comuna.census.models import Council, Person
from comuna.core.models import Commune
from comuna.governance import services
from comuna.governance.models import Meeting, Organ, OrganKind, Seat
from comuna.ledger import chart
from comuna.ledger.models import Statement
from comuna.ledger.services import statement_close, transfer_post
from comuna.users.models import User
from tests import factories
from tests.conftest import World

FIRST_CALL = dt.time(9, 0)
SECOND_CALL = dt.time(9, 30)


def add_adults(council: Council, count: int, *, prefix: str = "Vecina") -> list[Person]:
    household = factories.make_household(council)
    return [
        factories.make_person(
            household, first_names=f"{prefix} {n}", last_names="Gómez", national_id=None
        )
        for n in range(1, count + 1)
    ]


def convene(
    organ: Organ, by: User, *, day: dt.date | None = None, agenda: tuple[str, ...] = ()
) -> Meeting:
    return services.meeting_convene(
        organ=organ,
        date=day or timezone.localdate(),
        place="Casa comunal",
        first_call_time=FIRST_CALL,
        second_call_time=SECOND_CALL if organ.is_assembly else None,
        agenda=agenda,
        by=by,
    )


def open_meeting(organ: Organ, by: User, **kwargs: object) -> Meeting:
    meeting = convene(organ, by, **kwargs)  # type: ignore[arg-type]
    return services.meeting_open(meeting=meeting, by=by)


def close_a_month(commune: Commune, month: int = 3) -> Statement:
    """One entry in the books in ``month`` of 2025, and that month closed."""
    start = dt.date(2025, month, 1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    transfer_post(
        commune=commune, debit=chart.BANK_VES, credit=chart.CAPITAL_VES, amount=100 * month,
        unit="VES", date=start, description="Aporte", author="admin",
    )  # fmt: skip
    return statement_close(commune=commune, start=start, end=end)


@pytest.fixture
def assembly(world: World) -> Organ:
    return Organ.objects.create(
        commune=world.commune,
        council=world.council,
        kind=OrganKind.ASSEMBLY,
        name="Asamblea CC01",
    )


@dataclass
class Parliament:
    organ: Organ
    cc01: Seat
    cc02: Seat
    bank: Seat
    banker: Person
    banker_substitute: Person


@pytest.fixture
def parliament(world: World) -> Parliament:
    organ = Organ.objects.create(
        commune=world.commune, kind=OrganKind.PARLIAMENT, name="Parlamento Comunal"
    )
    banker, substitute = add_adults(world.other_council, 2, prefix="Banquera")
    start, end = dt.date(2024, 1, 6), dt.date(2026, 1, 6)
    seats = [
        Seat.objects.create(
            organ=organ, title=title, council=council, holder=holder, substitute=sub,
            term_start=start, term_end=end,
        )
        for title, council, holder, sub in (
            ("Vocería CC01", world.council, world.head, None),
            ("Vocería CC02", world.other_council, world.neighbour, None),
            ("Vocería del Banco", None, banker, substitute),
        )
    ]  # fmt: skip
    return Parliament(organ, *seats, banker=banker, banker_substitute=substitute)
