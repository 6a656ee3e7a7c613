from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comuna.cli import main
from comuna.users.models import ApiToken
from comuna.users.tokens import user_for_token
from tests.conftest import World


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_prints_only_a_working_token(world: World) -> None:
    out, err = _run("create", "admin", "--name", "spreadsheet")
    token = out.strip()
    assert out == f"{token}\n" and " " not in token
    assert user_for_token(token) == world.admin
    assert ApiToken.objects.get(user=world.admin).name == "spreadsheet"
    assert "will not be shown again" in err


def test_create_for_an_unknown_user_fails_clearly(world: World) -> None:
    with pytest.raises(CommandError, match="There is no user nobody."):
        _run("create", "nobody")
    assert not ApiToken.objects.exists()


def test_an_unknown_user_exits_with_status_1(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["token", "create", "nobody"])
    assert exit_.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "There is no user nobody." in captured.err


def test_list_shows_prefixes_and_never_a_token(world: World) -> None:
    token, _ = _run("create", "vocera", "--name", "tablet")
    out, _err = _run("list", "vocera")
    lines = out.splitlines()
    assert lines[0].split("\t") == ["prefix", "name", "created", "last used"]
    prefix, name, _created, last_used = lines[1].split("\t")
    assert (prefix, name, last_used) == (token[:8], "tablet", "never")
    assert token.strip() not in out


def test_list_says_when_there_are_no_tokens(world: World) -> None:
    out, _err = _run("list", "vocera")
    assert out == "vocera has no tokens.\n"


def test_revoke_by_prefix_stops_the_token(world: World) -> None:
    token = _run("create", "admin")[0].strip()
    out, _err = _run("revoke", token[:8])
    assert f"Token {token[:8]} of admin revoked." in out
    assert user_for_token(token) is None


def test_revoke_of_an_unknown_prefix_fails_clearly(world: World) -> None:
    _run("create", "admin")
    with pytest.raises(CommandError, match="No token starts with zzzzzzzz."):
        _run("revoke", "zzzzzzzz")
    assert ApiToken.objects.count() == 1


def test_revoke_refuses_an_ambiguous_prefix(world: World) -> None:
    for digest in ("a" * 64, "b" * 64):
        ApiToken.objects.create(
            user=world.admin, commune=world.commune, prefix="samesame", digest=digest
        )
    with pytest.raises(CommandError, match="Several tokens start with samesame"):
        _run("revoke", "samesame")
    assert ApiToken.objects.count() == 2
