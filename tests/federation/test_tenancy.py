"""Every page and endpoint of the federation, at every level: an officer reads their level and
what lies below it; a level beside or above answers 404; a commune's roles give nothing; no
answer names a person, except the spokespeople to the officers who review the registration
and a commune's own people to its administrators."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, get_resolver

from comuna.federation.models import RegistrationStatus
from tests.conftest import client_for
from tests.federation.conftest import Fed

pytestmark = pytest.mark.django_db

PERSONS = ("María José", "Pérez Rodríguez", "Carmen", "Rojas", "V12345678", "V8765432")
SPOKESPEOPLE = ("Yelitza Mendoza", "V11222333")
ROLES = ("city", "other_city", "state", "nation", "admin", "nobody")
OFFICERS_ABOVE = {"city", "state", "nation"}


def _user(fed: Fed, role: str) -> Any:
    return {
        "city": fed.city_officer,
        "other_city": fed.other_city_officer,
        "state": fed.state_officer,
        "nation": fed.nation_officer,
        "admin": fed.world.admin,
        "nobody": None,
    }[role]


def _level_status(role: str, unit: str) -> int:
    readers = {
        "turbio": {"city", "state", "nation"},
        "tocuyo": {"other_city", "state", "nation"},
        "lara": {"state", "nation"},
        "orinoco": {"nation"},
        "bolivar": {"nation"},
        "venezuela": {"nation"},
    }[unit]
    if role == "nobody":
        return 302
    return 200 if role in readers else 404


def _expected(fed: Fed) -> dict[str, dict[str, int]]:
    """Path → role → status, for every GET pattern of the federation."""
    pk = fed.pending.pk
    table: dict[str, dict[str, int]] = {
        "/federacion/": dict.fromkeys(ROLES, 200),
        "/federacion/registro/": dict.fromkeys(ROLES, 200),
        f"/federacion/registro/{fed.pending.uuid}/": dict.fromkeys(ROLES, 200),
        "/federacion/registros/": {
            **dict.fromkeys(("city", "other_city", "state", "nation"), 200),
            "admin": 404,
            "nobody": 302,
        },
        "/federacion/identidad/": {
            **dict.fromkeys(("city", "other_city", "state", "nation"), 404),
            "admin": 200,
            "nobody": 302,
        },
        f"/federacion/comunas/{fed.b.code}/": dict.fromkeys(ROLES, 302),
    }
    for path in (f"/federacion/registros/{pk}/", f"/federacion/registros/{pk}/acta/"):
        table[path] = {
            role: 200 if role in OFFICERS_ABOVE else 302 if role == "nobody" else 404
            for role in ROLES
        }
    for unit in ("turbio", "tocuyo", "lara", "orinoco", "bolivar", "venezuela"):
        table[f"/federacion/{unit}/"] = {role: _level_status(role, unit) for role in ROLES}
    return table


def _federation_routes() -> set[str]:
    resolver = get_resolver()
    for entry in resolver.url_patterns:
        if str(entry.pattern) == "federacion/":
            return {str(p.pattern) for p in entry.url_patterns if isinstance(p, URLPattern)}
    raise AssertionError("the federation is not mounted")


def test_the_table_covers_every_pattern_of_the_federation() -> None:
    covered = {
        "",
        "registro/",
        "registro/<uuid:ref>/",
        "registros/",
        "registros/<int:pk>/",
        "registros/<int:pk>/acta/",
        "registros/<int:pk>/aceptar/",  # POST: test_deciding_*
        "registros/<int:pk>/devolver/",
        "identidad/",
        "comunas/<slug:commune_code>/",
        "<slug:unit>/",
    }
    assert _federation_routes() == covered


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_level_as_its_reach_says(fed: Fed, role: str) -> None:
    client = client_for(_user(fed, role))
    wrong = []
    for path, statuses in _expected(fed).items():
        response = client.get(path)
        if response.status_code != statuses[role]:
            wrong.append((path, statuses[role], response.status_code))
        text = response.content.decode(errors="replace")
        leaked = [name for name in PERSONS if name in text]
        if path == "/federacion/identidad/" and role == "admin":
            leaked = []  # the commune's own people, to its administrator
        if leaked:
            wrong.append((path, "names", leaked))
        reviewing = path.startswith(f"/federacion/registros/{fed.pending.pk}/")
        if not (reviewing and response.status_code == 200):
            shown = [name for name in SPOKESPEOPLE if name in text]
            if shown:
                wrong.append((path, "spokespeople", shown))
    assert wrong == []


@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_each_level_as_its_reach_says(fed: Fed, role: str) -> None:
    client = client_for(_user(fed, role))
    listed = client.get("/api/federation/units")
    if role == "nobody":
        assert listed.status_code == 401
    else:
        assert listed.status_code == 200
    for unit in ("turbio", "tocuyo", "lara", "orinoco", "bolivar", "venezuela"):
        response = client.get(f"/api/federation/units/{unit}")
        expected = _level_status(role, unit)
        assert response.status_code == (401 if expected == 302 else expected), (unit, role)
        text = response.content.decode()
        assert not [name for name in (*PERSONS, *SPOKESPEOPLE) if name in text]


def test_a_communes_roles_give_no_federation_level(fed: Fed) -> None:
    units = client_for(fed.world.admin).get("/api/federation/units").json()
    assert units == []


@pytest.mark.parametrize("role", ["other_city", "admin", "nobody"])
def test_deciding_a_registration_out_of_reach_changes_nothing(fed: Fed, role: str) -> None:
    client = client_for(_user(fed, role))
    client.get("/federacion/")
    token = client.cookies.get("csrftoken")
    data = {"csrfmiddlewaretoken": token.value if token else "", "reason": "No."}
    for action in ("aceptar", "devolver"):
        response = client.post(f"/federacion/registros/{fed.pending.pk}/{action}/", data)
        assert response.status_code in (404, 302, 403)
        if response.status_code == 302:
            assert "/cuenta/" in response["Location"]
    fed.pending.refresh_from_db()
    assert fed.pending.status == RegistrationStatus.PENDING


def test_a_state_officer_accepts_a_registration_of_a_city_below(fed: Fed) -> None:
    client = client_for(fed.state_officer)
    client.get(f"/federacion/registros/{fed.pending.pk}/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"/federacion/registros/{fed.pending.pk}/aceptar/", {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    fed.pending.refresh_from_db()
    assert fed.pending.status == RegistrationStatus.ACCEPTED


def test_an_officer_sees_the_flags_below_as_counts_without_names(fed: Fed) -> None:
    from comuna.federation.services import identity_flags_refresh
    from tests import factories

    household = factories.make_household(factories.make_council(fed.b, "B01"))
    factories.make_person(household, first_names="Zoila", national_id="V12345678")
    identity_flags_refresh(commune=fed.b)
    text = client_for(fed.state_officer).get("/federacion/lara/").content.decode()
    assert "Comuna Ataroa" in text and "Comuna El Panal" in text
    assert "V12345678" not in text and "Zoila" not in text
    # The administrators of each commune see their own person and the other commune's name.
    page = client_for(fed.b_admin).get("/federacion/identidad/").content.decode()
    assert "Zoila" in page and "Comuna El Panal" in page and "María José" not in page
    city_page = client_for(fed.city_officer).get("/federacion/turbio/").content.decode()
    assert "Comuna Ataroa" not in city_page  # the pair is not below the city alone
