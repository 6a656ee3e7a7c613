"""The demo's exchange, on a small world of three communes made here (not the full demo)."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from comuna.clearing.models import ExchangeAgreement, Obligation, UnitOfAccount
from comuna.clearing.services import clearing_preview, clearing_run
from comuna.demo.clearing import clearing_demo_build
from comuna.enterprises.services import enterprise_create
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_demo_leaves_obligations_with_cycles_to_clear() -> None:
    communes = [factories.make_commune(name=f"Comuna {n}") for n in "ABC"]
    for commune in communes:
        factories.make_council(commune, "CC01")
        enterprise_create(commune=commune, name=f"Empresa de {commune.name}", kind="production")
    today = timezone.localdate()
    unit = clearing_demo_build(communes, random.Random(7), today=today)
    assert ExchangeAgreement.objects.count() >= 3
    assert Obligation.objects.count() >= 12
    preview = clearing_preview(unit)
    assert preview.total_cleared > 0
    # Built again: nothing more.
    clearing_demo_build(communes, random.Random(7), today=today)
    assert UnitOfAccount.objects.count() == 1
    run = clearing_run(unit=unit, day=today, by=None)
    assert run.total_cleared == preview.total_cleared
