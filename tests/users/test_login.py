from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from django.urls import reverse

from comuna import settings as comuna_settings
from comuna.users.models import User
from tests.conftest import World, client_for, post_form

pytestmark = pytest.mark.django_db


def _log_in(client: object, password: str) -> object:
    return post_form(
        client,  # type: ignore[arg-type]
        reverse("users:login"),
        {"username": "vocera", "password": password},
    )


def test_a_spokesperson_logs_in_with_the_right_password(world: World) -> None:
    client = client_for(None)
    response = _log_in(client, "correct horse battery")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert client.get(reverse("census:index")).status_code == 200


def test_a_wrong_password_is_refused_with_a_message(world: World) -> None:
    response = _log_in(client_for(None), "wrong")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "correct username and password" in response.content.decode()  # type: ignore[attr-defined]


def test_five_failures_lock_the_login_even_with_the_right_password(world: World) -> None:
    client = client_for(None)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "wrong")
    response = _log_in(client, "correct horse battery")
    assert response.status_code == 429  # type: ignore[attr-defined]
    assert "Too many failed logins" in response.content.decode()  # type: ignore[attr-defined]
    assert "_auth_user_id" not in client.session


def test_the_login_page_needs_its_csrf_token(world: World) -> None:
    client = client_for(None)
    response = client.post(
        reverse("users:login"), {"username": "vocera", "password": "correct horse battery"}
    )
    assert response.status_code == 403


@override_settings(PASSWORD_HASHERS=comuna_settings.PASSWORD_HASHERS)
def test_passwords_are_hashed_with_argon2(db: None) -> None:
    user = User(username="nueva")
    user.set_password("una clave larga y buena")
    assert identify_hasher(user.password).algorithm == "argon2"
