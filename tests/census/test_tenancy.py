"""The census of commune B is out of reach of everyone in commune A.

Commune B is built with the same council codes and household references as the world's
commune A (CC01-0001 exists in both), the same ID number as A's head, and names found nowhere
in A. Then every access function, every page that takes an id or a code, every list and count,
and the command are asked, as each of A's roles, for what B holds.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from comuna.census import access, services
from comuna.census.importing import census_import
from comuna.census.models import Council, Household, Person, Sector
from comuna.census.selectors import commune_statistics, councils_with_counts, people_search
from comuna.core.imports.access import upload_for_user
from comuna.core.models import Commune, Upload
from comuna.core.refusals import Refusal
from comuna.core.tenancy import SESSION_KEY
from comuna.memberships.selectors import actor_for
from comuna.users.actors import Actor, actor_operator
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

# Found only in commune B: any of them in an answer to A is a leak.
B_NAMES = ("Zoraida", "Bracho", "Barrio Bravo", "Callejón Bravo", "Sector Bravo")
SHARED_ID = "V12345678"  # the world's head holds it in A


@dataclass
class B:
    commune: Commune
    council: Council  # CC01, as in A
    only_council: Council  # CC03: a code that exists in B alone
    sector: Sector
    household: Household  # CC01-0001, as in A
    person: Person  # holds SHARED_ID
    upload: Upload  # made by ``both`` while acting in B
    both: User  # administrator of A and of B


@pytest.fixture
def b(world: World) -> B:
    commune = factories.make_commune(name="Comuna Bravo", code="bravo")
    council = factories.make_council(commune, "CC01", name="Barrio Bravo Uno")
    only_council = factories.make_council(commune, "CC03", name="Barrio Bravo Tres")
    sector = factories.make_sector(council, "Sector Bravo")
    household = factories.make_household(council, reference="0001", address="Callejón Bravo 1")
    person = factories.make_person(
        household, first_names="Zoraida", last_names="Bracho", national_id=SHARED_ID
    )
    for reference in ("0002", "0003", "0004"):
        home = factories.make_household(only_council, reference=reference, address="Callejón Bravo")
        factories.make_person(home, first_names="Zoraida", last_names="Bracho Hija")
    both = factories.make_user("ambas", Role.ADMIN, commune=world.commune)
    factories.make_membership(both, Role.ADMIN, commune=commune)
    upload = Upload.objects.create(
        commune=commune,
        uploaded_by=both,
        kind="census",
        filename="bravo.csv",
        content=b"x",
        digest="0" * 64,
    )
    return B(commune, council, only_council, sector, household, person, upload, both)


def _census_upload(actor: Actor, pk: int) -> Upload:
    """A census upload as the import pages fetch it: the actor's own, in their commune."""
    if actor.login is None or actor.commune is None:
        raise Http404
    return upload_for_user(actor.login, kind="census", commune=actor.commune, pk=pk)


def personas(world: World, b: B) -> dict[str, User]:
    """Everyone of A, and a superuser and a member of both communes, all acting in A."""
    superuser = factories.make_user("raiz", is_superuser=True)
    return {
        "admin": world.admin,
        "spokesperson": world.spokesperson,
        "comptroller": world.comptroller,
        "resident": world.resident,
        "outsider": world.outsider,
        "superuser": superuser,
        "both": b.both,
    }


def a_client(world: World, user: User) -> Client:
    """A client logged in as ``user`` with commune A chosen (as the menu would)."""
    client = client_for(user)
    session = client.session
    session[SESSION_KEY] = world.commune.pk
    session.save()
    return client


# (a) Access functions, for every role of A


def test_no_access_function_reaches_anything_of_b_for_any_role(world: World, b: B) -> None:
    for role, user in personas(world, b).items():
        actor = world.actor(user)
        assert not access.councils_readable(actor).of(b.commune).exists(), role
        assert not access.households_readable(actor).of(b.commune).exists(), role
        assert not access.people_readable(actor).of(b.commune).exists(), role
        assert not access.councils_editable(actor).of(b.commune).exists(), role
        assert not access.council_is_editable(actor, b.council), role
        assert not councils_with_counts(actor).of(b.commune).exists(), role
        assert not [p for p in people_search(actor, "zoraida") if p.commune_id == b.commune.pk]
        for fetch in (
            lambda: access.household_for_user(actor, b.household.pk),  # noqa: B023
            lambda: access.person_for_user(actor, b.person.pk),  # noqa: B023
            lambda: access.sector_for_user(actor, b.sector.pk),  # noqa: B023
            lambda: access.household_for_card(actor, b.household.card_code),  # noqa: B023
            lambda: access.council_for_user(actor, "CC03"),  # noqa: B023
            lambda: access.council_for_aggregates(actor, "CC03"),  # noqa: B023
            lambda: _census_upload(actor, b.upload.pk),  # noqa: B023
        ):
            with pytest.raises(Http404):
                fetch()


