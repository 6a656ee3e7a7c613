from __future__ import annotations

import pytest
from django.utils import translation

from comuna.census.models import Council, Person
from comuna.core.models import Commune
from comuna.demo.builder import Refusal, demo_build
from tests import factories
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_it_refuses_to_mix_the_demo_into_a_real_commune(world: World) -> None:
    with translation.override("en"), pytest.raises(Refusal, match="Comuna El Panal"):
        demo_build()
    assert Commune.objects.count() == 1
    assert Council.objects.count() == 2 and Person.objects.count() == 3


def test_it_refuses_when_a_demo_login_name_is_taken(db: None) -> None:
    factories.make_user("vocera")
    with translation.override("en"), pytest.raises(Refusal, match="login vocera"):
        demo_build()
    assert not Commune.objects.exists()


def test_it_refuses_a_real_commune_that_happens_to_be_coded_demo(db: None) -> None:
    factories.make_commune(code="demo", name="Comuna Real")
    with translation.override("en"), pytest.raises(Refusal, match="not a demo commune"):
        demo_build()
    assert not Council.objects.exists()


def test_it_refuses_to_build_no_commune_at_all(db: None) -> None:
    with translation.override("en"), pytest.raises(Refusal, match="at least one"):
        demo_build(communes=0)
