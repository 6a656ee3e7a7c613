"""The enterprises' pages through the test client: create, edit, add and end a worker,
receive diesel, and the month moves."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from comuna.enterprises.models import Enterprise, Worker
from comuna.enterprises.selectors import diesel_left_ml
from comuna.ledger import chart
from comuna.ledger.models import Account, Entry
from tests.conftest import World, client_for, post_form
from tests.enterprises.conftest import Works


def test_the_manager_creates_and_edits_an_enterprise(works: Works) -> None:
    client = client_for(works.manager)
    response = post_form(
        client,
        "/empresas/nueva/",
        {"name": "Panadería Comunal", "kind": "production", "description": "Pan"},
    )
    made = Enterprise.objects.get(name="Panadería Comunal")
    assert response["Location"] == f"/empresas/{made.pk}/"  # type: ignore[index]
    assert Account.objects.of(works.world.commune).filter(code=made.cash_account).exists()
    post_form(
        client,
        f"/empresas/{made.pk}/editar/",
        {"name": "Panadería El Trigal", "description": "Pan de trigo"},
    )
    made.refresh_from_db()
    assert (made.name, made.active) == ("Panadería El Trigal", False)


def test_a_bad_name_is_shown_on_the_form_and_nothing_is_created(works: Works) -> None:
    response = post_form(
        client_for(works.manager),
        "/empresas/nueva/",
        {"name": "EPS Desechos", "kind": "other"},
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "already an enterprise" in response.content.decode()  # type: ignore[attr-defined]
    assert Enterprise.objects.count() == 1


def test_a_worker_is_found_in_the_census_added_and_ended(works: Works) -> None:
    client = client_for(works.manager)
    url = f"/empresas/{works.waste.pk}/trabajadores/nuevo/"
    found = client.get(url, {"q": "pérez maría"}).content.decode()
    assert "María José Pérez Rodríguez" in found and "Carmen" not in found
    post_form(
        client,
        url,
        {
            "person": works.world.head.pk,
            "job": "driver",
            "since": "2025-03-01",
            "login": works.driver.pk,
        },
    )
    job = Worker.objects.get()
    assert (job.person, job.login, job.until) == (works.world.head, works.driver, None)
    page = client.get(f"/empresas/{works.waste.pk}/").content.decode()
    assert "María José Pérez Rodríguez" in page
    post_form(
        client,
        f"/empresas/{works.waste.pk}/trabajadores/{job.pk}/terminar/",
        {"until": "2025-04-30"},
    )
    job.refresh_from_db()
    assert job.until == dt.date(2025, 4, 30)


def test_a_person_of_another_household_search_cannot_be_smuggled(works: Works) -> None:
    response = post_form(
        client_for(works.manager),
        f"/empresas/{works.waste.pk}/trabajadores/nuevo/",
        {"person": 999_999, "job": "driver", "since": "2025-03-01"},
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert not Worker.objects.exists()


def test_the_treasurer_receives_diesel_and_the_month_moves(works: Works) -> None:
    client = client_for(works.world.treasurer)
    today = timezone.localdate()
    post_form(
        client,
        f"/empresas/{works.waste.pk}/gasoil/",
        {"litres": "600", "amount": "15.000,00", "paid_from": chart.WASTE_CASH,
         "date": today.isoformat(), "reference": "GD-1"},
    )  # fmt: skip
    assert diesel_left_ml(works.waste, on=today) == 600_000
    assert Entry.objects.filter(author="tesorera").count() == 2
    month = client.get(f"/empresas/{works.waste.pk}/mes/{today:%Y-%m}/").content.decode()
    assert 'data-testid="stock-diesel">600 · 0 · 600' in month
    assert "15.000,00" in month


def test_negative_litres_are_refused_on_the_form(works: Works) -> None:
    response = post_form(
        client_for(works.manager),
        f"/empresas/{works.waste.pk}/gasoil/",
        {"litres": "-5", "date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert not Entry.objects.filter(author="gerente").exists()


def test_a_month_that_is_not_one_is_404(works: Works) -> None:
    client = client_for(works.world.admin)
    for month in ("2025-13", "abc", "1800-01"):
        assert client.get(f"/empresas/{works.waste.pk}/mes/{month}/").status_code == 404


def test_the_menu_offers_the_enterprises_to_those_who_read_them(world: World) -> None:
    assert 'href="/empresas/"' in client_for(world.admin).get("/censo/").content.decode()
    assert 'href="/empresas/"' not in client_for(world.resident).get("/").content.decode()


def test_an_enterprise_without_a_diesel_stock_has_no_diesel_page(works: Works) -> None:
    client = client_for(works.manager)
    post_form(client, "/empresas/nueva/", {"name": "Planta", "kind": "production"})
    plant = Enterprise.objects.get(name="Planta")
    assert client.get(f"/empresas/{plant.pk}/gasoil/").status_code == 404
    assert "/gasoil/" not in client.get(f"/empresas/{plant.pk}/").content.decode()
