"""The HTTP endpoints, the commands, and the server's bundle back down to the laptop."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from comuna.census.models import Council
from comuna.core.published import _published, published_register
from comuna.core.refusals import Refusal
from comuna.engines.sync import bundle_pack, key_generate
from comuna.federation import services as federation_services
from comuna.federation.models import CommuneUnit, Unit
from comuna.sync import services, transport
from comuna.sync.models import Receipt, State
from tests.sync.conftest import Laptop


def _client_send(client: Client) -> transport.Send:
    def send(method: str, url: str, data: bytes | None) -> tuple[int, bytes]:
        path = url.split("http://server", 1)[1]
        if method == "GET":
            response = client.get(path)
        else:
            response = client.post(path, data=data, content_type="application/octet-stream")
        return response.status_code, response.content

    return send


def test_push_over_the_api_then_nothing_more_to_send(laptop: Laptop) -> None:
    # (No entry here: the test's server is the laptop's own database, which would hold the
    # entries before the bundles bring them; the ledger checks are tested in test_bundles.)
    for n in range(10):
        Council.objects.create(commune=laptop.commune, code=f"P{n:02}", name=f"Nuevo {n}")
    client = Client()
    pushed = transport.push(laptop.commune, "http://server", limit=7, send=_client_send(client))
    assert pushed.bundles >= 2
    assert Receipt.objects.filter(commune=laptop.commune).count() == pushed.bundles
    again = transport.push(laptop.commune, "http://server", limit=7, send=_client_send(client))
    assert again.bundles == 0
    answer = client.get(f"/api/sync/position/{laptop.commune.uuid}").json()
    assert answer["seq"] == pushed.seq


def test_the_api_refuses_a_bad_bundle_with_its_code(laptop: Laptop) -> None:
    response = Client().post(
        "/api/sync/bundles", data=b"COMUNA-SYNC\x01\x00", content_type="application/octet-stream"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "truncated"


def test_the_api_is_described_in_openapi(db: None) -> None:
    spec = Client().get("/api/openapi.json").json()
    assert "/api/sync/bundles" in spec["paths"]


def test_export_and_import_commands(laptop: Laptop, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("sync", "key", stdout=out)
    assert str(laptop.commune.uuid) in out.getvalue()
    Council.objects.create(commune=laptop.commune, code="CC40", name="Cuarenta")
    target = tmp_path / "paquete.sync"
    call_command("sync", "export", str(target), stdout=io.StringIO())
    call_command("sync", "import", str(target), stdout=io.StringIO())
    assert Receipt.objects.filter(commune=laptop.commune, seq=1).exists()
    with pytest.raises(CommandError) as refused:
        call_command("sync", "import", str(target), stdout=io.StringIO())
    assert refused.value.returncode == 1
    target.write_bytes(target.read_bytes()[:100])
    with pytest.raises(CommandError):
        call_command("sync", "import", str(target), stdout=io.StringIO())


@pytest.fixture
def published_units(db: None) -> Any:
    from comuna.clearing.models import UnitOfAccount
    from comuna.sync.capture import install

    before = list(_published)
    published_register(UnitOfAccount)
    install()
    yield UnitOfAccount
    _published[:] = before


def test_published_rows_come_down_idempotently(laptop: Laptop, published_units: Any) -> None:
    unit = published_units.objects.create(
        code="UCX", name="Canasta", kind="basket", basket="2 kg arroz"
    )
    data = services.published_bundle(commune=laptop.commune, since=0)
    first = services.published_apply(data=data)
    assert first["rows"] >= 1
    again = services.published_apply(data=data)
    assert again["rows"] == first["rows"]
    unit.refresh_from_db()
    assert unit.name == "Canasta"
    state = State.objects.get(commune=laptop.commune)
    assert state.pulled_upto > 0 and state.server_key
    # Another server's key, after this one was pinned: refused.
    header = {
        "version": 1,
        "kind": "down",
        "commune": str(laptop.commune.uuid),
        "ack": [0, 0],
        "published": [0, 0],
        "server_key": "",
    }
    with pytest.raises(Refusal) as refused:
        services.published_apply(data=bundle_pack(header, {"rows": {}}, key_generate()))
    assert refused.value.code == "signature"


def test_a_laptop_refuses_communal_rows_from_the_server(laptop: Laptop) -> None:
    import base64

    from comuna.engines.sync import key_public

    private = key_generate()
    header = {
        "version": 1,
        "kind": "down",
        "commune": str(laptop.commune.uuid),
        "ack": [0, 0],
        "published": [0, 1],
        "server_key": base64.b64encode(key_public(private)).decode(),
    }
    body = {"rows": {"census_council": {"columns": [], "rows": []}}, "tombstones": {}}
    with pytest.raises(Refusal) as refused:
        services.published_apply(data=bundle_pack(header, body, private))
    assert refused.value.code == "communal_from_server"


def test_a_laptop_learns_its_communal_city_from_the_server(laptop: Laptop) -> None:
    nation = federation_services.unit_create(code="venezuela", name="Venezuela", level="nation")
    state = federation_services.unit_create(code="lara", name="Lara", level="state", parent=nation)
    city = federation_services.unit_create(
        code="turbio", name="Ciudad Turbio", level="city", parent=state
    )
    federation_services.commune_place(commune=laptop.commune, unit=city)
    place = CommuneUnit.objects.get(commune=laptop.commune)
    data = services.published_bundle(commune=laptop.commune, since=0)
    # The laptop as it was before the server placed it: no levels, no city.
    CommuneUnit.objects.all().delete()
    Unit.objects.filter(level="city").delete()
    Unit.objects.filter(level="state").delete()
    Unit.objects.all().delete()
    services.published_apply(data=data)
    arrived = CommuneUnit.objects.get(commune=laptop.commune)
    assert (arrived.uuid, arrived.unit.code) == (place.uuid, "turbio")
    assert arrived.unit.parent is not None and arrived.unit.parent.code == "lara"
