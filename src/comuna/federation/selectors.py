"""Reads of the federation that other apps rely on."""

from __future__ import annotations

from comuna.core.models import Commune
from comuna.federation.models import CommuneKey


def commune_public_key(commune: Commune) -> bytes | None:
    """The commune's registered public key (32 bytes), or None while it is not registered."""
    key = CommuneKey.objects.filter(commune=commune).values_list("public_key", flat=True).first()
    return bytes(key) if key is not None else None
