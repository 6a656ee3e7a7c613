"""Who reads what, role by role and commune by commune: the host's readers see everything of
the enterprise; a served commune's administrator, treasurer and comptroller see their own
commune's report and never another's; a resident sees nothing private."""

from __future__ import annotations

import pytest

from comuna.comanaged import services
from comuna.core.tenancy import SESSION_KEY
from tests.comanaged.conftest import Co
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _in(user: object, commune: object) -> object:
    """A client placed in ``commune`` (a person of several communes chooses one)."""
    client = client_for(user)  # type: ignore[arg-type]
    session = client.session
    session[SESSION_KEY] = commune.pk  # type: ignore[attr-defined]
    session.save()
    return client


def _report(co: Co, commune: object) -> str:
    return f"/cogestion/{co.plant.pk}/reporte/{commune.pk}/"  # type: ignore[attr-defined]


@pytest.fixture
def shared(co: Co) -> Co:
    services.result_apply(result=co.march, by="tesorera")
    return co


def test_the_hosts_readers_see_every_report_and_the_shares(shared: Co) -> None:
    co = shared
    for user in (co.world.admin, co.world.treasurer, co.world.comptroller, co.manager):
        client = client_for(user)
        for commune in (co.world.commune, co.b, co.c):
            assert client.get(_report(co, commune)).status_code == 200
        page = client.get(f"/cogestion/{co.plant.pk}/resultados/{co.march.pk}/")
        assert page.status_code == 200 and co.c.name in page.content.decode()


@pytest.mark.parametrize("who", ["b_admin", "b_treasurer", "b_comptroller"])
def test_a_served_communes_readers_see_their_report_not_anothers(shared: Co, who: str) -> None:
    co = shared
    client = _in(getattr(co, who), co.b)
    listing = client.get("/cogestion/")
    assert co.plant.name in listing.content.decode()
    mine = client.get(_report(co, co.b))
    assert mine.status_code == 200 and "810" in mine.content.decode()
    assert client.get(_report(co, co.c)).status_code == 404
    assert client.get(_report(co, co.world.commune)).status_code == 404
    detail = client.get(f"/cogestion/{co.plant.pk}/resultados/{co.march.pk}/")
    assert detail.status_code == 200 and co.c.name not in detail.content.decode()
    assert client.get(f"/cogestion/{co.plant.pk}/reporte/{co.b.pk}/reporte.pdf").status_code == 200


def test_a_served_commune_cannot_apply_record_or_manage(shared: Co) -> None:
    co = shared
    client = _in(co.b_admin, co.b)
    april = services.result_record(
        comanaged=co.plant,
        kind="month",
        start=co.march.start.replace(month=4),
        income=100,
        wages=0,
        maintenance=0,
        materials=0,
    )
    client.get("/cogestion/")
    token = client.cookies["csrftoken"].value  # type: ignore[attr-defined]
    url = f"/cogestion/{co.plant.pk}/resultados/{april.pk}/repartir/"
    assert client.post(url, {"csrfmiddlewaretoken": token}).status_code == 403
    april.refresh_from_db()
    assert not april.applied


def test_residents_and_other_communes_see_nothing_private(shared: Co) -> None:
    co = shared
    for client in (
        _in(co.b_resident, co.b),
        client_for(co.world.resident),
        client_for(co.world.spokesperson),
    ):
        assert co.plant.name not in client.get("/cogestion/").content.decode()
        assert client.get(f"/cogestion/{co.plant.pk}/").status_code == 404
        assert client.get(_report(co, co.b)).status_code == 404
    # Commune C's administrator, in C, reads C's report and not B's.
    c_admin = _in(co.c_admin, co.c)
    assert c_admin.get(_report(co, co.c)).status_code == 200
    assert c_admin.get(_report(co, co.b)).status_code == 404
    # B's administrator acting in another commune (not a member there) reaches nothing.
    assert _in(co.b_admin, co.c).get(_report(co, co.b)).status_code in (302, 403, 404)


def test_the_public_page_shows_aggregates_only(shared: Co) -> None:
    page = _in(None, shared.world.commune).get("/cogestion/publico/")  # type: ignore[attr-defined]
    text = page.content.decode()
    assert page.status_code == 200 and shared.plant.name in text
    assert "2.700,00" in text and "2.565,00" in text
