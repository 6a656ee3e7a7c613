"""The demo commune's waste collection: its fleet, its points on the streets, its ration and
its plans (the demo is built once per session; this module only reads it)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from comuna.waste.models import CollectionPoint, DayPlan, Site, Vehicle
from comuna.waste.services import collection_settings_of, network_of


@pytest.mark.django_db
def test_the_demo_has_two_trucks_three_sites_and_300_points_over_24_councils(
    demo_module: Any,
) -> None:
    commune = demo_module.commune
    assert Vehicle.objects.of(commune).count() == 2
    assert Site.objects.of(commune).count() == 3
    points = CollectionPoint.objects.of(commune)
    assert points.count() == 300
    assert points.values("council").distinct().count() == 24
    enterprise = points.first().enterprise  # type: ignore[union-attr]
    assert collection_settings_of(enterprise).network_file
    assert network_of(enterprise) is not None


@pytest.mark.django_db
def test_todays_plan_runs_on_a_ration_near_60_percent_of_the_need(demo_module: Any) -> None:
    today = DayPlan.objects.of(demo_module.commune).get(current=True, date=timezone.localdate())
    assert 0 < today.litres_ml <= today.allowance_ml
    share = today.allowance_ml / today.litres_to_serve_all_ml
    assert 0.4 <= share <= 0.85, share
    assert today.routes.exists() and today.points_left > 0
