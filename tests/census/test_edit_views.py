from __future__ import annotations

import pytest
from django.urls import reverse

from comuna.census.models import Council, Person, PersonStatus, Sector
from tests.conftest import World, client_for, post_form

pytestmark = pytest.mark.django_db


def test_an_administrator_registers_a_council(world: World) -> None:
    response = post_form(
        client_for(world.admin),
        reverse("census:council_create"),
        {"code": "cc25", "name": "Brisas del Valle"},
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Council.objects.filter(code="CC25", name="Brisas del Valle").exists()


def test_a_spokesperson_may_not_register_a_council(world: World) -> None:
    response = client_for(world.spokesperson).get(reverse("census:council_create"))
    assert response.status_code == 403


def test_a_duplicate_council_code_is_refused_and_named(world: World) -> None:
    response = post_form(
        client_for(world.admin), reverse("census:council_create"), {"code": "CC01", "name": "X"}
    )
    assert "There is already a council CC01." in response.content.decode()  # type: ignore[attr-defined]
    assert Council.objects.count() == 2


def test_a_spokesperson_adds_and_renames_a_sector(world: World) -> None:
    client = client_for(world.spokesperson)
    post_form(client, reverse("census:sector_create", args=["CC01"]), {"name": "La Quebrada"})
    sector = Sector.objects.get(council=world.council)
    post_form(client, reverse("census:sector_edit", args=[sector.pk]), {"name": "El Cerrito"})
    sector.refresh_from_db()
    assert sector.name == "El Cerrito"


def test_a_spokesperson_registers_a_household_then_its_members(world: World) -> None:
    client = client_for(world.spokesperson)
    response = post_form(
        client,
        reverse("census:household_create", args=["CC01"]),
        {"reference": "0099", "address": "Calle El Carmen, casa 4"},
    )
    household = world.council.households.get(reference="0099")
    assert response["Location"] == reverse("census:person_create", args=[household.pk])  # type: ignore[index]


def test_a_death_is_recorded_from_its_form(world: World) -> None:
    post_form(
        client_for(world.spokesperson),
        reverse("census:person_death", args=[world.head.pk]),
        {"on": "2024-01-10"},
    )
    world.head.refresh_from_db()
    assert world.head.status == PersonStatus.DECEASED


def test_a_future_date_of_death_is_refused_and_nothing_changes(world: World) -> None:
    response = post_form(
        client_for(world.spokesperson),
        reverse("census:person_death", args=[world.head.pk]),
        {"on": "2999-01-10"},
    )
    assert "The date is in the future." in response.content.decode()  # type: ignore[attr-defined]
    assert Person.objects.get(pk=world.head.pk).status == PersonStatus.ACTIVE


def test_a_person_moves_to_a_household_named_as_on_its_card(world: World) -> None:
    post_form(
        client_for(world.admin),
        reverse("census:person_move", args=[world.child.pk]),
        {"household": "CC02-0001"},
    )
    world.child.refresh_from_db()
    assert world.child.household == world.other_household


def test_a_move_to_an_unknown_household_is_refused_with_its_name(world: World) -> None:
    response = post_form(
        client_for(world.admin),
        reverse("census:person_move", args=[world.child.pk]),
        {"household": "CC09-4444"},
    )
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "There is no household CC09-4444 in the councils you keep." in page


def test_a_spokesperson_is_told_her_council_and_cannot_move_anyone_into_another(
    world: World,
) -> None:
    client = client_for(world.spokesperson, language="es")
    url = reverse("census:person_move", args=[world.child.pk])
    assert "solo a hogares de CC01" in client.get(url).content.decode()
    response = post_form(client, url, {"household": "CC02-0001"})
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "No hay ningún hogar CC02-0001 en los consejos que llevas." in page
    world.child.refresh_from_db()
    assert world.child.household == world.household


def test_the_card_code_leads_to_its_household(world: World) -> None:
    response = client_for(world.spokesperson).get(
        reverse("census:card_lookup"), {"code": world.household.card_code.lower()}
    )
    assert response["Location"] == reverse("census:household", args=[world.household.pk])


def test_a_card_out_of_reach_is_not_found(world: World) -> None:
    response = client_for(world.spokesperson).get(
        reverse("census:card_lookup"), {"code": world.other_household.card_code}
    )
    assert response.status_code == 404
