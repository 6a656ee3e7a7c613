"""``comuna federation``: levels, places, officers, and the lists, in the terminal's words."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comuna.federation.models import CommuneTally, CommuneUnit, Officer, Unit
from tests.conftest import World
from tests.federation.conftest import Fed

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("federation", *args, stdout=out)
    return out.getvalue()


def test_levels_places_and_officers_from_the_terminal(world: World) -> None:
    _run("unit", "create", "venezuela", "Venezuela", "--level", "nation")
    _run("unit", "create", "lara", "Lara", "--level", "state", "--parent", "venezuela")
    _run("unit", "create", "turbio", "Ciudad Turbio", "--level", "city", "--parent", "lara")
    _run("place", world.commune.code, "turbio")
    _run("officer", "add", "vocera", "turbio")
    assert CommuneUnit.objects.get(commune=world.commune).unit.code == "turbio"
    assert Officer.objects.filter(user=world.spokesperson, unit__code="turbio").exists()
    listed = {row["code"]: row for row in json.loads(_run("list", "--json"))}
    assert listed["turbio"]["communes"] == [world.commune.code]
    assert listed["turbio"]["officers"] == ["vocera"]
    _run("officer", "remove", "vocera", "turbio")
    assert not Officer.objects.exists()


def test_a_refusal_or_an_unknown_name_exits_with_its_status(world: World) -> None:
    with pytest.raises(CommandError) as refused:
        _run("unit", "create", "c", "C", "--level", "city")
    assert refused.value.returncode == 1
    with pytest.raises(CommandError) as unknown:
        _run("place", world.commune.code, "nowhere")
    assert unknown.value.returncode == 2
    assert Unit.objects.count() == 0


def test_the_registrations_are_listed_without_their_spokespeople(fed: Fed) -> None:
    rows = json.loads(_run("registrations", "--json"))
    assert [row["status"] for row in rows] == ["pending"]
    assert "Yelitza" not in _run("registrations")


def test_the_nightly_tally_counts_the_stale_communes_or_all(fed: Fed) -> None:
    assert "3" in _run("tally")
    assert CommuneTally.objects.count() == 3
    assert "0" in _run("tally")  # all counted today
    assert "3" in _run("tally", "--all")
