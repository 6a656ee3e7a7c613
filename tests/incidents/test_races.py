"""Reports racing for the next number: two reports at once never share one (on PostgreSQL,
where writers really run at once; SQLite takes its write lock when a transaction begins)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from comuna.incidents.models import Incident, IncidentEvent
from tests.incidents.conftest import Services

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_racing_reports_get_eight_numbers(svc: Services) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the race needs concurrent writers (PostgreSQL)")
    start = threading.Barrier(8)

    def report(n: int) -> int:
        start.wait()
        try:
            return svc.report(description=f"Report {n}").number
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = sorted(pool.map(report, range(8)))
    assert numbers == list(range(1, 9))
    assert Incident.objects.count() == 8
    assert IncidentEvent.objects.count() == 8
