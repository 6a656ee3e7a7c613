"""``comuna comanaged list``: the enterprises a commune hosts or is served by."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from comuna.comanaged import services
from tests.comanaged.conftest import Co

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("comanaged", *args, stdout=out)
    return out.getvalue()


def test_list_prints_the_host_and_the_served_views(co: Co) -> None:
    services.result_apply(result=co.march, by="tesorera")
    line = _run("list", "--commune", co.world.commune.code)
    assert co.plant.name in line and "2700.00" in line
    found = json.loads(_run("list", "--json", "--commune", co.b.code))
    assert found[0]["hosted_here"] is False and found[0]["periods_shared"] == 1
    assert {s["basis_points"] for s in found[0]["served"]} == {5000, 3000, 1500}
