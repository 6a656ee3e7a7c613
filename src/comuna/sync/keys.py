"""The signing keys in the data folder: a commune's (on its laptop) and the server's.

Each is a file of ``COMUNA_HOME/sync/`` holding the 32 raw bytes of an Ed25519 private key in
base64, readable by its owner only (mode 600), made on first need.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from django.conf import settings

from comuna.core.models import Commune
from comuna.engines.sync import key_generate, key_public


def _folder() -> Path:
    folder = Path(settings.COMUNA_HOME) / "sync"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _read_or_make(path: Path) -> bytes:
    if path.exists():
        return base64.b64decode(path.read_text().strip())
    private = key_generate()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(base64.b64encode(private).decode() + "\n")
    return private


def commune_key_path(commune: Commune) -> Path:
    return _folder() / f"commune-{commune.uuid}.key"


def commune_private_key(commune: Commune) -> bytes:
    """The commune's private key on this laptop (made on first need)."""
    return _read_or_make(commune_key_path(commune))


def commune_public_key_text(commune: Commune) -> str:
    return base64.b64encode(key_public(commune_private_key(commune))).decode()


def server_private_key() -> bytes:
    """The server's key, which signs the bundles of what the federation publishes."""
    return _read_or_make(_folder() / "server.key")