def test_a_code_that_both_communes_use_names_the_actors_own(world: World, b: B) -> None:
    actor = world.actor(b.both)
    assert access.council_for_user(actor, "CC01") == world.council
    assert access.council_for_aggregates(actor, "CC01") == world.council
    assert access.household_as_destination(actor, "CC01", "0001") == world.household
    in_b = actor_for(b.both, b.commune)
    assert access.council_for_user(in_b, "CC01") == b.council
    assert access.household_as_destination(in_b, "CC01", "0001") == b.household
    assert _census_upload(in_b, b.upload.pk) == b.upload


def test_an_actor_without_a_commune_reaches_nothing(world: World) -> None:
    actor = Actor(commune=None, user=world.admin, roles=frozenset({Role.ADMIN}))
    assert not access.councils_readable(actor).exists()
    assert not access.people_readable(actor).exists()
    with pytest.raises(Http404):
        access.household_for_user(actor, world.household.pk)


# (b) Every page that takes an id or a code answers 404 for B's


def _b_urls(b: B) -> list[str]:
    household, person = b.household.pk, b.person.pk
    return [
        reverse("census:household", args=[household]),
        reverse("census:household_edit", args=[household]),
        reverse("census:household_move", args=[household]),
        reverse("census:household_leave", args=[household]),
        reverse("census:person_create", args=[household]),
        reverse("census:household_card", args=[household]),
        reverse("census:person_edit", args=[person]),
        reverse("census:person_move", args=[person]),
        reverse("census:person_death", args=[person]),
        reverse("census:person_departure", args=[person]),
        reverse("census:sector_edit", args=[b.sector.pk]),
        reverse("census:council", args=["CC03"]),
        reverse("census:council_edit", args=["CC03"]),
        reverse("census:sector_create", args=["CC03"]),
        reverse("census:council_cards", args=["CC03"]),
        reverse("census:household_create", args=["CC03"]),
        reverse("census:council_statistics", args=["CC03"]),
        reverse("census:import_preview", args=[b.upload.pk]),
        reverse("census:export", args=["csv"]) + "?council=CC03",
        reverse("census:card_lookup") + f"?code={b.household.card_code}",
    ]


@pytest.mark.parametrize("role", ["admin", "superuser", "both"])
def test_every_page_of_a_record_of_b_answers_404_in_a(world: World, b: B, role: str) -> None:
    client = a_client(world, personas(world, b)[role])
    for url in _b_urls(b):
        response = client.get(url)
        assert response.status_code == 404, url
        assert not any(name in response.content.decode() for name in B_NAMES), url


def test_a_post_with_an_id_of_b_changes_nothing_in_b(world: World, b: B) -> None:
    client = a_client(world, b.both)
    client.get(reverse("census:person_create", args=[world.household.pk]))  # the CSRF cookie
    data = {
        "first_names": "Intrusa",
        "last_names": "Pérez",
        "birth_date": "2001-02-03",
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
    }
    for url in (
        reverse("census:person_create", args=[b.household.pk]),
        reverse("census:person_edit", args=[b.person.pk]),
    ):
        assert client.post(url, data).status_code == 404
    assert not Person.objects.filter(first_names="Intrusa").exists()
    b.person.refresh_from_db()
    assert b.person.first_names == "Zoraida"


# (c) Lists and counts of A show nothing of B


def test_the_lists_of_a_show_no_name_of_b(world: World, b: B) -> None:
    client = a_client(world, b.both)
    for url in (
        reverse("census:index"),
        reverse("census:search") + "?q=zoraida",
        reverse("census:search") + "?q=12345678",
        reverse("census:council", args=["CC01"]),
        reverse("census:statistics"),
        reverse("census:council_statistics", args=["CC01"]),
        reverse("census:import"),
    ):
        body = client.get(url).content.decode()
        assert not any(name in body for name in B_NAMES), url
    exported = client.get(reverse("census:export", args=["csv"])).content.decode("utf-8-sig")
    assert "María José" in exported
    assert not any(name in exported for name in B_NAMES)


def test_the_counts_of_a_count_nothing_of_b(world: World, b: B) -> None:
    client = a_client(world, b.both)
    stats = client.get(reverse("census:statistics")).context["stats"]
    assert (stats.councils, stats.households, stats.people) == (2, 2, 3)
    assert [row.code for row in stats.council_rows] == ["CC01", "CC02"]
    council = client.get(reverse("census:council_statistics", args=["CC01"])).context["stats"]
    assert (council.households, council.people) == (1, 2)
    index = client.get(reverse("census:index")).context["councils"]
    assert {(c.code, c.n_households, c.n_people) for c in index} == {("CC01", 1, 2), ("CC02", 1, 1)}
    in_b = commune_statistics(commune=b.commune)
    assert (in_b.councils, in_b.households, in_b.people) == (2, 4, 4)


