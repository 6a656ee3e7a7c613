"""The co-managed enterprises over JSON: the registry, the results and a commune's report,
with the pages' access (a served commune's token reads its own report only)."""

from __future__ import annotations

import pytest

from comuna.comanaged import services
from tests.api.conftest import api_client, token_for
from tests.comanaged.conftest import Co

pytestmark = pytest.mark.django_db


def test_the_registry_results_and_report_for_the_host(co: Co) -> None:
    services.result_apply(result=co.march, by="tesorera")
    client = api_client(co.world.treasurer)
    registry = client.get("/api/comanaged/").json()
    assert registry[0]["name"] == co.plant.name and registry[0]["hosted_here"] is True
    assert sorted(s["basis_points"] for s in registry[0]["served"]) == [1500, 3000, 5000]
    results = client.get(f"/api/comanaged/{co.plant.pk}/results").json()
    assert results[0]["surplus"] == 2_700_00 and results[0]["shared"] is True
    report = client.get(f"/api/comanaged/{co.plant.pk}/report/{co.c.pk}").json()
    assert report["total"] == 405_00 and report["periods"][0]["entry"] is not None


def test_a_served_communes_token_reads_its_report_only(co: Co) -> None:
    services.result_apply(result=co.march, by="tesorera")
    client = api_client(token=token_for(co.b_admin, co.b))
    registry = client.get("/api/comanaged/").json()
    assert registry[0]["hosted_here"] is False
    assert client.get(f"/api/comanaged/{co.plant.pk}/report/{co.b.pk}").json()["total"] == 810_00
    assert client.get(f"/api/comanaged/{co.plant.pk}/report/{co.c.pk}").status_code == 404
    resident = api_client(co.world.resident)
    assert resident.get("/api/comanaged/").json() == []
    assert resident.get(f"/api/comanaged/{co.plant.pk}/results").status_code == 404
    assert api_client().get("/api/comanaged/").status_code == 401
