from __future__ import annotations

import pytest

from comuna.core.models import Commune
from tests import factories


@pytest.fixture
def commune(db: None) -> Commune:
    return factories.make_commune(name="Comuna El Panal")
