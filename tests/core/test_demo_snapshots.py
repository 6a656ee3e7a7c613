"""The demo is put in place for a test that asks for it, and taken away after it: the tests
that follow (in file order) find the database as migrations left it."""

from __future__ import annotations

import pytest

from tests.pages import Demo


def test_a_test_that_asks_for_the_demo_gets_it_committed(demo: Demo) -> None:
    from django.db import connection

    from comuna.census.models import Person

    assert not connection.in_atomic_block
    assert Person.objects.of(demo.commune).count() > 10_000


@pytest.mark.django_db
def test_the_next_test_finds_no_commune() -> None:
    from comuna.core.models import Commune
    from comuna.users.models import User

    assert not Commune.objects.exists()
    assert not User.objects.exists()


def test_the_demo_comes_back_from_its_copy(demo: Demo) -> None:
    from comuna.users.models import User

    assert User.objects.filter(username="admin").exists()
