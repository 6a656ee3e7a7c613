"""Two communes, one report each: a commune's report is its own, and nobody of one commune
writes or corrects another's."""

from __future__ import annotations

from decimal import Decimal

import pytest

from comuna.gatherings import access, services
from comuna.gatherings.models import Action, Participation
from tests.conftest import client_for, post_form
from tests.gatherings.conftest import Federation

pytestmark = pytest.mark.django_db


def _state_action(f: Federation) -> Action:
    """Called by the state: both communes are called."""
    return services.action_call(
        kind="work_day",
        title="Jornada de siembra",
        description="",
        starts_on=f.today,
        ends_on=f.today,
        unit=f.state,
        by=None,
    )


def test_each_commune_reports_its_own_and_sees_only_its_own(federation: Federation) -> None:
    f = federation
    action = _state_action(f)
    post_form(
        client_for(f.world.admin),
        f"/encuentros/acciones/{action.pk}/participacion/",
        {"people": "10", "hours": "20"},
    )
    post_form(
        client_for(f.other_admin),
        f"/encuentros/acciones/{action.pk}/participacion/",
        {"people": "33", "hours": "66"},
    )
    a = Participation.objects.of(f.world.commune).get()
    b = Participation.objects.of(f.other).get()
    assert (a.people, b.people) == (10, 33)
    assert access.participation_of(f.world.actor(f.world.admin), action) == a


def test_a_report_goes_to_the_reporters_commune_whatever_is_posted(
    federation: Federation,
) -> None:
    f = federation
    action = _state_action(f)
    services.participation_report(
        commune=f.other, action=action, people=33, hours=Decimal(66), by=None
    )
    post_form(
        client_for(f.world.admin),
        f"/encuentros/acciones/{action.pk}/participacion/",
        {"people": "1", "hours": "1", "commune": f.other.pk},
    )
    assert Participation.objects.of(f.other).get().people == 33
    assert Participation.objects.of(f.world.commune).get().people == 1


def test_a_commune_of_another_city_cannot_report_the_citys_action(
    federation: Federation,
) -> None:
    f = federation
    action = services.action_call(
        kind="work_day",
        title="Solo del sur",
        description="",
        starts_on=f.today,
        ends_on=f.today,
        unit=f.city,
        by=None,
    )
    response = post_form(
        client_for(f.other_admin),
        f"/encuentros/acciones/{action.pk}/participacion/",
        {"people": "5", "hours": "5"},
    )
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert not Participation.objects.all_communes().exists()
