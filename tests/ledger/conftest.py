from __future__ import annotations

import pytest

from comuna.core.models import Commune
from comuna.ledger.chart import chart_ensure
from tests import factories


@pytest.fixture
def commune(db: None) -> Commune:
    commune = factories.make_commune(name="Comuna El Panal")
    chart_ensure(commune)
    return commune
