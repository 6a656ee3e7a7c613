"""The demo commune's waste."""

from __future__ import annotations

import datetime as dt
import random

from comuna.core.models import Commune
from comuna.enterprises.models import Enterprise


def waste_demo_build(
    commune: Commune, rng: random.Random, *, today: dt.date, enterprises: dict[str, Enterprise]
) -> None:
    return None
