"""``comuna serve``: gunicorn in a process of its own, serving pages and static files."""

from __future__ import annotations

import http.client
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from comuna.core import network
from comuna.core.server import ServeError, addresses, check_port
from tests.processes import COMUNA, comuna_env, free_port, migrated_home


def _get(port: int, path: str, language: str = "en") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept-Language": language})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _page(port: int, path: str, language: str) -> str:
    """The page at ``path``, following redirects as a browser would."""
    for _hop in range(5):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path, headers={"Accept-Language": language})
        response = connection.getresponse()
        body = response.read().decode()
        connection.close()
        if response.status not in {301, 302}:
            assert response.status == 200
            return body
        path = response.getheader("Location") or "/"
    raise AssertionError("too many redirects")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    migrated_home(tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [*COMUNA, "serve", "--port", str(port), "--workers", "2"],
        env=comuna_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"comuna serve stopped: {process.communicate()[0]}")
            try:
                _get(port, "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("comuna serve did not answer within a minute")
                time.sleep(0.2)
        yield port, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.mark.embedded
def test_it_serves_pages_and_its_own_static_files(
    server: tuple[int, subprocess.Popen[str]],
) -> None:
    port, process = server
    page = _page(port, "/", "en")
    assert '<html lang="en">' in page
    assert '<html lang="es">' in _page(port, "/", "es")
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', page)
    script = re.search(r'<script src="([^"]+htmx[^"]*)"', page)
    assert stylesheet is not None and script is not None
    assert stylesheet.group(1) == "/static/comuna/comuna.css"
    css = _get(port, stylesheet.group(1))
    assert css.status == 200 and css.getheader("Content-Type", "").startswith("text/css")
    htmx = _get(port, script.group(1))
    assert htmx.status == 200 and "javascript" in htmx.getheader("Content-Type", "")
    assert _get(port, "/static/comuna/missing.css").status == 404

    process.send_signal(signal.SIGTERM)
    output = process.communicate(timeout=30)[0]
    assert f"Comuna is at http://127.0.0.1:{port}" in output
    assert "Press Ctrl+C to stop." in output
    assert process.returncode == 0


def test_it_names_a_port_already_in_use() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with translation.override("en"), pytest.raises(ServeError, match="already in use"):
            check_port("127.0.0.1", port)


def test_it_lists_this_computer_first_when_listening_everywhere() -> None:
    assert addresses("127.0.0.1", 8000) == ["http://127.0.0.1:8000"]
    assert addresses("0.0.0.0", 8080)[0] == "http://127.0.0.1:8080"  # noqa: S104
    assert addresses("::1", 8000) == ["http://[::1]:8000"]


def _serve_until_ready(home: Path, *options: str) -> str:
    """Start ``comuna serve`` with ``options``, read what it says until it is ready, stop it."""
    process = subprocess.Popen(
        [*COMUNA, "serve", "--workers", "1", *options],
        env=comuna_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    said: list[str] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            said.append(line)
            if "Press Ctrl+C to stop." in line:
                break
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return "".join(said)


@pytest.mark.embedded
def test_listening_locally_it_says_phones_cannot_reach_it_and_how_to_open_it(
    tmp_path: Path,
) -> None:
    port = free_port()
    said = _serve_until_ready(tmp_path, "--port", str(port))
    assert f"Comuna is at http://127.0.0.1:{port}" in said
    assert "Only this computer can open it" in said and "comuna serve --lan" in said
    assert "plain HTTP" not in said


@pytest.mark.embedded
def test_lan_says_every_address_warns_of_plain_http_and_names_communes_without_an_address(
    tmp_path: Path,
) -> None:
    port = free_port()
    subprocess.run(
        [*COMUNA, "commune", "create", "el-panal", "Comuna El Panal"],
        env=comuna_env(migrated_home(tmp_path)),
        check=True,
        capture_output=True,
        timeout=120,
    )
    said = _serve_until_ready(tmp_path, "--lan", "--port", str(port))
    assert f"Comuna listens on every network of this computer (0.0.0.0), port {port}." in said
    assert f"Comuna is at http://127.0.0.1:{port}" in said
    for address in network.lan_ipv4_addresses():
        assert f"Phones on the wifi open http://{address}:{port}" in said
    assert "Warning: the connection is plain HTTP" in said and "COMUNA_HTTPS=true" in said
    assert "comuna commune set-address el-panal http://" in said


@pytest.mark.embedded
def test_host_everywhere_warns_of_plain_http_too(tmp_path: Path) -> None:
    migrated_home(tmp_path)
    said = _serve_until_ready(tmp_path, "--host", "0.0.0.0", "--port", str(free_port()))  # noqa: S104
    assert "Warning: the connection is plain HTTP" in said
