"""The two keys of the medicine stock, the counts and their discrepancies, the help cases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from comuna.core.refusals import Refusal
from comuna.health import selectors, services
from comuna.health.models import Discrepancy, Dispensation, HelpCase
from comuna.ledger import chart
from comuna.ledger.models import Entry
from comuna.ledger.services import transfer_post
from tests.health.conftest import Clinic

pytestmark = pytest.mark.django_db


def _issue(clinic: Clinic, quantity: int = 10) -> Dispensation:
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


def test_an_issue_moves_the_stock_only_when_a_witness_confirms_it(clinic: Clinic) -> None:
    issue = _issue(clinic)
    assert selectors.batch_stock(clinic.batch) == 100
    services.dispensation_confirm(dispensation=issue, by=clinic.promoter)
    assert selectors.batch_stock(clinic.batch) == 90
    issue.refresh_from_db()
    assert issue.witness == clinic.promoter and issue.is_confirmed


def test_the_issuer_cannot_be_their_own_witness(clinic: Clinic) -> None:
    issue = _issue(clinic)
    with pytest.raises(Refusal) as refused:
        services.dispensation_confirm(dispensation=issue, by=clinic.nurse)
    assert refused.value.code == "witness_is_issuer"
    assert selectors.batch_stock(clinic.batch) == 100


def test_the_database_refuses_a_witness_who_is_the_issuer(clinic: Clinic) -> None:
    issue = _issue(clinic)
    with pytest.raises(IntegrityError), transaction.atomic():
        Dispensation.objects.filter(pk=issue.pk).update(witness=clinic.nurse)


def test_an_issue_is_confirmed_once(clinic: Clinic) -> None:
    issue = _issue(clinic)
    services.dispensation_confirm(dispensation=issue, by=clinic.promoter)
    with pytest.raises(Refusal) as refused:
        services.dispensation_confirm(dispensation=issue, by=clinic.promoter)
    assert refused.value.code == "already_confirmed"
    assert selectors.batch_stock(clinic.batch) == 90


def test_it_refuses_more_than_the_batch_holds(clinic: Clinic) -> None:
    with pytest.raises(Refusal) as refused:
        _issue(clinic, quantity=101)
    assert refused.value.code == "beyond_stock"
    assert not Dispensation.objects.exists()


def test_a_confirmation_beyond_what_is_left_is_refused(clinic: Clinic) -> None:
    first, second = _issue(clinic, 60), _issue(clinic, 60)
    services.dispensation_confirm(dispensation=first, by=clinic.promoter)
    with pytest.raises(Refusal):
        services.dispensation_confirm(dispensation=second, by=clinic.promoter)
    assert selectors.batch_stock(clinic.batch) == 40


def test_it_refuses_an_expired_batch(clinic: Clinic) -> None:
    today = timezone.localdate()
    old = services.batch_receive(
        commune=clinic.world.commune,
        item=clinic.amoxicillin,
        lot="VIEJO",
        expiry=today - dt.timedelta(days=1),
        received=10,
        received_on=today - dt.timedelta(days=400),
        supplier="Donación",
    )
    with pytest.raises(Refusal) as refused:
        services.dispensation_record(
            commune=clinic.world.commune,
            batch=old,
            person=clinic.world.head,
            quantity=1,
            prescription="R-2",
            prescriber="Dr. Pérez",
            date=today,
            by=clinic.nurse,
        )
    assert refused.value.code == "expired"
    expired, expiring = selectors.expiry_alerts(clinic.world.commune, today=today)
    assert expired == [old] and expiring == []


def test_a_count_with_a_difference_opens_a_discrepancy_and_sets_the_stock(
    clinic: Clinic,
) -> None:
    services.dispensation_confirm(dispensation=_issue(clinic), by=clinic.promoter)
    count = services.count_record(
        commune=clinic.world.commune,
        batch=clinic.batch,
        counted=85,
        date=timezone.localdate(),
        by=clinic.promoter,
    )
    assert selectors.batch_stock(clinic.batch) == 90
    with pytest.raises(Refusal):
        services.count_confirm(count=count, by=clinic.promoter)
    services.count_confirm(count=count, by=clinic.nurse)
    assert selectors.batch_stock(clinic.batch) == 85
    discrepancy = Discrepancy.objects.get()
    assert discrepancy.count.difference == 5
    kinds = [m.kind for m in selectors.batch_movements(clinic.batch)]
    assert kinds == ["received", "issued", "counted"]
    services.discrepancy_close(
        discrepancy=discrepancy, finding="Cinco cápsulas vencidas", by=clinic.world.comptroller
    )
    discrepancy.refresh_from_db()
    assert discrepancy.closed_at is not None


def test_a_count_that_matches_opens_nothing(clinic: Clinic) -> None:
    count = services.count_record(
        commune=clinic.world.commune,
        batch=clinic.batch,
        counted=100,
        date=timezone.localdate(),
        by=clinic.nurse,
    )
    services.count_confirm(count=count, by=clinic.promoter)
    assert not Discrepancy.objects.exists()


def test_a_help_case_is_paid_from_the_emergency_fund_once(clinic: Clinic) -> None:
    world = clinic.world
    case = services.helpcase_open(
        commune=world.commune,
        household=world.household,
        person=world.head,
        needed="Gasas, guantes y antibióticos para una operación",
        amount_cents=15_000,
        opened_on=timezone.localdate(),
    )
    transfer_post(
        commune=world.commune,
        debit=chart.EMERGENCY_FUND,
        credit=chart.INCOME_DONATIONS,
        amount=100_000,
        unit="VES",
        date=timezone.localdate(),
        description="Donación",
        author="tesorera",
    )
    before = Entry.objects.count()
    services.helpcase_pay(case=case, date=timezone.localdate(), by=world.admin)
    case.refresh_from_db()
    assert case.entry is not None and Entry.objects.count() == before + 1
    with pytest.raises(Refusal):
        services.helpcase_pay(case=case, date=timezone.localdate(), by=world.admin)
    assert HelpCase.objects.get().entry_id == case.entry_id
