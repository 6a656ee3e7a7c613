"""A client that calls the API as a program does: a personal token and JSON, no cookies."""

from __future__ import annotations

from typing import Any

from django.test import Client

from comuna.core.models import Commune
from comuna.memberships.selectors import actor_for, communes_of
from comuna.users.models import User
from comuna.users.tokens import token_create


def token_for(user: User, commune: Commune | None = None) -> str:
    """A token for ``user`` in ``commune`` (by default, the first commune they belong to)."""
    commune = commune or communes_of(user).order_by("id").first()
    _token, raw = token_create(actor=actor_for(user, commune), name="tests")
    return raw


def api_client(user: User | None = None, *, token: str | None = None) -> Client:
    """A CSRF-enforcing client that asks for English and sends ``user``'s new token."""
    raw = token if token is not None else (token_for(user) if user is not None else None)
    headers: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}
    if raw is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return Client(enforce_csrf_checks=True, **headers)


def post_json(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, content_type="application/json")
