from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.test import Client
from django.urls import reverse

from comuna.users.models import ApiToken
from comuna.users.tokens import token_create, user_for_token
from tests.conftest import World, client_for, post_form

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse


def _revoke(client: Client, pk: int) -> _MonkeyPatchedWSGIResponse:
    """Press a token's Revoke button on the token page."""
    client.get(reverse("users:tokens"))
    csrf = client.cookies["csrftoken"].value
    return client.post(reverse("users:token_revoke", args=[pk]), {"csrfmiddlewaretoken": csrf})


def test_a_person_creates_a_token_and_sees_it_once(world: World) -> None:
    client = client_for(world.spokesperson)
    response = post_form(client, reverse("users:tokens"), {"name": "clinic tablet"})
    assert response.status_code == 200  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    match = re.search(r'data-testid="token-value">([^<]+)<', page)
    assert match is not None
    assert user_for_token(match.group(1)) == world.spokesperson
    assert ApiToken.objects.get(user=world.spokesperson).name == "clinic tablet"
    again = client.get(reverse("users:tokens")).content.decode()
    assert match.group(1) not in again
    assert match.group(1)[:8] in again


def test_a_person_revokes_their_own_token(world: World) -> None:
    token, raw = token_create(actor=world.actor(world.resident))
    response = _revoke(client_for(world.resident), token.pk)
    assert response.status_code == 302
    assert user_for_token(raw) is None


def test_no_one_revokes_another_persons_token(world: World) -> None:
    token, raw = token_create(actor=world.actor(world.admin))
    response = _revoke(client_for(world.outsider), token.pk)
    assert response.status_code == 404
    assert user_for_token(raw) == world.admin


def test_the_token_page_lists_only_ones_own_tokens(world: World) -> None:
    mine, _ = token_create(actor=world.actor(world.resident), name="mine")
    theirs, _ = token_create(actor=world.actor(world.admin), name="theirs")
    page = client_for(world.resident).get(reverse("users:tokens")).content.decode()
    assert mine.prefix in page and theirs.prefix not in page


def test_an_anonymous_visitor_is_sent_to_log_in(world: World) -> None:
    response = client_for(None).get(reverse("users:tokens"))
    assert response.status_code == 302
    assert reverse("users:login") in response["Location"]
