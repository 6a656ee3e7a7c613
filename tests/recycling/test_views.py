from __future__ import annotations

import datetime as dt

import pytest

from comuna.ledger.models import Account
from comuna.recycling.models import Sale, WeighIn
from comuna.users.models import User
from tests.conftest import client_for, post_form
from tests.recycling.conftest import Yard

PAGES = [
    "/reciclaje/",
    "/reciclaje/pesajes/",
    "/reciclaje/ventas/",
    "/reciclaje/materiales/",
]


def _users(yard: Yard) -> dict[str, User]:
    w = yard.world
    return {
        "admin": w.admin,
        "manager": yard.manager,
        "operator": yard.operator,
        "comptroller": w.comptroller,
        "treasurer": w.treasurer,
        "spokesperson": w.spokesperson,
        "resident": w.resident,
    }


@pytest.mark.parametrize(
    ("who", "reads", "weighs", "manages"),
    [
        ("admin", True, True, True),
        ("manager", True, True, True),
        ("operator", True, True, False),
        ("comptroller", True, False, False),
        ("treasurer", True, False, False),
        ("spokesperson", False, False, False),
        ("resident", False, False, False),
    ],
)
def test_each_role_reaches_what_it_may(
    yard: Yard, who: str, reads: bool, weighs: bool, manages: bool
) -> None:
    client = client_for(_users(yard)[who])
    for page in PAGES:
        assert client.get(page).status_code == (200 if reads else 404), page
    assert client.get("/reciclaje/pesar/").status_code == (200 if weighs else 403 if reads else 404)
    for page in (
        "/reciclaje/ventas/nueva/",
        "/reciclaje/pacas/nueva/",
        "/reciclaje/pesajes/importar/",
    ):
        assert client.get(page).status_code == (200 if manages else 403 if reads else 404), page


def test_nobody_logged_in_is_sent_to_log_in(yard: Yard) -> None:
    response = client_for(None).get("/reciclaje/pesar/")
    assert (
        response.status_code == 302
        and "/entrar/" in response["Location"]
        or "login" in response["Location"]
    )


def test_the_operator_weighs_in_from_the_phone_page(yard: Yard) -> None:
    client = client_for(yard.operator)
    response = post_form(
        client,
        "/reciclaje/pesar/",
        {
            "material": yard.cardboard.pk,
            "gross_kg": "25.5",
            "tare_kg": "0.5",
            "source": "household",
            "reference": yard.world.household.card_code,
            "date": "2026-11-20",
        },
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    weighin = WeighIn.objects.get()
    assert weighin.net_g == 25_000 and weighin.household == yard.world.household
    assert weighin.recorded_by == yard.operator


def test_a_tare_above_the_gross_is_shown_on_the_form(yard: Yard) -> None:
    client = client_for(yard.operator)
    response = post_form(
        client,
        "/reciclaje/pesar/",
        {
            "material": yard.cardboard.pk,
            "gross_kg": "5",
            "tare_kg": "6",
            "source": "named",
            "reference": "Ana",
            "date": "2026-11-20",
        },
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "above the gross" in response.content.decode()  # type: ignore[attr-defined]
    assert not WeighIn.objects.exists()


def test_an_unknown_household_card_is_named(yard: Yard) -> None:
    response = post_form(
        client_for(yard.operator),
        "/reciclaje/pesar/",
        {
            "material": yard.cardboard.pk,
            "gross_kg": "5",
            "tare_kg": "0",
            "source": "household",
            "reference": "NOPE",
            "date": "2026-11-20",
        },
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "no household with card" in response.content.decode()  # type: ignore[attr-defined]


def test_the_manager_sells_and_the_books_move(yard: Yard) -> None:
    client = client_for(yard.manager)
    for gross in ("100", "50"):
        post_form(
            client,
            "/reciclaje/pesar/",
            {
                "material": yard.cardboard.pk,
                "gross_kg": gross,
                "tare_kg": "0",
                "source": "named",
                "reference": "Ana",
                "date": "2026-11-20",
            },
        )
    response = post_form(
        client,
        "/reciclaje/ventas/nueva/",
        {
            "date": "2026-11-21",
            "material": yard.cardboard.pk,
            "weight_kg": "120",
            "price": "12.50",
            "buyer": "Recuperadora Lara",
            "reference": "F-001",
        },
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Sale.objects.get().amount_cents == 150_000
    cash = Account.objects.of(yard.world.commune).get(code="1.2.02")
    assert cash.debits_posted == 150_000
    page = client.get("/reciclaje/").content.decode()
    assert 'data-testid="stock-20-01-01">30' in page


def test_a_material_of_another_commune_is_not_found(yard: Yard) -> None:
    from comuna.recycling.models import Material
    from tests import factories

    other = factories.make_commune(name="Otra", code="otra")
    foreign = Material.objects.of(other).first()
    assert foreign is not None
    client = client_for(yard.manager)
    assert client.get(f"/reciclaje/materiales/{foreign.pk}/").status_code == 404
    assert client.get(f"/reciclaje/materiales/{yard.cardboard.pk}/").status_code == 200


def test_the_desk_lists_cost_the_same_queries_however_many_rows(yard: Yard) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from comuna.recycling import services
    from comuna.recycling.models import SourceKind

    client = client_for(yard.manager)

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    def add(count: int) -> None:
        for _n in range(count):
            services.weighin_record(
                commune=yard.world.commune,
                material=yard.cardboard,
                date=dt.date(2026, 11, 20),
                gross_g=10_000,
                tare_g=0,
                source=SourceKind.HOUSEHOLD,
                household=yard.world.household,
            )
            services.sale_record(
                commune=yard.world.commune,
                material=yard.cardboard,
                date=dt.date(2026, 11, 20),
                weight_g=1_000,
                price_cents_per_kg=100,
                buyer="X",
            )

    add(2)
    before = {path: queries(path) for path in ("/reciclaje/pesajes/", "/reciclaje/ventas/")}
    add(5)
    after = {path: queries(path) for path in ("/reciclaje/pesajes/", "/reciclaje/ventas/")}
    assert after == before
