"""The shared personas: one of each role, and an outsider for every access test.

- ``admin`` reads and changes everything in the commune (a membership, not a superuser);
- ``spokesperson`` speaks for council CC01 (``council``) only;
- ``treasurer`` keeps the books with the administrator (and reads nothing else personal);
- ``comptroller`` reads everything, changes nothing;
- ``resident`` lives in ``household`` (CC01); ``outsider`` lives in ``other_household`` (CC02).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

if TYPE_CHECKING:
    # Imported inside the fixtures at run time, so that the engine tests, which need no
    # Django, can run with ``-p no:django``.
    from comuna.census.models import Council, Household, Person
    from comuna.core.models import Commune
    from comuna.users.actors import Actor
    from comuna.users.models import User
    from tests.demo_snapshots import Snapshots
    from tests.pages import Demo


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        # Argon2 is slow on purpose; tests that check it override this back.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
            from tests.flush import flush_by_delete_install

            flush_by_delete_install()
        else:
            from tests.flush import flush_quiet_install_sqlite

            flush_quiet_install_sqlite()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, the tests marked ``embedded`` are skipped: the ``comuna`` process each
    starts keeps a SQLite data folder of its own whatever the run's database, so they would
    run here exactly as the SQLite run has run them."""
    if not os.environ.get("DATABASE_URL"):
        return
    skip = pytest.mark.skip(
        reason="runs comuna on its own SQLite data folder: the SQLite run covers it"
    )
    for item in items:
        if item.get_closest_marker("embedded") is not None:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _english_unless_asked(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test starts in English, so that assertions read the msgids whatever language an
    earlier test's request left active (Django's default, outside a request, is Spanish)."""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.utils import translation

    with translation.override("en"):
        yield


@dataclass
class World:
    commune: Commune
    council: Council
    other_council: Council
    household: Household
    other_household: Household
    head: Person
    child: Person
    neighbour: Person
    admin: User
    spokesperson: User
    treasurer: User
    comptroller: User
    resident: User
    outsider: User

    def actor(self, user: User | None) -> Actor:
        """The actor ``user`` is in the world's commune, as a request would carry it."""
        from comuna.memberships.selectors import actor_for

        return actor_for(user, self.commune)


# Where the world's phones reach Comuna: the address of the world's commune for phones.
PHONES_URL = "http://192.168.1.10:8000"


@pytest.fixture
def world(db: None) -> World:
    from comuna.core.services import commune_address_set
    from comuna.users.models import Role
    from tests import factories

    commune = factories.make_commune(name="Comuna El Panal")
    # The address its cards' QR codes lead to, as the administrator sets it.
    commune_address_set(commune=commune, public_url=PHONES_URL)
    council = factories.make_council(commune, "CC01", name="Los Mangos")
    other_council = factories.make_council(commune, "CC02", name="La Ceiba")
    household = factories.make_household(council, reference="0001", address="Calle 1, casa 3")
    other_household = factories.make_household(
        other_council, reference="0001", address="Vereda 4, casa 9"
    )
    head = factories.make_person(
        household,
        first_names="María José",
        last_names="Pérez Rodríguez",
        national_id="V12345678",
        is_head=True,
    )
    child = factories.make_person(
        household, first_names="Luis", last_names="Pérez", birth_date=dt.date(2018, 3, 2), sex="M"
    )
    neighbour = factories.make_person(
        other_household,
        first_names="Carmen",
        last_names="Rojas",
        national_id="V8765432",
        is_head=True,
    )
    return World(
        commune=commune,
        council=council,
        other_council=other_council,
        household=household,
        other_household=other_household,
        head=head,
        child=child,
        neighbour=neighbour,
        admin=factories.make_user("admin", Role.ADMIN, commune=commune),
        spokesperson=factories.make_user("vocera", Role.SPOKESPERSON, council=council),
        treasurer=factories.make_user("tesorera", Role.TREASURER, commune=commune),
        comptroller=factories.make_user("contralor", Role.COMPTROLLER, commune=commune),
        resident=factories.make_user("vecina", Role.RESIDENT, household=household),
        outsider=factories.make_user("vecino", Role.RESIDENT, household=other_household),
    )


def client_for(user: User | None, language: str = "en") -> Client:
    """A test client that enforces CSRF, as a browser would meet it.

    It asks for English so that assertions read the msgids; tests of the Spanish
    interface pass ``language="es"``.
    """
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def post_form(client: Client, url: str, data: dict[str, object]) -> object:
    """POST a form the way a browser does: read the CSRF cookie from a GET first."""
    client.get(url)
    token = client.cookies["csrftoken"].value
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


@pytest.fixture(scope="session")
def snapshots(django_db_setup: None, django_db_blocker: Any) -> Iterator[Snapshots]:
    """Copies of the test database: as migrations left it, and with the demo built once."""
    from tests.demo_snapshots import Snapshots

    kept = Snapshots()
    with django_db_blocker.unblock():
        kept.take("empty")
    yield kept
    with django_db_blocker.unblock():
        kept.drop()


@pytest.fixture(scope="module")
def demo_module(snapshots: Snapshots, django_db_blocker: Any) -> Iterator[Demo]:
    """The demo commune, committed, for every test of a module that only reads it (or rolls
    back what it writes: ask for ``db`` too). The database is emptied after the module."""
    from tests.demo_snapshots import demo_put_in_place
    from tests.pages import demo_describe

    with django_db_blocker.unblock():
        demo_put_in_place(snapshots)
        yield demo_describe()
        snapshots.restore("empty")


@pytest.fixture
def demo(snapshots: Snapshots, django_db_blocker: Any) -> Iterator[Demo]:
    """The demo commune, committed, for one test (a browser test, whose live server sees only
    committed rows); put back from the session's copy in a second, emptied afterwards."""
    from tests.demo_snapshots import demo_put_in_place
    from tests.pages import demo_describe

    with django_db_blocker.unblock():
        demo_put_in_place(snapshots)
        yield demo_describe()
        snapshots.restore("empty")
