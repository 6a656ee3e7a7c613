"""The demo's calendar and gathering: built once, the second build changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps

from comuna.demo.gatherings import gatherings_demo
from comuna.gatherings.models import Gathering, Participation
from tests import factories
from tests.gatherings.conftest import Federation

pytestmark = pytest.mark.django_db


def _rows() -> dict[str, list[tuple[Any, ...]]]:
    found = {}
    for model in apps.get_app_config("gatherings").get_models():
        manager = getattr(model.objects, "all_communes", model.objects.all)
        found[model.__name__] = sorted(map(tuple, manager().values_list()), key=repr)
    return found


def test_the_demo_builds_a_month_and_an_adopted_gathering_and_builds_twice_the_same(
    federation: Federation,
) -> None:
    f = federation
    third = factories.make_commune(name="Comuna Tercera")
    from comuna.federation.models import CommuneUnit

    CommuneUnit.objects.create(commune=third, unit=f.city)
    communes = [f.world.commune, third]
    gathering = gatherings_demo(unit=f.city, communes=communes)
    assert gathering.status == Gathering.Status.ADOPTED
    assert gathering.amendments.filter(status="carried").count() == 2
    assert gathering.amendments.filter(status="rejected").count() == 2
    assert gathering.sessions.get().speakers.filter(status="waiting").count() == 2
    assert Participation.objects.of(f.world.commune).exists()
    before = _rows()
    again = gatherings_demo(unit=f.city, communes=communes)
    assert again == gathering
    assert _rows() == before
