"""The demo commune's enterprises: waste collection, recycling and the cornflour plant."""

from __future__ import annotations

import datetime as dt
import random

from comuna.core.models import Commune
from comuna.enterprises.models import Enterprise


def enterprises_demo_build(
    commune: Commune, rng: random.Random, *, today: dt.date
) -> dict[str, Enterprise]:
    """The demo's enterprises by kind (``waste_collection``, ``recycling``, ``production``)."""
    return {}
