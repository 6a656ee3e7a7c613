from __future__ import annotations

from django.test import Client
from django.urls import reverse

from comuna.users.models import ApiToken
from comuna.users.tokens import token_revoke
from tests.api.conftest import api_client, post_json, token_for
from tests.conftest import World, client_for

COUNCILS = "/api/census/councils"
NEW_PERSON = "/api/census/households/{pk}/people"
PEDRO = {"first_names": "Pedro", "last_names": "Pérez", "birth_date": "2001-02-03"}


def test_a_valid_token_acts_for_its_holder(world: World) -> None:
    response = api_client(world.spokesperson).get(COUNCILS)
    assert response.status_code == 200
    assert [row["code"] for row in response.json()] == ["CC01"]


def test_a_request_without_a_token_is_refused(world: World) -> None:
    response = api_client().get(COUNCILS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "detail": "Log in, or send a valid token as “Authorization: Bearer TOKEN”."
    }


def test_an_unknown_token_is_refused(world: World) -> None:
    assert api_client(token="not-a-token").get(COUNCILS).status_code == 401


def test_a_revoked_token_is_refused(world: World) -> None:
    raw = token_for(world.admin)
    client = api_client(token=raw)
    assert client.get(COUNCILS).status_code == 200
    token_revoke(token=ApiToken.objects.get(user=world.admin))
    assert client.get(COUNCILS).status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(world: World) -> None:
    client = api_client(world.spokesperson)
    world.spokesperson.is_active = False
    world.spokesperson.save(update_fields=["is_active"])
    assert client.get(COUNCILS).status_code == 401


def test_a_write_with_a_bad_token_is_told_401_not_a_csrf_failure(world: World) -> None:
    response = post_json(api_client(token="wrong"), NEW_PERSON.format(pk=world.household.pk), PEDRO)
    assert response.status_code == 401
    assert world.household.members.count() == 2


def test_a_token_writes_without_a_csrf_token(world: World) -> None:
    response = post_json(
        api_client(world.spokesperson), NEW_PERSON.format(pk=world.household.pk), PEDRO
    )
    assert response.status_code == 201
    assert world.household.members.filter(first_names="Pedro").exists()


def test_a_logged_in_browser_reads_with_its_session(world: World) -> None:
    response = client_for(world.spokesperson).get(COUNCILS)
    assert response.status_code == 200
    assert [row["code"] for row in response.json()] == ["CC01"]


def test_a_browser_write_needs_the_csrf_token(world: World) -> None:
    client = client_for(world.spokesperson)
    url = NEW_PERSON.format(pk=world.household.pk)
    refused = client.post(url, PEDRO, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "The CSRF token is missing or wrong. Reload the page."}
    assert not world.household.members.filter(first_names="Pedro").exists()

    client.get(reverse("census:index"))  # a page sets the CSRF cookie, as for htmx
    token = client.cookies["csrftoken"].value
    accepted = client.post(url, PEDRO, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201
    assert world.household.members.filter(first_names="Pedro").exists()


def test_an_anonymous_browser_is_told_401(world: World) -> None:
    assert Client(HTTP_ACCEPT_LANGUAGE="en").get(COUNCILS).status_code == 401


def test_a_wrong_token_is_refused_even_with_a_logged_in_session(world: World) -> None:
    client = client_for(world.admin)
    assert client.get(COUNCILS).status_code == 200
    assert client.get(COUNCILS, HTTP_AUTHORIZATION="Bearer revoked-or-wrong").status_code == 401
