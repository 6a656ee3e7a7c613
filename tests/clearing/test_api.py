from __future__ import annotations

import datetime as dt

import pytest

from comuna.clearing.services import clearing_run, obligation_record
from tests.api.conftest import api_client, post_json
from tests.clearing.conftest import Exchange

pytestmark = pytest.mark.django_db


def test_clear_answers_each_obligation_and_saves_nothing(exchange: Exchange) -> None:
    client = api_client(exchange.world.treasurer)
    body = {
        "obligations": [
            {"id": "1", "debtor": "A", "creditor": "B", "amount": 100},
            {"id": "2", "debtor": "B", "creditor": "C", "amount": 80},
            {"id": "3", "debtor": "C", "creditor": "A", "amount": 50},
        ]
    }
    response = post_json(client, "/api/clearing/clear", body)
    assert response.status_code == 200
    data = response.json()
    assert data["total_cleared"] == 150 and data["remaining"] == 80
    assert data["cleared"] == [
        {"id": "1", "cleared": 50},
        {"id": "2", "cleared": 50},
        {"id": "3", "cleared": 50},
    ]


@pytest.mark.parametrize(
    ("obligations", "code"),
    [
        ([{"id": "1", "debtor": "A", "creditor": "A", "amount": 5}], "obligation_self"),
        (
            [
                {"id": "1", "debtor": "A", "creditor": "B", "amount": 5},
                {"id": "1", "debtor": "B", "creditor": "A", "amount": 5},
            ],
            "obligation_duplicate",
        ),
    ],
)
def test_clear_refuses_bad_obligations(
    exchange: Exchange, obligations: list[object], code: str
) -> None:
    response = post_json(
        api_client(exchange.world.admin), "/api/clearing/clear", {"obligations": obligations}
    )
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_clear_refuses_a_negative_amount(exchange: Exchange) -> None:
    body = {"obligations": [{"id": "1", "debtor": "A", "creditor": "B", "amount": -5}]}
    assert (
        post_json(api_client(exchange.world.admin), "/api/clearing/clear", body).status_code == 400
    )


def test_obligations_in_and_runs_out_as_json_and_csv(exchange: Exchange) -> None:
    x = exchange
    client = api_client(x.world.admin)
    due = (x.today + dt.timedelta(days=10)).isoformat()
    body = {
        "debtor": f"c:{x.world.commune.pk}",
        "creditor": f"c:{x.other.pk}",
        "unit": "CESTA",
        "amount": 9_000,
        "arose_on": x.today.isoformat(),
        "due_on": due,
        "what": "semillas",
    }
    response = post_json(client, "/api/clearing/obligations", body)
    assert response.status_code == 201, response.json()
    refused = post_json(client, "/api/clearing/obligations", {**body, "debtor": f"c:{x.other.pk}"})
    assert refused.status_code == 400
    obligation_record(
        debtor=x.b,
        creditor=x.a,
        amount=4_000,
        unit=x.unit,
        arose_on=x.today,
        due_on=x.today,
        what="maíz",
        by=None,
    )
    run = clearing_run(unit=x.unit, day=x.today, by=x.federation)
    listed = client.get("/api/clearing/obligations?open_only=true").json()
    assert [o["open"] for o in listed] == [5_000]
    detail = client.get(f"/api/clearing/runs/{run.pk}").json()
    assert detail["total_cleared"] == 8_000
    assert sorted(line["cleared"] for line in detail["lines"]) == [4_000, 4_000]
    csv_text = client.get(f"/api/clearing/runs/{run.pk}/result.csv").content.decode()
    assert csv_text.splitlines()[0] == "id,cleared"
    assert api_client(x.world.resident).get(f"/api/clearing/runs/{run.pk}").status_code == 404
