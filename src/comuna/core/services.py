"""The core's writes: creating a commune, with everything each app keeps for it."""

from __future__ import annotations

from django.db import transaction

from comuna.core import hooks
from comuna.core.models import Commune


@transaction.atomic
def commune_create(
    *, code: str, name: str, municipality: str = "", state: str = "", is_demo: bool = False
) -> Commune:
    """Create a commune and run every "commune created" hook (``comuna.core.hooks``) in the
    same transaction: the ledger opens its chart of accounts. A code already taken raises
    ``IntegrityError`` and creates nothing."""
    commune = Commune.objects.create(
        code=code, name=name, municipality=municipality, state=state, is_demo=is_demo
    )
    hooks.commune_created_run(commune)
    return commune
