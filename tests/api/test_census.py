from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comuna.census.models import CensusEvent, Household, Person
from tests import factories
from tests.api.conftest import api_client, post_json
from tests.conftest import World

BASE = "/api/census"


# --- Reading ------------------------------------------------------------------------------


def test_the_statistics_are_public_and_never_name_anyone(world: World) -> None:
    response = api_client().get(f"{BASE}/stats")
    assert response.status_code == 200
    body = response.json()
    assert body["councils"] == 2
    assert body["households"] == 2
    assert body["people"] == 3
    assert sum(band["total"] for band in body["age_bands"]) == 3
    assert [row["code"] for row in body["by_council"]] == ["CC01", "CC02"]
    assert body["by_council"][0]["people"] == 2
    text = response.content.decode()
    assert "Pérez" not in text and "Carmen" not in text and "12345678" not in text


def test_the_admin_lists_every_council_with_its_counts(world: World) -> None:
    response = api_client(world.admin).get(f"{BASE}/councils")
    assert response.status_code == 200
    assert response.json() == [
        {"code": "CC01", "name": "Los Mangos", "households": 1, "people": 2},
        {"code": "CC02", "name": "La Ceiba", "households": 1, "people": 1},
    ]


def test_a_spokesperson_lists_only_their_council(world: World) -> None:
    response = api_client(world.spokesperson).get(f"{BASE}/councils")
    assert [row["code"] for row in response.json()] == ["CC01"]


def test_a_spokesperson_reads_only_their_councils_households(world: World) -> None:
    client = api_client(world.spokesperson)
    body = client.get(f"{BASE}/households").json()
    assert [item["id"] for item in body["items"]] == [world.household.pk]
    assert client.get(f"{BASE}/households?council=CC02").status_code == 404
    assert client.get(f"{BASE}/households/{world.other_household.pk}").status_code == 404
    assert client.get(f"{BASE}/people/{world.neighbour.pk}").status_code == 404


def test_the_households_list_is_paginated_without_a_query_per_row(world: World) -> None:
    for _ in range(55):
        factories.make_household(world.council)
    client = api_client(world.comptroller)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(f"{BASE}/households?council=CC01")
    assert len(queries) < 10
    body = first.json()
    assert (body["count"], body["page"], body["pages"], len(body["items"])) == (56, 1, 2, 50)
    assert body["items"][0] == {
        "id": world.household.pk,
        "council": "CC01",
        "reference": "0001",
        "label": "CC01-0001",
        "address": "Calle 1, casa 3",
        "sector": None,
        "card_code": world.household.card_code,
        "status": "active",
        "status_date": None,
        "people": 2,
    }
    second = client.get(f"{BASE}/households?council=CC01&page=2").json()
    assert len(second["items"]) == 6
    beyond = client.get(f"{BASE}/households?council=CC01&page=3")
    assert beyond.status_code == 404
    assert beyond.json() == {"detail": "There is no page 3."}


