"""The exchange's pages, role by role: each commune reads its parties' records, another
commune's answer 404, the federation defines units and runs clearings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from comuna.clearing.models import ClearingRun, ExchangeAgreement, Obligation, UnitOfAccount
from comuna.clearing.services import clearing_run, obligation_record
from comuna.users.models import User
from tests.clearing.conftest import Exchange
from tests.conftest import client_for, post_form

pytestmark = pytest.mark.django_db


def _owe(x: Exchange, debtor, creditor, amount: int) -> Obligation:  # type: ignore[no-untyped-def]
    return obligation_record(
        debtor=debtor,
        creditor=creditor,
        amount=amount,
        unit=x.unit,
        arose_on=x.today - dt.timedelta(days=3),
        due_on=x.today + dt.timedelta(days=30),
        what="intercambio",
        by=None,
    )


def _cycle(x: Exchange) -> ClearingRun:
    _owe(x, x.a, x.b, 10_000)
    _owe(x, x.b, x.a_bakery, 8_000)
    _owe(x, x.a_bakery, x.a, 5_000)
    return clearing_run(unit=x.unit, day=x.today, by=x.federation)


def _in(user: User, commune_id: int | None = None) -> Client:
    client = client_for(user)
    if commune_id is not None:
        session = client.session
        session["comuna_commune"] = commune_id
        session.save()
    return client


@pytest.mark.parametrize("who", ["admin", "treasurer", "comptroller"])
def test_the_communes_book_keepers_read_the_exchange(exchange: Exchange, who: str) -> None:
    run = _cycle(exchange)
    client = client_for(getattr(exchange.world, who))
    for url in ("/compensacion/", "/compensacion/obligaciones/", "/compensacion/corridas/"):
        assert client.get(url).status_code == 200
    page = client.get(f"/compensacion/corridas/{run.pk}/").content.decode()
    assert "Panadería El Panal" in page and "Finca Ataroa" not in page


@pytest.mark.parametrize("who", ["spokesperson", "resident"])
def test_others_do_not_reach_it(exchange: Exchange, who: str) -> None:
    assert client_for(getattr(exchange.world, who)).get("/compensacion/").status_code == 404


def test_a_record_of_another_commune_answers_404(exchange: Exchange) -> None:
    x = exchange
    theirs = _owe(x, x.b_farm, x.b, 700)
    ours = _owe(x, x.a, x.b, 700)
    client = client_for(x.world.admin)
    assert client.get(f"/compensacion/obligaciones/{theirs.pk}/").status_code == 404
    assert client.get(f"/compensacion/obligaciones/{ours.pk}/").status_code == 200
    other = client_for(x.other_admin)
    assert other.get(f"/compensacion/obligaciones/{ours.pk}/").status_code == 200


def test_the_administrator_records_an_obligation_of_the_commune(exchange: Exchange) -> None:
    x = exchange
    response = post_form(
        client_for(x.world.admin),
        "/compensacion/obligaciones/nueva/",
        {
            "debtor": f"e:{x.a_bakery.enterprise_id}",
            "creditor": x.other.code,
            "unit": x.unit.pk,
            "amount": "125,50",
            "what": "harina",
            "arose_on": x.today.isoformat(),
            "due_on": (x.today + dt.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302, response.context["form"].errors  # type: ignore[attr-defined]
    obligation = Obligation.objects.get()
    assert (obligation.amount, obligation.debtor_id, obligation.creditor_id) == (
        12_550,
        x.a_bakery.pk,
        x.b.pk,
    )


def test_no_commune_puts_a_debt_in_anothers_books(exchange: Exchange) -> None:
    x = exchange
    response = post_form(
        client_for(x.world.admin),
        "/compensacion/obligaciones/nueva/",
        {
            "debtor": f"c:{x.other.pk}",
            "creditor": x.world.commune.code,
            "unit": x.unit.pk,
            "amount": "10",
            "what": "x",
            "arose_on": x.today.isoformat(),
            "due_on": x.today.isoformat(),
        },
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert Obligation.objects.count() == 0


def test_other_communes_are_named_never_listed(exchange: Exchange) -> None:
    page = client_for(exchange.world.admin).get("/compensacion/obligaciones/nueva/")
    assert "Comuna Ataroa" not in page.content.decode()
    assert "Finca Ataroa" not in page.content.decode()


def test_an_obligation_to_oneself_is_refused_on_the_form(exchange: Exchange) -> None:
    x = exchange
    response = post_form(
        client_for(x.world.admin),
        "/compensacion/obligaciones/nueva/",
        {
            "debtor": f"c:{x.world.commune.pk}",
            "creditor": x.world.commune.code,
            "unit": x.unit.pk,
            "amount": "10",
            "what": "x",
            "arose_on": x.today.isoformat(),
            "due_on": x.today.isoformat(),
        },
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "cannot owe itself" in response.content.decode()  # type: ignore[attr-defined]


def test_the_administrator_records_an_agreement(exchange: Exchange) -> None:
    x = exchange
    response = post_form(
        client_for(x.world.admin),
        "/compensacion/acuerdos/nuevo/",
        {
            "first": f"c:{x.world.commune.pk}",
            "second": f"{x.other.code}/Finca Ataroa",
            "kind": "services_goods",
            "unit": x.unit.pk,
            "first_gives": "mantenimiento de tractores",
            "second_gives": "maíz",
            "signed_on": x.today.isoformat(),
        },
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    agreement = ExchangeAgreement.objects.get()
    assert (
        client_for(x.other_admin).get(f"/compensacion/acuerdos/{agreement.pk}/").status_code == 200
    )


def test_only_the_federation_runs_and_defines(exchange: Exchange) -> None:
    x = exchange
    admin = client_for(x.world.admin)
    assert admin.get("/compensacion/corridas/nueva/").status_code == 403
    assert admin.get("/compensacion/unidades/nueva/").status_code == 403
    _owe(x, x.a, x.b, 100)
    _owe(x, x.b, x.a, 60)
    federation = _in(x.federation, x.world.commune.pk)
    assert "Would be cleared" in federation.get("/compensacion/corridas/nueva/").content.decode()
    response = post_form(
        federation, "/compensacion/corridas/nueva/", {"unit": x.unit.pk, "day": x.today.isoformat()}
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    run = ClearingRun.objects.get()
    assert run.total_cleared == 120
    page = federation.get(f"/compensacion/corridas/{run.pk}/").content.decode()
    assert "Comuna Ataroa" in page and 'data-testid="chart-positions"' in page
    response = post_form(
        federation,
        "/compensacion/unidades/nueva/",
        {"code": "VES1", "name": "Bolívar", "kind": "currency", "currency": "VES", "basket": ""},
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert UnitOfAccount.objects.filter(code="VES1").exists()
