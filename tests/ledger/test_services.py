from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines.ledger import Transfer
from comuna.ledger import chart
from comuna.ledger.models import Account, Entry, LedgerHead
from comuna.ledger.selectors import integrity_check, open_proposals
from comuna.ledger.services import (
    entry_reverse,
    ledger_for,
    proposal_approve,
    proposal_void,
    statement_approve,
    statement_close,
    transfer_post,
    transfer_propose,
    transfers_post_many,
)

DAY = dt.date(2025, 3, 10)


def fund(commune: Commune, amount: int = 1_000_000) -> Entry:
    return transfer_post(
        commune=commune,
        debit=chart.BANK_VES,
        credit=chart.CAPITAL_VES,
        amount=amount,
        unit="VES",
        date=DAY,
        description="Opening balance",
        author="ana",
    )


def test_chart_ensure_is_idempotent(commune: Commune) -> None:
    before = Account.objects.filter(commune=commune).count()
    chart.chart_ensure(commune)
    assert Account.objects.filter(commune=commune).count() == before == len(chart.standard_chart())


def test_it_posts_a_transfer_and_keeps_the_balances(commune: Commune) -> None:
    entry = fund(commune)
    assert entry.sequence == 1
    assert len(entry.hash) == 64
    bank = Account.objects.get(commune=commune, code=chart.BANK_VES)
    assert bank.natural == 1_000_000
    head = LedgerHead.objects.get(commune=commune)
    assert (head.count, head.head) == (1, entry.hash)


def test_an_idempotency_key_posts_once(commune: Commune) -> None:
    kwargs = dict(
        commune=commune,
        debit=chart.BANK_VES,
        credit=chart.CAPITAL_VES,
        amount=500,
        unit="VES",
        date=DAY,
        description="Aporte",
        author="ana",
        idempotency_key="form-1",
    )
    first = transfer_post(**kwargs)  # type: ignore[arg-type]
    second = transfer_post(**kwargs)  # type: ignore[arg-type]
    assert first.pk == second.pk
    assert Entry.objects.filter(commune=commune).count() == 1


@pytest.mark.parametrize(
    ("debit", "credit", "amount", "unit", "code"),
    [
        ("9.9.99", chart.CAPITAL_VES, 100, "VES", "unknown_account"),
        (chart.BANK_VES, chart.CAPITAL_VES, -5, "VES", "invalid_transfer"),
        (chart.BANK_VES, chart.CAPITAL_VES, 0, "VES", "invalid_transfer"),
        (chart.BANK_VES, chart.CAPITAL_USD, 100, "VES", "unit_mismatch"),
        (chart.BANK_VES, chart.CAPITAL_VES, 100, "XXX", "unknown_unit"),
        (chart.EXPENSE_WAGES, chart.BANK_VES, 100, "VES", "bound_exceeded"),
    ],
)
def test_it_refuses_bad_transfers_and_changes_nothing(
    commune: Commune, debit: str, credit: str, amount: int, unit: str, code: str
) -> None:
    with pytest.raises(Refusal) as refused:
        transfer_post(
            commune=commune,
            debit=debit,
            credit=credit,
            amount=amount,
            unit=unit,
            date=DAY,
            description="x",
            author="ana",
        )
    assert refused.value.code == code
    assert refused.value.message
    assert not Entry.objects.filter(commune=commune).exists()


def test_a_large_spend_needs_four_eyes(commune: Commune) -> None:
    fund(commune, 100_000_000)
    with pytest.raises(Refusal) as refused:
        transfer_post(
            commune=commune,
            debit=chart.EXPENSE_MAINTENANCE,
            credit=chart.BANK_VES,
            amount=30_000_000,
            unit="VES",
            date=DAY,
            description="New truck engine",
            author="ana",
        )
    assert refused.value.code == "approval_required"
    proposal = transfer_propose(
        commune=commune,
        debit=chart.EXPENSE_MAINTENANCE,
        credit=chart.BANK_VES,
        amount=30_000_000,
        unit="VES",
        date=DAY,
        description="New truck engine",
        author="ana",
    )
    assert list(open_proposals(commune)) == [proposal]
    with pytest.raises(Refusal) as same_person:
        proposal_approve(commune=commune, pending_id=proposal.sequence, by="ana", date=DAY)
    assert same_person.value.code == "four_eyes"
    approval = proposal_approve(commune=commune, pending_id=proposal.sequence, by="luis", date=DAY)
    assert approval.pending_id == proposal.sequence
    assert not open_proposals(commune).exists()
    bank = Account.objects.get(commune=commune, code=chart.BANK_VES)
    assert bank.natural == 70_000_000


