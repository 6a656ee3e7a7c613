"""Who may read and change waste collection, role by role, through the pages and the API."""

from __future__ import annotations

import pytest

from comuna.waste.models import Vehicle
from tests.conftest import client_for, post_form
from tests.waste.conftest import Fleet

pytestmark = pytest.mark.django_db


def _pages(fleet: Fleet) -> list[str]:
    e = fleet.enterprise.pk
    return [
        f"/recoleccion/empresa/{e}/",
        f"/recoleccion/empresa/{e}/puntos/",
        f"/recoleccion/empresa/{e}/mapa/",
        f"/recoleccion/empresa/{e}/plan/",
    ]


@pytest.mark.parametrize("who", ["admin", "manager", "worker", "comptroller", "treasurer"])
def test_the_roles_of_the_enterprise_and_the_books_read_its_pages(fleet: Fleet, who: str) -> None:
    users = {
        "admin": fleet.world.admin,
        "manager": fleet.manager,
        "worker": fleet.worker,
        "comptroller": fleet.world.comptroller,
        "treasurer": fleet.world.treasurer,
    }
    client = client_for(users[who])
    for url in _pages(fleet):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["resident", "spokesperson", "outsider"])
def test_residents_and_spokespeople_see_nothing_of_it(fleet: Fleet, who: str) -> None:
    client = client_for(getattr(fleet.world, who))
    for url in _pages(fleet):
        assert client.get(url).status_code == 404, url


def test_nobody_logged_in_is_sent_to_log_in(fleet: Fleet) -> None:
    response = client_for(None).get(_pages(fleet)[0])
    assert response.status_code == 302


def test_a_worker_may_not_add_a_vehicle(fleet: Fleet) -> None:
    url = f"/recoleccion/empresa/{fleet.enterprise.pk}/vehiculos/nuevo/"
    assert client_for(fleet.worker).get(url).status_code == 403


def test_the_manager_adds_a_vehicle(fleet: Fleet) -> None:
    url = f"/recoleccion/empresa/{fleet.enterprise.pk}/vehiculos/nuevo/"
    response = post_form(
        client_for(fleet.manager),
        url,
        {"plate": "zz999zz", "capacity_kg": "4000", "litres_per_100km": "35.5", "active": "on"},
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Vehicle.objects.get(plate="ZZ999ZZ").litres_per_100km_centi == 3550


def test_another_communes_manager_finds_nothing(fleet: Fleet) -> None:
    from comuna.users.models import Role
    from tests import factories

    other = factories.make_user("otro", Role.ENTERPRISE_MANAGER, commune=factories.make_commune())
    client = client_for(other)
    assert client.get(f"/recoleccion/vehiculos/{fleet.trucks[0].pk}/").status_code == 404
    assert client.get(f"/recoleccion/puntos/{fleet.points[0].pk}/").status_code == 404


def test_the_api_lists_points_for_the_worker_and_refuses_them_a_plan(fleet: Fleet) -> None:
    client = client_for(fleet.worker)
    listed = client.get("/api/waste/points")
    assert listed.status_code == 200 and len(listed.json()) == len(fleet.points)
    made = client.post(
        f"/api/waste/enterprises/{fleet.enterprise.pk}/plans",
        {"date": "2030-01-07"},
        content_type="application/json",
    )
    assert made.status_code in (401, 403)
    assert client_for(fleet.world.resident).get("/api/waste/points").json() == []
