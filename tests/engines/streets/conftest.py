"""Fixtures: the tiny hand-written extract (see tiny.py) as a file and as a network."""

from __future__ import annotations

from pathlib import Path

import pytest

from comuna.engines.streets import StreetNetwork
from tests.engines.streets.tiny import TINY_OSM


@pytest.fixture
def tiny_path(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.osm"
    path.write_text(TINY_OSM, encoding="utf-8")
    return path


@pytest.fixture
def tiny(tiny_path: Path) -> StreetNetwork:
    return StreetNetwork.from_osm(tiny_path)
