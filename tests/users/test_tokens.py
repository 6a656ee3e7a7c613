from __future__ import annotations

import datetime as dt
import secrets

import pytest
from django.utils import timezone, translation

from comuna.core.refusals import Refusal
from comuna.memberships.selectors import actor_for
from comuna.users.models import ApiToken
from comuna.users.tokens import (
    token_create,
    token_digest,
    token_revoke,
    token_touch,
    user_for_token,
)
from tests.conftest import World


def test_it_keeps_only_the_digest_and_a_prefix_of_a_new_token(world: World) -> None:
    token, raw = token_create(actor=world.actor(world.admin), name="  nightly   export ")
    stored = ApiToken.objects.get(pk=token.pk)
    assert len(raw) >= 40
    assert stored.digest == token_digest(raw) != raw
    assert stored.prefix == raw[:8]
    assert stored.name == "nightly export"
    assert not ApiToken.objects.filter(digest__contains=raw).exists()


def test_a_token_leads_back_to_its_user(world: World) -> None:
    _token, raw = token_create(actor=world.actor(world.spokesperson))
    assert user_for_token(raw) == world.spokesperson
    assert user_for_token(f"  {raw} ") == world.spokesperson


def test_a_token_never_starts_with_a_dash(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    made = iter(["-starts-with-a-dash", "fine-token"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda _n: next(made))
    _token, raw = token_create(actor=world.actor(world.admin))
    assert raw == "fine-token"


def test_an_unknown_or_empty_token_leads_nowhere(world: World) -> None:
    assert user_for_token("nonsense") is None
    assert user_for_token("") is None


def test_a_revoked_token_leads_nowhere(world: World) -> None:
    token, raw = token_create(actor=world.actor(world.admin))
    token_revoke(token=token)
    assert user_for_token(raw) is None
    assert not ApiToken.objects.exists()


def test_it_refuses_a_token_for_an_inactive_user(world: World) -> None:
    actor = world.actor(world.resident)
    world.resident.is_active = False
    with translation.override("en"), pytest.raises(Refusal, match="not active"):
        token_create(actor=actor)
    assert not ApiToken.objects.exists()


def test_it_refuses_a_name_too_long(world: World) -> None:
    with translation.override("en"), pytest.raises(Refusal, match="too long"):
        token_create(actor=world.actor(world.admin), name="x" * 101)
    assert not ApiToken.objects.exists()


def test_a_use_is_recorded_but_at_most_once_a_minute(world: World) -> None:
    token, raw = token_create(actor=world.actor(world.admin))
    user_for_token(raw)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    user_for_token(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    stored = ApiToken.objects.get(pk=token.pk)
    later = first + dt.timedelta(seconds=61)
    token_touch(token=stored, now=later)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later
    token_touch(token=stored, now=later + dt.timedelta(seconds=30))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later


def test_a_first_use_is_recorded_however_recent_the_token(world: World) -> None:
    token, _raw = token_create(actor=world.actor(world.admin))
    token_touch(token=token, now=timezone.now())
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_it_refuses_a_token_in_a_commune_where_the_user_holds_no_role(world: World) -> None:
    from tests import factories

    elsewhere = factories.make_commune(name="Comuna La Otra")
    with translation.override("en"), pytest.raises(Refusal, match="holds no role"):
        token_create(actor=actor_for(world.resident, elsewhere))
    assert not ApiToken.objects.exists()
