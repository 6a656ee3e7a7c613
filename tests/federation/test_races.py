"""Two officers accept one registration at the same moment: the registration's row lock lets
one through, and one commune is made (on PostgreSQL, where writers really run at once)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.federation import services
from comuna.federation.models import CommuneKey, CommuneUnit, Registration, RegistrationStatus
from tests.federation.conftest import Fed

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_officers_accepting_at_once_make_one_commune(fed: Fed) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the race needs concurrent writers (PostgreSQL)")
    officers = [fed.city_officer, fed.state_officer, fed.nation_officer, fed.city_officer]
    start = threading.Barrier(len(officers))

    def accept(n: int) -> bool:
        start.wait()
        try:
            services.registration_accept(registration=fed.pending, by=officers[n])
            return True
        except Refusal:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(officers)) as pool:
        accepted = sum(pool.map(accept, range(len(officers))))
    assert accepted == 1
    commune = Commune.objects.get(uuid=fed.pending.commune_uuid)
    assert CommuneUnit.objects.filter(commune=commune).count() == 1
    assert CommuneKey.objects.filter(commune=commune).count() == 1
    assert Registration.objects.get(pk=fed.pending.pk).status == RegistrationStatus.ACCEPTED
