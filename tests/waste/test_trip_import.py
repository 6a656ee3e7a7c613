"""Trip logs from a spreadsheet: every bad row named, all of the file or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from comuna.ledger import chart
from comuna.ledger.models import Account
from comuna.waste.models import TripLog, TripSource
from tests.conftest import World, client_for
from tests.waste.factories_trips import Plan, diesel_stock_put, plan_make

HEADER = "fecha,placa,km,litros,punto,kg"
URL = "/recoleccion/viajes/importar/"


@pytest.fixture
def plan(world: World) -> Plan:
    cache.clear()
    made = plan_make(world.council, day=dt.date(2026, 3, 2))
    diesel_stock_put(world.commune, 100, dt.date(2026, 3, 1))
    return made


def _upload(client: Client, *lines: str) -> str:
    client.get(URL)
    content = "\n".join([HEADER, *lines]).encode()
    response = client.post(
        URL,
        {
            "file": SimpleUploadedFile("viajes.csv", content, content_type="text/csv"),
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return str(response["Location"])


GOOD = (
    '2026-03-02,A0B0C0,"31,4","22,5",P001,350',
    "2026-03-02,A0B0C0,,,P002,410",
    "02/03/2026,A1B1C1,28.0,19.5,P004,500",
)


def test_a_good_file_is_previewed_then_logged_and_posted_once(world: World, plan: Plan) -> None:
    client = client_for(world.admin)
    location = _upload(client, *GOOD)
    preview = client.get(location).content.decode()
    assert 'data-testid="import-rows">2<' in preview
    assert not TripLog.objects.exists()
    response = client.post(
        location, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}, follow=True
    )
    assert "Logged 2 routes with 3 points served" in response.content.decode()
    logs = {log.route.vehicle.plate: log for log in TripLog.objects.all()}
    assert (logs["A0B0C0"].metres, logs["A0B0C0"].litres_ml) == (31_400, 22_500)
    assert logs["A1B1C1"].source == TripSource.IMPORT
    stock = Account.objects.of(world.commune).get(code=chart.STOCK_DIESEL)
    assert stock.debits_posted - stock.credits_posted == 100_000 - 42_000


def test_a_bad_file_names_every_bad_row_and_logs_nothing(world: World, plan: Plan) -> None:
    client = client_for(world.admin)
    location = _upload(
        client,
        "2026-03-02,A0B0C0,31,22,P001,350",
        "2026-03-02,A0B0C0,,,P004,10",  # P004 is on the other truck's route
        "2026-03-05,A0B0C0,1,1,P001,1",  # no plan that day
        "2026-03-02,A1B1C1,1,-3,P004,1",  # negative litres
        "ayer,A1B1C1,1,1,P005,1",
        "2026-03-02,A1B1C1,1,-3,,7",  # kg with no point
    )
    page = client.get(location).content.decode()
    table = page.split('data-testid="import-errors"')[1].split("</table>")[0]
    for row in ("3", "4", "5", "6", "7"):
        assert f'<td class="num">{row}</td>' in table
    assert '<td class="num">2</td>' not in table
    assert "P004 is not on the route" in table and "No plan of 2026-03-05" in table
    assert "The kg have no point" in table
    assert not TripLog.objects.exists()


def test_more_diesel_than_the_stock_holds_refuses_the_whole_file(world: World, plan: Plan) -> None:
    client = client_for(world.admin)
    location = _upload(client, "2026-03-02,A0B0C0,31,60,P001,1", "2026-03-02,A1B1C1,31,60,P004,1")
    page = client.get(location).content.decode()
    assert "below zero" in page
    assert not TripLog.objects.exists()


def test_only_the_manager_imports(world: World, plan: Plan) -> None:
    assert client_for(world.treasurer).get(URL).status_code == 403
    assert client_for(world.resident).get(URL).status_code == 403
