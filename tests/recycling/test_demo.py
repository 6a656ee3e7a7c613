"""The demo's yard: a year of weigh-ins from households and trips, bales, sales and prices."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models.functions import TruncMonth

from comuna.enterprises.models import Enterprise, EnterpriseKind
from comuna.recycling import selectors
from comuna.recycling.models import Bale, ReferencePrice, Sale, SourceKind, WeighIn
from tests.pages import client_of

pytestmark = pytest.mark.django_db


def test_the_demo_yard_has_months_to_chart(demo_module: Any) -> None:
    commune = demo_module.commune
    assert Enterprise.objects.of(commune).filter(kind=EnterpriseKind.RECYCLING).exists()
    weighins = WeighIn.objects.of(commune)
    months = weighins.annotate(m=TruncMonth("date")).values("m").distinct().count()
    assert months >= 11
    sources = set(weighins.values_list("source", flat=True))
    assert {SourceKind.HOUSEHOLD, SourceKind.PERSON} <= sources
    assert Sale.objects.of(commune).count() >= 40
    assert Bale.objects.of(commune).exists()
    assert ReferencePrice.objects.of(commune).count() >= 12 * 5
    for row in selectors.stock_by_material(commune):
        assert row.stock_g >= 0 and row.loose_g >= 0


def test_the_manager_sees_the_charts_in_spanish(demo_module: Any) -> None:
    client = client_of(demo_module, "gerente")
    page = client.get("/reciclaje/").content.decode()
    assert "Papel y cartón: kg pesados por mes" in page
    assert 'data-testid="chart-' in page
