"""The demo's health work: clinic days, a stock that never fell below zero, two keys on every
issue and count, exactly one discrepancy waiting for the comptroller."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import F
from django.utils import timezone

from comuna.health import selectors
from comuna.health.models import Appointment, ClinicDay, Discrepancy, Dispensation, StockCount
from tests.pages import client_of

pytestmark = pytest.mark.django_db


def test_the_demo_clinic_keeps_its_stock_under_two_keys(demo_module: Any) -> None:
    commune = demo_module.commune
    assert ClinicDay.objects.of(commune).count() >= 20
    assert Appointment.objects.of(commune).count() >= 100
    issues = Dispensation.objects.of(commune)
    assert issues.filter(confirmed_at__isnull=False).count() >= 50
    assert {i.issuer.username for i in issues.select_related("issuer")} == {
        "enfermera",
        "promotora",
    }
    assert not issues.filter(witness=F("issuer")).exists()
    assert issues.filter(confirmed_at__isnull=True).count() == 1
    assert StockCount.objects.of(commune).count() >= 20
    assert Discrepancy.objects.of(commune).filter(closed_at__isnull=True).count() == 1
    assert all(b.stock >= 0 for b in selectors.batches_with_stock(commune))  # type: ignore[attr-defined]
    expired, expiring = selectors.expiry_alerts(commune, today=timezone.localdate())
    assert expired and expiring


def test_the_comptroller_finds_the_discrepancy_and_the_witness_finds_the_issue(
    demo_module: Any,
) -> None:
    comptroller = client_of(demo_module, "contralor")
    assert "badge warn" in comptroller.get("/salud/discrepancias/").content.decode()
    promoter = client_of(demo_module, "promotora")
    page = promoter.get("/salud/pendientes/").content.decode()
    assert 'action="/salud/entregas/' in page
