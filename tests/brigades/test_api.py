from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from comuna.brigades.services import shift_add
from tests.brigades.conftest import Crew
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_api_lists_the_brigades_the_caller_reads(crew: Crew) -> None:
    admin = client_for(crew.world.admin).get("/api/brigades/").json()
    assert {b["name"] for b in admin} == {"Brigada de agua", "Brigada de seguridad La Ceiba"}
    member = client_for(crew.member_login).get("/api/brigades/").json()
    assert [b["members"] for b in member] == [3]


def test_the_members_only_to_those_who_read_the_brigade(crew: Crew) -> None:
    url = f"/api/brigades/{crew.water.pk}/members"
    names = [m["name"] for m in client_for(crew.member_login).get(url).json()]
    assert names[0] == "María José Pérez Rodríguez"
    assert client_for(crew.world.resident).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 401


def test_who_is_on_duty_now(crew: Crew) -> None:
    now = timezone.now()
    shift_add(
        brigade=crew.water,
        member=crew.member,
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=1),
    )
    duty = client_for(crew.world.comptroller).get("/api/brigades/on-duty").json()
    assert [d["name"] for d in duty] == ["Pedro Gómez"]
    assert client_for(crew.world.resident).get("/api/brigades/on-duty").json() == []
