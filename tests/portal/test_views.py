"""The entry point: the home page behind the login, the public figures in front of it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import World, client_for, post_form

pytestmark = pytest.mark.django_db


def test_the_home_and_public_pages_keep_their_addresses() -> None:
    assert reverse("portal:home") == "/"
    assert reverse("portal:public") == "/publico/"


def test_someone_not_logged_in_is_sent_from_home_to_the_public_figures(world: World) -> None:
    response = client_for(None).get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:public")


def test_the_home_page_shows_the_communes_figures_to_someone_logged_in(world: World) -> None:
    response = client_for(world.resident).get(reverse("portal:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Comuna El Panal" in body
    assert reverse("census:index") in body


def test_logging_in_and_out_lands_on_the_home_page(world: World) -> None:
    client = client_for(None)
    logged_in = post_form(
        client, reverse("users:login"), {"username": "vocera", "password": "correct horse battery"}
    )
    assert logged_in["Location"] == reverse("portal:home")  # type: ignore[index]
    logged_out = post_form(client, reverse("users:logout"), {})
    assert logged_out["Location"] == reverse("portal:home")  # type: ignore[index]


def test_every_page_links_to_home_and_to_the_public_figures(world: World) -> None:
    body = client_for(None).get(reverse("portal:public")).content.decode()
    assert f'href="{reverse("portal:home")}"' in body
    assert f'href="{reverse("portal:public")}"' in body
