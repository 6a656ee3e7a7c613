"""The enterprises over JSON (comuna.api.enterprises): the same reach as the pages."""

from __future__ import annotations

from comuna.enterprises.services import diesel_receive
from tests.api.conftest import api_client
from tests.enterprises.conftest import DAY, Works


def test_the_treasurer_reads_the_list_the_detail_and_the_month(works: Works) -> None:
    diesel_receive(enterprise=works.waste, millilitres=600_000, cents=100, date=DAY, by="admin")
    client = api_client(works.world.treasurer)
    listed = client.get("/api/enterprises/").json()
    assert [e["name"] for e in listed] == ["EPS Desechos"]
    detail = client.get(f"/api/enterprises/{works.waste.pk}").json()
    assert detail["accounts"] == {"cash": "1.2.01", "diesel": "1.4.03"}
    assert detail["diesel_left_ml"] == 600_000
    month = client.get(f"/api/enterprises/{works.waste.pk}/months/2025-03").json()
    assert (month["income"], month["costs"], month["surplus"]) == (
        100_000_00,
        100,
        100_000_00 - 100,
    )
    assert month["stocks"][0]["received"] == 600_000


def test_a_resident_sees_no_enterprise(works: Works) -> None:
    client = api_client(works.world.resident)
    assert client.get("/api/enterprises/").json() == []
    assert client.get(f"/api/enterprises/{works.waste.pk}").status_code == 404


def test_a_month_that_is_not_one_is_refused(works: Works) -> None:
    client = api_client(works.world.admin)
    assert client.get(f"/api/enterprises/{works.waste.pk}/months/2025-13").status_code in (
        400,
        404,
    )
