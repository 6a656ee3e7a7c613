from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from comuna.distribution import services
from tests.distribution.conftest import Day

pytestmark = pytest.mark.django_db


def test_rounds_json_lists_id_programme_status_stock_and_delivered(day: Day) -> None:
    services.delivery_record(round=day.round, household=day.world.household, by=day.world.admin)
    out = StringIO()
    call_command("distribution", "rounds", "--json", stdout=out)
    (row,) = json.loads(out.getvalue())
    assert row["id"] == day.round.pk and row["programme"] == "CLAP"
    assert row["status"] == "open" and row["stock"] == 10 and row["delivered"] == 1
