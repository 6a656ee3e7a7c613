"""Confirmations racing over HTTP: the batch's and the record's row locks and the database's
check let one witness through, never the issuer, never twice (on PostgreSQL, where writers
really run at once)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from comuna.health import selectors, services
from comuna.health.models import Dispensation
from comuna.users.models import User
from tests.conftest import client_for
from tests.health.conftest import Clinic

pytestmark = pytest.mark.django_db(transaction=True)


def _issue(clinic: Clinic, quantity: int) -> Dispensation:
    return services.dispensation_record(
        commune=clinic.world.commune,
        batch=clinic.batch,
        person=clinic.world.head,
        quantity=quantity,
        prescription="R-1",
        prescriber="Dra. Medina",
        date=timezone.localdate(),
        by=clinic.nurse,
    )


def _race(presses: list[tuple[User, str]]) -> None:
    """Each login presses its button at the same moment, over HTTP."""
    ready = []
    for user, url in presses:
        client: Client = client_for(user)
        client.get("/salud/pendientes/")
        ready.append((client, url, client.cookies["csrftoken"].value))
    start = threading.Barrier(len(ready))

    def press(args: tuple[Client, str, str]) -> int:
        client, url, token = args
        start.wait()
        try:
            return client.post(url, {"csrfmiddlewaretoken": token}).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(ready)) as pool:
        assert all(code == 302 for code in pool.map(press, ready))


def _needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the race needs concurrent writers (PostgreSQL)")


def test_the_issuer_racing_the_witness_to_confirm_never_confirms_their_own_issue(
    clinic: Clinic,
) -> None:
    _needs_postgresql()
    issue = _issue(clinic, 10)
    url = f"/salud/entregas/{issue.pk}/confirmar/"
    _race(
        [(clinic.nurse, url), (clinic.promoter, url), (clinic.nurse, url), (clinic.promoter, url)]
    )
    issue.refresh_from_db()
    assert issue.witness == clinic.promoter and issue.issuer == clinic.nurse
    assert selectors.batch_stock(clinic.batch) == 90


def test_two_confirmations_racing_for_the_last_units_let_one_through(clinic: Clinic) -> None:
    _needs_postgresql()
    first, second = _issue(clinic, 60), _issue(clinic, 60)
    _race(
        [
            (clinic.promoter, f"/salud/entregas/{first.pk}/confirmar/"),
            (clinic.promoter, f"/salud/entregas/{second.pk}/confirmar/"),
        ]
    )
    confirmed = Dispensation.objects.filter(confirmed_at__isnull=False).count()
    assert confirmed == 1 and selectors.batch_stock(clinic.batch) == 40
