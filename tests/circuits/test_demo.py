"""The demo's circuit: a cycle of about 30 producers and 80 outlets with a shortage, its plan
approved, deliveries recorded by the ``chofer`` login on his truck's sheet."""

from __future__ import annotations

import pytest

from comuna.circuits.models import Cycle, CycleStatus, Delivery, Need, Producer
from tests.conftest import client_for
from tests.pages import Demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_approved_cycle_with_a_shortage(demo_module: Demo) -> None:
    commune = demo_module.commune
    cycle = Cycle.objects.of(commune).get()
    assert cycle.status == CycleStatus.APPROVED
    assert Producer.objects.of(commune).count() == 30
    needs = Need.objects.of(commune).filter(cycle=cycle)
    assert needs.values("outlet").distinct().count() == 80
    short = needs.exclude(reason="met")
    assert short.exists()
    # The shortage falls on the lowest priorities first.
    assert not needs.filter(priority=1, reason="supply_ran_out", served_through__gt=1).exists()
    assert Delivery.objects.of(commune).filter(recorded_by__username__startswith="chofer").exists()


def test_the_driver_reads_his_sheet_in_the_demo(demo_module: Demo) -> None:
    commune = demo_module.commune
    delivery = Delivery.objects.of(commune).select_related("line", "recorded_by").first()
    assert delivery is not None
    line = delivery.line
    page = client_for(delivery.recorded_by).get(
        f"/circuitos/ciclos/{line.cycle_id}/hojas/{line.vehicle_id}/"
    )
    assert page.status_code == 200
