from __future__ import annotations

from django.urls import reverse

from comuna.census.models import Person
from tests.conftest import World, client_for, post_form


def test_a_resident_sees_their_own_household(world: World) -> None:
    response = client_for(world.resident).get(
        reverse("census:household", args=[world.household.pk])
    )
    assert response.status_code == 200
    assert "María José" in response.content.decode()


def test_a_resident_cannot_read_another_household(world: World) -> None:
    url = reverse("census:household", args=[world.other_household.pk])
    response = client_for(world.resident).get(url)
    assert response.status_code == 404
    assert "Carmen" not in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(world: World) -> None:
    response = client_for(None).get(reverse("census:household", args=[world.household.pk]))
    assert response.status_code == 302
    assert reverse("users:login") in response["Location"]


def test_a_spokesperson_edits_their_council(world: World) -> None:
    url = reverse("census:person_create", args=[world.household.pk])
    response = post_form(
        client_for(world.spokesperson),
        url,
        {"first_names": "Pedro", "last_names": "Pérez", "birth_date": "2001-02-03"},
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Person.objects.filter(first_names="Pedro", household=world.household).exists()


def test_a_spokesperson_cannot_edit_another_council(world: World) -> None:
    url = reverse("census:person_create", args=[world.other_household.pk])
    response = client_for(world.spokesperson).get(url)
    assert response.status_code == 404


def test_the_comptroller_reads_everything_and_changes_nothing(world: World) -> None:
    client = client_for(world.comptroller)
    assert (
        client.get(reverse("census:household", args=[world.other_household.pk])).status_code == 200
    )
    response = client.get(reverse("census:person_create", args=[world.household.pk]))
    assert response.status_code == 403


def test_the_public_page_shows_counts_and_never_a_name(world: World) -> None:
    response = client_for(None).get(reverse("portal:public"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pérez" not in body and "Carmen" not in body and "12345678" not in body


def test_a_resident_on_their_council_page_sees_only_their_own_household(world: World) -> None:
    from tests.factories import make_household

    make_household(world.council, reference="0002", address="Casa de la vecina")
    response = client_for(world.resident).get(reverse("census:council", args=["CC01"]))
    body = response.content.decode()
    assert "Calle 1, casa 3" in body
    assert "Casa de la vecina" not in body