def test_a_resident_reads_their_own_household_with_its_members(world: World) -> None:
    response = api_client(world.resident).get(f"{BASE}/households/{world.household.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["label"] == "CC01-0001"
    assert [member["first_names"] for member in body["members"]] == ["María José", "Luis"]
    head = body["members"][0]
    assert head["national_id"] == "V12345678"
    assert head["birth_date"] == "1980-05-17"
    assert head["is_head"] is True
    assert "María José".encode() in response.content  # UTF-8 as is, not \u escapes


def test_a_resident_cannot_read_another_household(world: World) -> None:
    response = api_client(world.resident).get(f"{BASE}/households/{world.other_household.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such household in your reach."}
    assert "Carmen" not in response.content.decode()


def test_a_resident_lists_only_their_own_household(world: World) -> None:
    body = api_client(world.resident).get(f"{BASE}/households").json()
    assert [item["id"] for item in body["items"]] == [world.household.pk]


def test_a_household_is_found_by_its_card_within_reach_only(world: World) -> None:
    card = world.household.card_code
    found = api_client(world.spokesperson).get(f"{BASE}/households/by-card/{card.lower()}")
    assert found.status_code == 200
    assert found.json()["id"] == world.household.pk
    other = world.other_household.card_code
    missing = api_client(world.spokesperson).get(f"{BASE}/households/by-card/{other}")
    assert missing.status_code == 404


def test_people_are_searched_by_name_without_accents_within_reach(world: World) -> None:
    client = api_client(world.spokesperson)
    found = client.get(f"{BASE}/people", {"q": "maria perez"}).json()
    assert [person["id"] for person in found] == [world.head.pk]
    assert found[0]["household"] == "CC01-0001"
    assert client.get(f"{BASE}/people", {"q": "carmen"}).json() == []
    assert api_client(world.admin).get(f"{BASE}/people", {"q": "8765432"}).json()[0]["id"] == (
        world.neighbour.pk
    )


def test_a_person_is_read_by_id(world: World) -> None:
    response = api_client(world.comptroller).get(f"{BASE}/people/{world.child.pk}")
    assert response.status_code == 200
    assert response.json()["first_names"] == "Luis"
    assert response.json()["sex"] == "M"


# --- Writing ------------------------------------------------------------------------------


def test_a_spokesperson_registers_a_household_in_their_council(world: World) -> None:
    factories.make_sector(world.council, "El Cerrito")
    response = post_json(
        api_client(world.spokesperson),
        f"{BASE}/households",
        {"council": "CC01", "reference": "0002", "address": "Calle 2", "sector": "El Cerrito"},
    )
    assert response.status_code == 201
    assert response.json()["label"] == "CC01-0002"
    assert response.json()["members"] == []
    household = Household.objects.get(council=world.council, reference="0002")
    assert household.sector is not None and household.sector.name == "El Cerrito"
    assert CensusEvent.objects.filter(household=household, recorded_by=world.spokesperson).exists()


def test_a_spokesperson_cannot_register_in_another_council(world: World) -> None:
    response = post_json(
        api_client(world.spokesperson),
        f"{BASE}/households",
        {"council": "CC02", "reference": "0002", "address": "Calle 2"},
    )
    assert response.status_code == 404
    assert not Household.objects.filter(reference="0002").exists()


def test_a_household_in_an_unknown_sector_is_refused(world: World) -> None:
    response = post_json(
        api_client(world.admin),
        f"{BASE}/households",
        {"council": "CC01", "reference": "0002", "address": "Calle 2", "sector": "Nowhere"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Council CC01 has no sector “Nowhere”.",
        "field": "sector",
        "code": "refused",
    }
    assert not Household.objects.filter(reference="0002").exists()


def test_a_second_household_with_the_same_reference_is_refused(world: World) -> None:
    response = post_json(
        api_client(world.admin),
        f"{BASE}/households",
        {"council": "CC01", "reference": "0001", "address": "Calle 2"},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Council CC01 already has a household 0001."
    assert Household.objects.filter(council=world.council).count() == 1


def test_a_spokesperson_registers_a_person_in_a_household(world: World) -> None:
    response = post_json(
        api_client(world.spokesperson),
        f"{BASE}/households/{world.household.pk}/people",
        {
            "first_names": " Pedro ",
            "last_names": "Pérez",
            "birth_date": "2001-02-03",
            "national_id": "v-20.111.222",
            "sex": "M",
        },
    )
    assert response.status_code == 201
    assert response.json()["national_id"] == "V20111222"
    assert response.json()["birth_date"] == "2001-02-03"
    person = Person.objects.get(national_id="V20111222")
    assert (person.first_names, person.household_id) == ("Pedro", world.household.pk)


def test_the_comptroller_reads_but_may_not_write(world: World) -> None:
    client = api_client(world.comptroller)
    assert client.get(f"{BASE}/households/{world.other_household.pk}").status_code == 200
    response = post_json(
        client,
        f"{BASE}/households/{world.household.pk}/people",
        {"first_names": "Pedro", "last_names": "Pérez", "birth_date": "2001-02-03"},
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "You may read this council's census but not change it."
    household = post_json(
        client, f"{BASE}/households", {"council": "CC01", "reference": "9", "address": "Calle"}
    )
    assert household.status_code == 403
    assert not Person.objects.filter(first_names="Pedro").exists()
    assert not Household.objects.filter(reference="9").exists()


def test_a_resident_may_not_add_people_to_their_household(world: World) -> None:
    response = post_json(
        api_client(world.resident),
        f"{BASE}/households/{world.household.pk}/people",
        {"first_names": "Pedro", "last_names": "Pérez", "birth_date": "2001-02-03"},
    )
    assert response.status_code == 403
    assert world.household.members.count() == 2


def _refused(world: World, **overrides: object) -> dict[str, object]:
    data = {"first_names": "Pedro", "last_names": "Pérez", "birth_date": "2001-02-03", **overrides}
    response = post_json(
        api_client(world.admin), f"{BASE}/households/{world.household.pk}/people", data
    )
    assert response.status_code == 400
    assert world.household.members.count() == 2
    assert not CensusEvent.objects.filter(person__first_names="Pedro").exists()
    body: dict[str, object] = response.json()
    return body


def test_a_person_with_no_first_names_is_refused(world: World) -> None:
    body = _refused(world, first_names="   ")
    assert body == {
        "detail": "The first names are missing.",
        "field": "first_names",
        "code": "refused",
    }


def test_a_person_with_a_bad_id_number_is_refused(world: World) -> None:
    body = _refused(world, national_id="X-12")
    assert body["detail"] == "“X-12” is not an ID number (V or E and up to nine digits)."
    assert body["field"] == "national_id"


def test_a_person_with_an_id_number_already_in_the_census_is_refused(world: World) -> None:
    body = _refused(world, national_id="12.345.678")
    assert body["detail"] == "ID number V12345678 is already in the census."


def test_a_person_born_in_the_future_is_refused(world: World) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    body = _refused(world, birth_date=tomorrow.isoformat())
    assert body == {
        "detail": "The birth date is in the future.",
        "field": "birth_date",
        "code": "refused",
    }


def test_a_malformed_birth_date_names_the_field(world: World) -> None:
    body = _refused(world, birth_date="3 February")
    assert body["detail"] == "These fields are missing or not valid: birth_date."
    assert [error["field"] for error in body["errors"]] == ["birth_date"]  # type: ignore[attr-defined]


def test_a_missing_field_names_the_field(world: World) -> None:
    body = _refused(world, last_names=None)
    assert body["detail"] == "These fields are missing or not valid: last_names."


def test_a_body_that_is_not_json_is_refused(world: World) -> None:
    response = api_client(world.admin).post(
        f"{BASE}/households/{world.household.pk}/people", "{oops", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "The request body is not valid JSON."}
    assert world.household.members.count() == 2
