"""The demo commune's month of trips: what the crews logged against the plans."""

from __future__ import annotations

import datetime as dt
import random

from comuna.core.models import Commune
from comuna.enterprises.models import Enterprise


def waste_trips_demo_build(
    commune: Commune, rng: random.Random, *, today: dt.date, enterprises: dict[str, Enterprise]
) -> None:
    return None
