from __future__ import annotations

from comuna.core.models import Commune


def commune_current() -> Commune | None:
    """The installation's commune (the first one; a federation server will choose by host)."""
    return Commune.objects.order_by("id").first()
