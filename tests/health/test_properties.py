"""Whatever the two logins record and confirm, in any order, the stock of a batch never
falls below zero, equals what was received less what confirmed issues took and confirmed
counts found missing, and no row is confirmed by its own issuer."""

from __future__ import annotations

import pytest
from django.db.models import F
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comuna.core.refusals import Refusal
from comuna.health import selectors, services
from comuna.health.models import Dispensation, StockCount
from tests.health.conftest import Clinic

pytestmark = pytest.mark.django_db

steps = st.lists(
    st.tuples(
        st.sampled_from(["issue", "count", "confirm"]),
        st.integers(min_value=0, max_value=120),
        st.booleans(),
    ),
    max_size=15,
)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=steps)
def test_any_sequence_of_issues_counts_and_confirmations_keeps_the_stock_whole(
    clinic: Clinic, plan: list[tuple[str, int, bool]]
) -> None:
    commune, today = clinic.world.commune, timezone.localdate()
    for action, quantity, nurse_acts in plan:
        by, other = (
            (clinic.nurse, clinic.promoter) if nurse_acts else (clinic.promoter, clinic.nurse)
        )
        try:
            if action == "issue":
                services.dispensation_record(
                    commune=commune,
                    batch=clinic.batch,
                    person=clinic.world.head,
                    quantity=quantity,
                    prescription="R",
                    prescriber="Dr.",
                    date=today,
                    by=by,
                )
            elif action == "count":
                services.count_record(
                    commune=commune, batch=clinic.batch, counted=quantity, date=today, by=by
                )
            else:
                for issue in Dispensation.objects.filter(confirmed_at__isnull=True)[:1]:
                    services.dispensation_confirm(dispensation=issue, by=other)
                for count in StockCount.objects.filter(confirmed_at__isnull=True)[:1]:
                    services.count_confirm(count=count, by=other)
        except Refusal:
            pass
    stock = selectors.batch_stock(clinic.batch)
    issued = sum(
        Dispensation.objects.filter(confirmed_at__isnull=False).values_list("quantity", flat=True)
    )
    lost = sum(c.difference or 0 for c in StockCount.objects.filter(confirmed_at__isnull=False))
    assert stock >= 0 and stock == clinic.batch.received - issued - lost
    for model in (Dispensation, StockCount):
        assert not model.objects.filter(witness=F("issuer")).exists()