def test_statistics_refuse_a_council_of_another_commune(world: World, b: B) -> None:
    with pytest.raises(ValueError, match="not of commune"):
        commune_statistics(commune=world.commune, council=b.council)


# Writes stay in their commune


def test_an_id_number_is_unique_within_a_commune_only(world: World) -> None:
    other = factories.make_commune()
    home = factories.make_household(factories.make_council(other, "CC01"), reference="0001")
    assert services.check_national_id("v-12.345.678", commune=other) == SHARED_ID
    person = services.person_create(
        household=home, first_names="Otra", last_names="Persona",
        national_id="V12345678", birth_date=dt.date(1990, 1, 1),
    )  # fmt: skip
    assert person.national_id == SHARED_ID
    assert Person.objects.filter(national_id=SHARED_ID).count() == 2
    with pytest.raises(Refusal, match="already in the census"):
        services.check_national_id(SHARED_ID, commune=world.commune)
    with pytest.raises(Refusal, match="already in the census"):
        services.person_create(
            household=home, first_names="Tercera", last_names="Persona",
            national_id="12345678", birth_date=dt.date(1990, 1, 1),
        )  # fmt: skip


def test_an_import_checks_id_numbers_against_its_own_commune(world: World, b: B) -> None:
    header = "consejo_comunal,hogar,direccion,nombres,apellidos,cedula,fecha_nacimiento,sexo"
    content = f"{header}\nCC01,0009,Calle 9,Ana,Rivas,V8765432,01/01/1990,F".encode()
    result = census_import(
        commune=b.commune,
        content=content,
        filename="censo.csv",
        council_code=None,
        actor=actor_operator(b.commune),
    )
    assert result.applied, result.problems
    household = Household.objects.get(reference="0009")
    assert (household.commune, household.council) == (b.commune, b.council)
    assert household.members.get().commune == b.commune
    again = census_import(
        commune=world.commune,
        content=content,
        filename="censo.csv",
        council_code=None,
        actor=actor_operator(world.commune),
    )
    assert [error.code for error in again.problems] == ["id_in_census"]


def test_an_import_by_a_spokesperson_of_a_reaches_no_council_of_b(world: World, b: B) -> None:
    header = "consejo_comunal,hogar,direccion,nombres,apellidos,fecha_nacimiento"
    content = f"{header}\nCC01,0010,Calle 10,Ana,Rivas,01/01/1990".encode()
    result = census_import(
        commune=b.commune,
        content=content,
        filename="censo.csv",
        council_code=None,
        actor=world.actor(world.spokesperson),
    )
    assert [problem.code for problem in result.problems] == ["council_not_allowed"]


def test_nothing_moves_from_one_commune_to_another(world: World, b: B) -> None:
    with pytest.raises(Refusal, match="another commune"):
        services.person_move(
            person=world.child, household=b.household, actor=world.actor(world.admin)
        )
    with pytest.raises(Refusal, match="another commune"):
        services.household_move(
            household=world.household,
            council=b.council,
            reference="0099",
            address="Calle",
            actor=world.actor(world.admin),
        )
    world.child.refresh_from_db()
    world.household.refresh_from_db()
    assert (world.child.household, world.household.council) == (world.household, world.council)


# (d) The command acts on the commune it is told


def census(*args: str) -> str:
    out = io.StringIO()
    call_command("census", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_command_refuses_to_guess_among_several_communes(
    world: World, b: B, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")
    path = tmp_path / "censo.csv"
    path.write_text("consejo_comunal,hogar,direccion,nombres,apellidos,fecha_nacimiento\n")
    for action in (["stats"], ["export", str(path)], ["import", str(path)]):
        with pytest.raises(CommandError, match="several communes"):
            census(*action)


def test_the_command_acts_on_the_commune_named(
    world: World, b: B, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")
    figures: dict[str, Any] = json.loads(census("stats", "--json", "--commune", "bravo"))
    assert (figures["councils"], figures["households"], figures["people"]) == (2, 4, 4)
    figures = json.loads(census("stats", "--json", "--commune", world.commune.code))
    assert (figures["councils"], figures["households"], figures["people"]) == (2, 2, 3)

    exported = tmp_path / "bravo.csv"
    census("export", str(exported), "--commune", "bravo", "--council", "CC01")
    text = exported.read_text(encoding="utf-8-sig")
    assert "Zoraida" in text and "María" not in text

    path = tmp_path / "nuevo.csv"
    path.write_text(
        "consejo_comunal,hogar,direccion,nombres,apellidos,fecha_nacimiento\n"
        "CC01,0500,Calle 5,Ana,Rivas,01/01/1990\n"
    )
    census("import", str(path), "--commune", "bravo")
    assert Household.objects.get(reference="0500").council == b.council
