"""One database plays both machines, in turn: the commune's records are made and its bundles
built as on its laptop; then ``server_fresh`` takes the commune's rows away (as a server that
never held them) and the bundles are applied to it. So every test runs on SQLite and on
PostgreSQL, in process."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import World


@dataclass
class Laptop:
    world: World
    home: Path

    @property
    def commune(self) -> Any:
        return self.world.commune


@pytest.fixture
def laptop(world: World, settings: Any, tmp_path: Path) -> Laptop:
    from comuna.engines.sync import key_public
    from comuna.federation.models import CommuneKey
    from comuna.sync.keys import commune_private_key

    settings.COMUNA_HOME = tmp_path
    CommuneKey.objects.create(
        commune=world.commune, public_key=key_public(commune_private_key(world.commune))
    )
    return Laptop(world=world, home=tmp_path)


def post(commune: Any, amount: int, description: str = "Aporte") -> Any:
    from comuna.ledger.services.posting import transfer_post

    return transfer_post(
        commune=commune,
        debit="1.1.01",
        credit="4.1.01",
        amount=amount,
        unit="VES",
        date=dt.date(2026, 1, 5),
        description=description,
        author="admin",
    )


def server_fresh(commune: Any) -> None:
    """Take every row of the commune away, as on a server that never received them."""
    from comuna.sync import rows
    from comuna.sync.capture import quiet

    with quiet():
        for spec in reversed(rows.communal_specs()):
            keys = [
                str(k)
                for k in spec.model._base_manager.filter(commune=commune).values_list(
                    "uuid", flat=True
                )
            ]
            rows.rows_delete(spec, commune, keys)
        rows.entry_model()._base_manager.filter(commune=commune)._raw_delete("default")
        from comuna.ledger.models import LedgerHead

        LedgerHead.objects.filter(commune=commune).delete()
