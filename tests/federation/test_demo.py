"""The demo federation, over four small communes made here (the full demo communes are built
by ``demo_build``, which the test stands in for): the levels, each commune registered and
accepted with its key, one registration waiting, the officers; built twice, nothing more."""

from __future__ import annotations

from typing import Any

import pytest

from comuna.core.models import Commune
from comuna.demo import federation as demo
from comuna.demo.builder import demo_code
from comuna.federation.models import (
    CommuneKey,
    CommuneUnit,
    Officer,
    Registration,
    RegistrationStatus,
    Unit,
)
from tests import factories

pytestmark = pytest.mark.django_db


def _small_communes(*, communes: int, progress: Any = None) -> list[Any]:
    for number in range(1, communes + 1):
        if not Commune.objects.filter(code=demo_code(number)).exists():
            commune = factories.make_commune(
                code=demo_code(number), name=f"Comuna demo {number}", is_demo=True
            )
            household = factories.make_household(factories.make_council(commune, "CC01"))
            factories.make_person(household, national_id=f"V{number}000001", is_head=True)
    return []


def test_the_demo_federation_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "demo_build", _small_communes)
    for _time in range(2):
        demo.federation_demo_build()
        assert Unit.objects.count() == 3
        assert CommuneUnit.objects.filter(unit__code=demo.CITY[0]).count() == 4
        assert CommuneKey.objects.count() == 4
        assert Registration.objects.filter(status=RegistrationStatus.ACCEPTED).count() == 4
        assert Registration.objects.filter(status=RegistrationStatus.PENDING).count() == 1
        assert Officer.objects.count() == 3
    accepted = Registration.objects.filter(status=RegistrationStatus.ACCEPTED).first()
    assert accepted is not None and bytes(accepted.acta).startswith(b"%PDF")
    assert accepted.spokespeople.exists()
    text = demo.federation_demo_describe()
    assert "enlace" in text and "nacional-demo" in text and "/federacion/ciudad-turbio/" in text
