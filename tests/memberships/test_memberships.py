"""Memberships: one login, roles in several communes, each commune seeing only its own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comuna.core.tenancy import SESSION_KEY
from comuna.memberships.models import Membership
from comuna.memberships.selectors import actor_for
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World, client_for, post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(world: World) -> factories.Commune:
    commune = factories.make_commune(name="Comuna La Otra", code="la-otra")
    council = factories.make_council(commune, "CC01", name="Los Mangos de Allá")
    household = factories.make_household(council, reference="0001")
    factories.make_person(household, first_names="Otilia", last_names="Ramos")
    return commune


def test_one_login_holds_different_roles_in_two_communes(world: World, second: object) -> None:
    user = world.spokesperson  # spokesperson of CC01 in the first commune
    factories.make_membership(user, Role.COMPTROLLER, commune=second)  # type: ignore[arg-type]

    here = actor_for(user, world.commune)
    there = actor_for(user, second)  # type: ignore[arg-type]

    assert here.is_spokesperson and not here.is_comptroller
    assert here.council_ids == {world.council.pk}
    assert there.is_comptroller and not there.is_spokesperson
    assert there.council_ids == frozenset()


def test_an_administrator_of_one_commune_is_nobody_in_another(world: World, second: object) -> None:
    there = actor_for(world.admin, second)  # type: ignore[arg-type]
    assert not there.is_admin and not there.is_member


def test_each_commune_shows_the_role_it_gives(world: World, second: object) -> None:
    user = world.spokesperson
    factories.make_membership(user, Role.COMPTROLLER, commune=second)  # type: ignore[arg-type]
    client = client_for(user)

    client.get(reverse("memberships:communes"))
    post_form(client, reverse("memberships:communes"), {"commune": world.commune.pk})
    first = client.get(reverse("census:index")).content.decode()
    assert "Council spokesperson" in first and "Los Mangos" in first

    post_form(client, reverse("memberships:communes"), {"commune": second.pk})  # type: ignore[attr-defined]
    other = client.get(reverse("census:index")).content.decode()
    assert "Comptroller" in other
    assert "Los Mangos de Allá" in other
    assert "La Ceiba" not in other  # a council of the first commune


def test_a_member_of_one_commune_is_placed_in_it_without_a_menu(
    world: World, second: object
) -> None:
    client = client_for(world.resident)
    response = client.get(reverse("census:index"))
    assert response.status_code in (200, 302)
    assert client.session[SESSION_KEY] == world.commune.pk


def test_nobody_may_choose_a_commune_that_is_not_theirs(world: World, second: object) -> None:
    client = client_for(world.resident)
    response = post_form(client, reverse("memberships:communes"), {"commune": second.pk})  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "not among yours" in response.content.decode()  # type: ignore[attr-defined]
    assert client.session.get(SESSION_KEY) != second.pk  # type: ignore[attr-defined]


def test_a_page_of_one_commune_asks_which_when_there_are_several(
    world: World, second: object
) -> None:
    response = client_for(None).get(reverse("portal:public"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("memberships:communes"))


def test_a_host_name_picks_its_commune(world: World, second: object) -> None:
    type(second).objects.filter(pk=second.pk).update(hostname="la-otra.ciudad.local")  # type: ignore[attr-defined]
    response = client_for(None).get(reverse("portal:public"), HTTP_HOST="la-otra.ciudad.local")
    assert response.status_code == 200
    assert "Comuna La Otra" in response.content.decode()


def test_the_administrator_gives_a_role_to_a_new_login(world: World) -> None:
    client = client_for(world.admin)
    response = post_form(
        client,
        reverse("memberships:members"),
        {
            "username": "brigadista",
            "password": "una clave larga y buena",
            "role": Role.RESIDENT,
            "household": "CC01-0001",
        },
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    membership = Membership.objects.get(user__username="brigadista")
    assert membership.commune == world.commune and membership.household == world.household


def test_a_role_given_twice_is_refused_and_changes_nothing(world: World) -> None:
    client = client_for(world.admin)
    data = {"username": "contralor", "role": Role.COMPTROLLER}
    response = post_form(client, reverse("memberships:members"), data)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "already holds that role" in response.content.decode()  # type: ignore[attr-defined]
    assert Membership.objects.filter(user=world.comptroller).count() == 1


def test_a_spokesperson_needs_a_council(world: World) -> None:
    client = client_for(world.admin)
    data = {"username": "contralor", "role": Role.SPOKESPERSON}
    response = post_form(client, reverse("memberships:members"), data)
    assert "speaks for a council" in response.content.decode()  # type: ignore[attr-defined]


def test_the_last_administrator_cannot_be_removed(world: World) -> None:
    membership = Membership.objects.get(user=world.admin)
    client = client_for(world.admin)
    client.get(reverse("memberships:members"))
    response = post_form(client, reverse("memberships:member_revoke", args=[membership.pk]), {})
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_only_administrators_manage_members(world: World) -> None:
    assert client_for(world.comptroller).get(reverse("memberships:members")).status_code == 403
    assert client_for(None).get(reverse("memberships:members")).status_code == 302


def test_a_membership_of_another_commune_answers_404(world: World, second: object) -> None:
    stranger = factories.make_user("otra-admin", Role.ADMIN, commune=second)  # type: ignore[arg-type]
    theirs = Membership.objects.get(user=stranger)
    client = client_for(world.admin)
    client.get(reverse("memberships:members"))
    response = post_form(client, reverse("memberships:member_revoke", args=[theirs.pk]), {})
    assert response.status_code == 404  # type: ignore[attr-defined]
    assert Membership.objects.filter(pk=theirs.pk).exists()
    assert "otra-admin" not in client.get(reverse("memberships:members")).content.decode()


def test_users_no_longer_carry_a_role_column() -> None:
    assert not hasattr(User, "role") and not hasattr(User, "council")


def test_logging_in_forgets_a_commune_chosen_for_its_public_figures(
    world: World, second: object
) -> None:
    client = client_for(None)
    client.get(reverse("memberships:communes"))
    post_form(client, reverse("memberships:communes"), {"commune": second.pk})  # type: ignore[attr-defined]
    assert client.session[SESSION_KEY] == second.pk  # type: ignore[attr-defined]
    post_form(
        client,
        reverse("users:login"),
        {"username": "vecina", "password": "correct horse battery"},
    )
    page = client.get(reverse("census:index"), follow=True)
    assert client.session[SESSION_KEY] == world.commune.pk
    assert "Pérez" in page.content.decode()
