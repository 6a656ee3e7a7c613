"""The recycling yard in a real browser, in Spanish on a phone (390×844): the scale operator
weighs a household's cardboard in, the manager sells it, the treasurer sees the books move."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.ledger.models import Account
from comuna.recycling.models import Sale, WeighIn
from comuna.users.models import Role
from tests import factories
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_weigh_in_on_the_phone_and_a_sale_move_the_books(
    page: Any, live_server: Any, world: World
) -> None:
    factories.make_user("pesador", Role.ENTERPRISE_WORKER, commune=world.commune)
    factories.make_user("gerente", Role.ENTERPRISE_MANAGER, commune=world.commune)
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, live_server, "pesador")
    page.goto(f"{live_server.url}/reciclaje/pesar/")
    assert page.locator("h1").inner_text() == "Pesar"
    assert_accessible(page)
    page.select_option("#id_material", label="Papel y cartón (20 01 01)")
    page.fill("#id_gross_kg", "5")
    page.fill("#id_tare_kg", "6")
    page.fill("#id_reference", "Ana Díaz")
    page.click("button[name=save]")
    page.locator("[data-testid=error-summary]").wait_for()
    assert "La tara (6 kg) es mayor que el peso bruto (5 kg)" in page.content()
    assert not WeighIn.objects.exists()
    page.fill("#id_gross_kg", "30.5")
    page.fill("#id_tare_kg", "0")
    page.select_option("#id_source", "household")
    page.fill("#id_reference", world.household.card_code)
    page.click("button[name=save]")
    page.locator("[data-testid=weighed-today]").wait_for()
    assert "Pesado: 30,5 kg de Papel y cartón." in page.content()
    assert_accessible(page)
    weighin = WeighIn.objects.get()
    assert weighin.net_g == 30_500 and weighin.household == world.household

    page.context.clear_cookies()
    log_in(page, live_server, "gerente")
    page.goto(f"{live_server.url}/reciclaje/ventas/nueva/")
    page.select_option("#id_material", label="Papel y cartón (20 01 01)")
    page.fill("#id_weight_kg", "31")
    page.fill("#id_price", "12.50")
    page.fill("#id_buyer", "Recuperadora Lara")
    page.click("button[name=save]")
    page.locator("[data-testid=error-summary]").wait_for()
    assert "no puede vender 31 kg" in page.content()
    page.fill("#id_weight_kg", "20")
    page.click("button[name=save]")
    page.locator("[data-testid=sales]").wait_for()
    assert "Recuperadora Lara" in page.inner_text("[data-testid=sales]")
    assert_accessible(page)
    assert Sale.objects.get().amount_cents == 25_000
    page.goto(f"{live_server.url}/reciclaje/")
    assert page.inner_text("[data-testid=stock-20-01-01]") == "10,5"
    assert page.locator("[data-testid^=chart-]").count() == 1
    assert_accessible(page)
    material = weighin.material.pk
    for path in (
        "pesajes/",
        "materiales/",
        f"materiales/{material}/",
        f"materiales/{material}/precio/",
        "pacas/nueva/",
        "pesajes/importar/",
    ):
        page.goto(f"{live_server.url}/reciclaje/{path}")
        assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, live_server, "tesorera")
    page.goto(f"{live_server.url}/cuentas/libro/cuenta/1.2.02/")
    assert "Venta de Papel y cartón (20 01 01) a Recuperadora Lara" in page.content()
    assert "250,00" in page.content()
    cash = Account.objects.of(world.commune).get(code="1.2.02")
    assert cash.debits_posted == 25_000