def test_a_void_releases_the_reservation(commune: Commune) -> None:
    fund(commune, 100_000_000)
    proposal = transfer_propose(
        commune=commune,
        debit=chart.EXPENSE_MAINTENANCE,
        credit=chart.BANK_VES,
        amount=90_000_000,
        unit="VES",
        date=DAY,
        description="Too much",
        author="ana",
    )
    with pytest.raises(Refusal):
        fund_out = transfer_post(
            commune=commune,
            debit=chart.EXPENSE_WAGES,
            credit=chart.BANK_VES,
            amount=15_000_000,
            unit="VES",
            date=DAY,
            description="Wages",
            author="ana",
        )
        del fund_out
    proposal_void(
        commune=commune, pending_id=proposal.sequence, by="luis", date=DAY, reason="Too dear"
    )
    bank = Account.objects.get(commune=commune, code=chart.BANK_VES)
    assert (bank.natural, bank.credits_pending) == (100_000_000, 0)


def test_a_correction_is_a_reversal_posted_once(commune: Commune) -> None:
    wrong = fund(commune)
    reversal = entry_reverse(commune=commune, sequence=wrong.sequence, by="luis", date=DAY)
    again = entry_reverse(commune=commune, sequence=wrong.sequence, by="luis", date=DAY)
    assert reversal.pk == again.pk
    assert (reversal.debit, reversal.credit) == (wrong.credit, wrong.debit)
    assert Account.objects.get(commune=commune, code=chart.BANK_VES).natural == 0


def test_a_batch_is_all_or_nothing(commune: Commune) -> None:
    good = Transfer(chart.BANK_VES, chart.CAPITAL_VES, 100, "VES", DAY, "ok", "ana")
    bad = Transfer("0.0", chart.CAPITAL_VES, 100, "VES", DAY, "bad", "ana")
    with pytest.raises(Refusal) as refused:
        transfers_post_many(commune=commune, transfers=[good, bad, good])
    assert refused.value.code == "batch_rejected"
    assert [(i, item.code) for i, item in refused.value.items] == [(1, "unknown_account")]
    assert not Entry.objects.filter(commune=commune).exists()
    assert len(transfers_post_many(commune=commune, transfers=[good, good])) == 2


def test_closing_a_period_snapshots_head_and_count(commune: Commune) -> None:
    fund(commune)
    statement = statement_close(
        commune=commune, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31), label="March"
    )
    assert statement.entry_count == 1
    assert statement.head == Entry.objects.get(commune=commune).hash
    bank = next(a for a in statement.totals["accounts"] if a["code"] == chart.BANK_VES)
    assert bank["closing"] == 1_000_000
    with pytest.raises(Refusal) as closed:
        fund(commune)
    assert closed.value.code == "closed_period"
    with pytest.raises(Refusal):
        statement_close(commune=commune, start=dt.date(2025, 3, 15), end=dt.date(2025, 4, 15))


def test_approval_names_the_meeting(commune: Commune) -> None:
    fund(commune)
    statement = statement_close(
        commune=commune, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31)
    )
    with pytest.raises(Refusal):
        statement_approve(statement=statement, approved_on=DAY, meeting_reference=" ")
    approved = statement_approve(
        statement=statement,
        approved_on=dt.date(2025, 4, 5),
        meeting_reference="Parliament, 5 April",
        meeting_id=7,
        by="ana",
    )
    assert approved.is_approved and approved.meeting_id == 7
    with pytest.raises(Refusal):
        statement_approve(statement=statement, approved_on=DAY, meeting_reference="again")


def test_tampering_with_an_approved_entry_raises_the_alarm(commune: Commune) -> None:
    fund(commune)
    fund(commune, 5)
    statement = statement_close(
        commune=commune, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31)
    )
    statement_approve(statement=statement, approved_on=DAY, meeting_reference="Parliament")
    assert integrity_check(commune).ok
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE ledger_entry SET amount = 999 WHERE commune_id = %s AND sequence = 1",
            [commune.pk],
        )
    result = integrity_check(commune)
    assert result.alarm
    assert result.first_bad is not None and result.first_bad.sequence == 1
    assert ledger_for(commune).verify().first_bad is not None
