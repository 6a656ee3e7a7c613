"""``comuna commune create|list`` and the --commune option every communal command shares."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from comuna.core.models import Commune
from comuna.core.tenancy import commune_for_command

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")


def _run(*args: str) -> str:
    out = StringIO()
    call_command("commune", *args, stdout=out)
    return out.getvalue()


def test_it_creates_and_lists_communes() -> None:
    assert "created" in _run("create", "el-panal", "Comuna El Panal", "--state", "Lara")
    _run("create", "la-otra", "Comuna La Otra")
    rows = json.loads(_run("list", "--json"))
    assert [r["code"] for r in rows] == ["el-panal", "la-otra"]
    assert len({r["uuid"] for r in rows}) == 2
    assert "Comuna El Panal" in _run("list")


def test_a_code_taken_or_malformed_is_refused_and_changes_nothing() -> None:
    _run("create", "el-panal", "Comuna El Panal")
    with pytest.raises(CommandError, match="already a commune"):
        _run("create", "el-panal", "Otra")
    with pytest.raises(CommandError, match="not a code"):
        _run("create", "el panal!", "Otra")
    assert Commune.objects.count() == 1


def test_commands_need_the_commune_only_when_there_are_several() -> None:
    translation.activate("en")
    with pytest.raises(CommandError, match="no commune yet"):
        commune_for_command(None)
    _run("create", "el-panal", "Comuna El Panal")
    assert commune_for_command(None).code == "el-panal"
    _run("create", "la-otra", "Comuna La Otra")
    with pytest.raises(CommandError, match="several communes"):
        commune_for_command(None)
    assert commune_for_command("LA-OTRA").code == "la-otra"
    with pytest.raises(CommandError, match="no commune with code"):
        commune_for_command("nada")
