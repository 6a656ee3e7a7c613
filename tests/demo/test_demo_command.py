"""``comuna demo --no-serve`` in a process of its own, on a fresh data folder."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from comuna.core import network
from tests.processes import COMUNA, comuna_env, demo_home_built, demo_home_copy, migrated_home


def _demo(home: Path, *options: str) -> str:
    done = subprocess.run(
        [*COMUNA, "demo", "--no-serve", *options],
        env=comuna_env(home),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _figures(output: str) -> dict[str, int]:
    return {
        label: int(number.replace(",", ""))
        for number, label in re.findall(r"^\s+([\d,]+)  (\w[\w ]*)$", output, re.MULTILINE)
    }


@pytest.mark.embedded
def test_it_builds_the_demo_prints_the_logins_and_builds_it_only_once(tmp_path: Path) -> None:
    # The session's build (other tests use the folder it leaves), then a copy built again.
    _home, first = demo_home_built()
    assert "The demo commune is built." in first
    assert "Comuna Socialista Sembradores del Turbio (Iribarren, Lara)" in first
    figures = _figures(first)
    assert figures["communal councils"] == 24
    assert 3_000 <= figures["households"] <= 10_000
    assert 17_000 <= figures["people"] <= 24_000
    assert figures["organs"] > 24 and figures["seats"] >= 28
    for username, role in (
        ("admin", "Administrator"),
        ("vocera", "Council spokesperson"),
        ("tesorera", "Treasurer of the communal bank"),
        ("contralor", "Comptroller"),
        ("vecino", "Resident"),
    ):
        assert re.search(rf"^  {username} +{username}-demo +{role}", first, re.MULTILINE)
    assert "demo passwords" in first
    assert "Comuna is at http://127.0.0.1:8000" in first
    assert "Only this computer can open it" in first and "comuna demo --lan" in first
    assert "plain HTTP" not in first

    second = _demo(demo_home_copy(tmp_path / "home"), "--lan")
    assert "already there: nothing was changed" in second
    assert _figures(second) == figures
    assert "Comuna listens on every network of this computer (0.0.0.0), port 8000." in second
    assert "plain HTTP" in second and "COMUNA_HTTPS=true" in second
    for address in network.lan_ipv4_addresses():
        assert f"Phones on the wifi open http://{address}:8000" in second
    if network.lan_ipv4_addresses():
        assert "The cards of Comuna Socialista Sembradores del Turbio lead the phones to" in second


@pytest.mark.embedded
def test_it_refuses_to_build_no_commune(tmp_path: Path) -> None:
    done = subprocess.run(
        [*COMUNA, "demo", "--communes", "0", "--no-serve"],
        env={**comuna_env(migrated_home(tmp_path)), "COMUNA_LANGUAGE": "en"},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode != 0
    assert "at least one demo commune" in done.stderr
