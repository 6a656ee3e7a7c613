"""A stable key for a distance matrix, so the app can cache one and know when it is stale."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from comuna.engines.streets.geometry import Coordinate

KEY_VERSION = 1


def matrix_key(
    coords: Sequence[Coordinate], network_fingerprint: str | None, detour: float | None
) -> str:
    """A hex digest that changes when a place moves (by 1e-7 degrees, about a centimetre),
    when places are added, removed or reordered, when the network changes or, for a
    straight-line matrix (``network_fingerprint`` None), when the detour factor changes.

    The same inputs give the same key on every machine and every run.
    """
    payload = {
        "v": KEY_VERSION,
        "network": network_fingerprint,
        "detour": None if network_fingerprint is not None or detour is None else f"{detour:.6f}",
        "places": [[round(c.lat * 1e7), round(c.lon * 1e7)] for c in coords],
    }
    text = json.dumps(payload, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()
