"""The address phones reach the commune at: set in the browser or on the command line, checked,
and where ``comuna serve`` and ``comuna demo`` say they listen."""

from __future__ import annotations

import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from comuna.core import network
from comuna.core.management.commands.serve import host_from_options
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.server import listening_lines
from comuna.core.services import public_url_check
from tests.conftest import World, client_for, post_form


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("http://192.168.1.10:8000", "http://192.168.1.10:8000"),
        ("  192.168.1.10:8000/ ", "http://192.168.1.10:8000"),
        ("https://Comuna.Local/", "https://comuna.local"),
        ("http://[fe80::1]:8000", "http://[fe80::1]:8000"),
        ("", ""),
    ],
)
def test_an_address_for_phones_is_stored_plain(written: str, stored: str) -> None:
    assert public_url_check(written) == stored


@pytest.mark.parametrize(
    "written",
    [
        "ftp://192.168.1.10",
        "javascript:alert(1)",
        "http://192.168.1.10:8000/censo/",
        "http://192.168.1.10:8000/?x=1",
        "http://ana:clave@192.168.1.10",
        "http://192.168.1.10:99999",
        "http://",
        "http://192.168.1.10 8000",
        "http://" + "a" * 250 + ".local",
    ],
)
def test_what_is_not_an_address_for_phones_is_refused(written: str) -> None:
    with translation.override("es"), pytest.raises(Refusal) as refused:
        public_url_check(written)
    assert refused.value.field == "public_url"
    assert "no es una dirección para teléfonos" in refused.value.message


@pytest.mark.parametrize(
    "written", ["http://127.0.0.1:8000", "localhost:8000", "http://0.0.0.0:8000", "http://[::1]"]
)
def test_this_computers_own_address_is_refused_since_a_phone_reaches_only_itself(
    written: str,
) -> None:
    with translation.override("es"), pytest.raises(Refusal) as refused:
        public_url_check(written)
    assert refused.value.code == "public_url_loopback"
    assert "comuna serve --lan" in refused.value.message


def _command(*args: str) -> str:
    out = StringIO()
    call_command("commune", *args, stdout=out)
    return out.getvalue()


def test_the_command_sets_and_clears_the_address(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")
    code = world.commune.code
    said = _command("set-address", code, "http://10.0.0.7:8000/")
    assert "The cards of Comuna El Panal will lead phones to http://10.0.0.7:8000." in said
    assert Commune.objects.get(pk=world.commune.pk).public_url == "http://10.0.0.7:8000"
    assert "http://10.0.0.7:8000" in _command("list")
    assert "no card prints" in _command("set-address", code, "")
    assert Commune.objects.get(pk=world.commune.pk).public_url == ""


def test_the_command_refuses_a_bad_address_or_an_unknown_commune(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")
    with pytest.raises(CommandError, match="is this computer itself"):
        _command("set-address", world.commune.code, "http://127.0.0.1:8000")
    with pytest.raises(CommandError, match="no commune with code nada"):
        _command("set-address", "nada", "http://10.0.0.7:8000")
    assert Commune.objects.get(pk=world.commune.pk).public_url == "http://192.168.1.10:8000"


def test_the_administrator_sets_name_and_address_on_the_settings_page(world: World) -> None:
    client = client_for(world.admin, language="es")
    page = client.get("/ajustes/").content.decode()
    assert "Dirección para teléfonos" in page and 'value="http://192.168.1.10:8000"' in page
    response = post_form(
        client, "/ajustes/", {"name": "Comuna  El Panal Nuevo", "public_url": "10.0.0.9:8000"}
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    commune = Commune.objects.get(pk=world.commune.pk)
    assert (commune.name, commune.public_url) == ("Comuna El Panal Nuevo", "http://10.0.0.9:8000")

    response = post_form(client, "/ajustes/", {"name": "X", "public_url": "http://localhost"})
    assert "es esta misma computadora" in response.content.decode()  # type: ignore[attr-defined]
    assert Commune.objects.get(pk=world.commune.pk).public_url == "http://10.0.0.9:8000"


@pytest.mark.parametrize("persona", ["spokesperson", "comptroller", "resident"])
def test_only_the_administrator_changes_the_settings(world: World, persona: str) -> None:
    client = client_for(getattr(world, persona))
    assert client.get("/ajustes/").status_code == 403
    assert "/ajustes/" not in client.get("/").content.decode()
    assert client_for(None).get("/ajustes/").status_code == 302


def test_the_settings_page_suggests_where_the_server_listens(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(world.admin, language="es")
    monkeypatch.setenv(network.SERVED_AT_VARIABLE, "127.0.0.1 8000")
    assert 'data-testid="local-only"' in client.get("/ajustes/").content.decode()
    monkeypatch.setenv(network.SERVED_AT_VARIABLE, "0.0.0.0 8123")
    page = client.get("/ajustes/").content.decode()
    for address in network.lan_ipv4_addresses():
        assert f"http://{address}:8123" in page


def test_the_lan_addresses_are_this_computers_ipv4_ones_never_its_loopback() -> None:
    found = network.lan_ipv4_addresses()
    assert all(a.count(".") == 3 and not a.startswith(("127.", "0.")) for a in found)
    assert network.phone_urls("127.0.0.1", 8000) == []
    assert network.phone_urls("10.0.0.7", 8000) == ["http://10.0.0.7:8000"]
    assert network.phone_urls("0.0.0.0", 8000) == [f"http://{a}:8000" for a in found]  # noqa: S104


def test_listening_locally_says_so_and_how_to_open_it_to_the_wifi() -> None:
    with translation.override("en"):
        lines = listening_lines("127.0.0.1", 8000, lan_hint="comuna serve --lan")
    assert lines[0] == "Comuna is at http://127.0.0.1:8000"
    assert "Only this computer can open it" in lines[1] and "comuna serve --lan" in lines[1]
    assert not any("plain HTTP" in line for line in lines)


@pytest.mark.parametrize("host", ["0.0.0.0", "10.0.0.7"])  # noqa: S104
def test_listening_beyond_this_computer_warns_of_plain_http_in_spanish(host: str) -> None:
    with translation.override("es"):
        lines = listening_lines(host, 8000, lan_hint="comuna serve --lan")
    warning = lines[-1]
    assert "HTTP" in warning and "contraseñas" in warning and "COMUNA_HTTPS=true" in warning


def test_lan_means_every_network_and_does_not_mix_with_another_host() -> None:
    assert host_from_options({"lan": True, "host": None}) == "0.0.0.0"  # noqa: S104
    assert host_from_options({"lan": False, "host": None}) == "127.0.0.1"
    assert host_from_options({"lan": False, "host": "10.0.0.7"}) == "10.0.0.7"
    with translation.override("en"), pytest.raises(CommandError, match="not both"):
        host_from_options({"lan": True, "host": "10.0.0.7"})


def test_outside_comuna_serve_nobody_knows_where_it_listens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(network.SERVED_AT_VARIABLE, raising=False)
    assert network.served_phone_urls() is None
    network.served_remember("0.0.0.0", 9000)  # noqa: S104
    try:
        assert network.served_phone_urls() == network.phone_urls("0.0.0.0", 9000)  # noqa: S104
    finally:
        os.environ.pop(network.SERVED_AT_VARIABLE, None)
