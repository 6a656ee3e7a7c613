"""The demo's peace: rounds of the security brigades, two mediators each with a case the other
cannot read, and the brigade member's login walking with a security brigade."""

from __future__ import annotations

import pytest

from comuna.brigades.models import BrigadeKind, BrigadeMember
from comuna.peace.models import Agreement, CaseStatus, FollowUp, MediationCase, Mediator, Round
from tests.conftest import client_for
from tests.pages import Demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_rounds_and_cases(demo_module: Demo) -> None:
    commune = demo_module.commune
    assert Round.objects.of(commune).count() > 20
    assert Round.objects.of(commune).filter(reports__isnull=False).exists()
    cases = MediationCase.objects.of(commune)
    assert 6 <= cases.count() <= 8
    assert Agreement.objects.of(commune).count() >= 2
    assert FollowUp.objects.of(commune).count() >= 1
    assert cases.filter(status=CaseStatus.OPEN).exists()
    assert (
        BrigadeMember.objects.of(commune)
        .filter(login__username="brigadista", brigade__kind=BrigadeKind.SECURITY)
        .exists()
    )


def test_each_mediator_sees_a_case_the_other_cannot(demo_module: Demo) -> None:
    commune = demo_module.commune
    her = Mediator.objects.of(commune).get(login__username="mediadora")
    him = Mediator.objects.of(commune).get(login__username="mediador")
    only_hers = MediationCase.objects.of(commune).filter(mediators=her).exclude(mediators=him)
    only_his = MediationCase.objects.of(commune).filter(mediators=him).exclude(mediators=her)
    assert only_hers.exists() and only_his.exists()
    client = client_for(him.login)
    assert client.get(f"/paz/casos/{only_hers.first().pk}/").status_code == 404  # type: ignore[union-attr]
    assert client.get(f"/paz/casos/{only_his.first().pk}/").status_code == 200  # type: ignore[union-attr]
