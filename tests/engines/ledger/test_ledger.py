from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from comuna.engines.ledger import (
    GENESIS_HASH,
    Account,
    AccountExists,
    AccountKind,
    ApprovalPolicy,
    ApprovalRequired,
    Balance,
    BatchRejected,
    BoundExceeded,
    Checkpoint,
    EntryKind,
    FourEyesViolation,
    IdempotencyConflict,
    InvalidAccount,
    InvalidTransfer,
    Ledger,
    MemoryStorage,
    NotReversible,
    PendingAlreadyResolved,
    StorageConflict,
    Unbalanced,
    UnitMismatch,
    UnknownAccount,
    UnknownPending,
    UnknownUnit,
    replay,
    reversal_of,
)

from .helpers import (
    BANK_USD,
    CASH,
    DAY,
    DONATIONS_KG,
    FUND_USD,
    FUND_VES,
    HANDED_OUT_KG,
    LOAN,
    SALES,
    STORE_KG,
    SUPPLIES,
    SUPPLIES_USD,
    make_ledger,
    memory,
    transfer,
)


@pytest.fixture
def ledger() -> Ledger:
    ledger = make_ledger()
    ledger.post(transfer(CASH, FUND_VES, 500_000, description="Aporte inicial"))
    return ledger


# Posting


def test_it_posts_a_transfer_and_moves_both_balances(ledger: Ledger) -> None:
    entry = ledger.post(transfer(SUPPLIES, CASH, 120_050, description="Compra de bolsas"))

    assert entry.sequence == 2
    assert entry.kind is EntryKind.TRANSFER
    assert ledger.balance(CASH).natural(AccountKind.ASSET) == 500_000 - 120_050
    assert ledger.balance(SUPPLIES).natural(AccountKind.EXPENSE) == 120_050
    assert ledger.balance(FUND_VES).natural(AccountKind.FUND) == 500_000


def test_it_records_who_posted_what_and_when(ledger: Ledger) -> None:
    entry = ledger.post(
        transfer(SUPPLIES, CASH, 100, author="luis", reference="FAC-0042", date=dt.date(2024, 6, 1))
    )

    assert (entry.author, entry.reference, entry.date) == ("luis", "FAC-0042", dt.date(2024, 6, 1))
    assert entry.unit == "VES"


def test_it_refuses_a_transfer_between_different_units(ledger: Ledger) -> None:
    with pytest.raises(UnitMismatch) as caught:
        ledger.post(transfer(BANK_USD, CASH, 100))

    assert (caught.value.debit, caught.value.credit) == (BANK_USD, CASH)
    assert "same unit" in str(caught.value)


def test_it_refuses_a_transfer_whose_unit_is_not_its_accounts_unit(ledger: Ledger) -> None:
    with pytest.raises(UnitMismatch):
        ledger.post(transfer(SUPPLIES, CASH, 100, "USD"))


def test_it_refuses_an_unknown_unit(ledger: Ledger) -> None:
    with pytest.raises(UnknownUnit):
        ledger.post(transfer(SUPPLIES, CASH, 100, "EUR"))


@pytest.mark.parametrize("amount", [0, -1, 2**63])
def test_it_refuses_an_amount_that_is_not_positive_or_too_large(
    ledger: Ledger, amount: int
) -> None:
    with pytest.raises(InvalidTransfer) as caught:
        ledger.post(transfer(SUPPLIES, CASH, amount))
    assert caught.value.field == "amount"


def test_it_refuses_an_amount_that_is_not_a_whole_number_of_minor_units(ledger: Ledger) -> None:
    with pytest.raises(InvalidTransfer):
        ledger.post(replace(transfer(SUPPLIES, CASH, 1), amount=1.5))  # type: ignore[arg-type]
    with pytest.raises(InvalidTransfer):
        ledger.post(replace(transfer(SUPPLIES, CASH, 1), amount=True))


def test_it_refuses_a_transfer_from_an_account_to_itself(ledger: Ledger) -> None:
    with pytest.raises(InvalidTransfer, match="different accounts"):
        ledger.post(transfer(CASH, CASH, 100))


def test_it_refuses_an_unknown_account_and_names_it(ledger: Ledger) -> None:
    with pytest.raises(UnknownAccount) as caught:
        ledger.post(transfer("9.9.99", CASH, 100))
    assert caught.value.account == "9.9.99"


@pytest.mark.parametrize("field", ["description", "author"])
def test_it_refuses_a_transfer_without_description_or_author(ledger: Ledger, field: str) -> None:
    with pytest.raises(InvalidTransfer) as caught:
        blank: dict[str, Any] = {field: "   "}
        ledger.post(replace(transfer(SUPPLIES, CASH, 100), **blank))
    assert caught.value.field == field


def test_it_refuses_a_datetime_where_a_date_is_due(ledger: Ledger) -> None:
    moment = dt.datetime(2024, 5, 4, 10, 0, tzinfo=dt.UTC)
    with pytest.raises(InvalidTransfer, match="calendar date"):
        ledger.post(transfer(SUPPLIES, CASH, 100, date=moment))


def test_it_refuses_control_characters_and_overlong_text(ledger: Ledger) -> None:
    with pytest.raises(InvalidTransfer, match="control"):
        ledger.post(transfer(SUPPLIES, CASH, 100, description="Compra\x00"))
    with pytest.raises(InvalidTransfer, match="longer"):
        ledger.post(transfer(SUPPLIES, CASH, 100, reference="R" * 101))


def test_it_stores_text_trimmed_and_in_one_unicode_form(ledger: Ledger) -> None:
    entry = ledger.post(transfer(SUPPLIES, CASH, 100, description="  Compra de mai\u0301z "))
    assert entry.description == "Compra de ma\u00edz"


def test_a_refused_transfer_appends_nothing(ledger: Ledger) -> None:
    before = (ledger.checkpoint(), ledger.balances())
    with pytest.raises(BoundExceeded):
        ledger.post(transfer(SUPPLIES, CASH, 500_001))
    assert (ledger.checkpoint(), ledger.balances()) == before


# Bounds


def test_it_refuses_to_take_cash_below_zero_and_names_the_account(ledger: Ledger) -> None:
    ledger.post(transfer(SUPPLIES, CASH, 500_000))
    with pytest.raises(BoundExceeded) as caught:
        ledger.post(transfer(SUPPLIES, CASH, 1))
    assert caught.value.account == CASH
    assert caught.value.floor == 0
    assert caught.value.available == -1
    assert CASH in str(caught.value)


def test_it_counts_goods_in_kind_against_the_stock(ledger: Ledger) -> None:
    ledger.post(transfer(STORE_KG, DONATIONS_KG, 25_000, "KG", description="Donación de harina"))
    ledger.post(transfer(HANDED_OUT_KG, STORE_KG, 24_000, "KG"))
    with pytest.raises(BoundExceeded):
        ledger.post(transfer(HANDED_OUT_KG, STORE_KG, 1_001, "KG"))


def test_an_unbounded_account_may_go_past_zero(ledger: Ledger) -> None:
    ledger.post(transfer(LOAN, SALES, 300))
    assert ledger.balance(LOAN).natural(AccountKind.LIABILITY) == -300


def test_a_credit_normal_account_can_be_bounded_too() -> None:
    ledger = make_ledger()
    ledger.open_account(Account("2.9", "Anticipos", AccountKind.LIABILITY, "VES", floor=0))
    ledger.post(transfer(CASH, "2.9", 1_000))
    with pytest.raises(BoundExceeded) as caught:
        ledger.post(transfer("2.9", CASH, 1_001))
    assert caught.value.account == "2.9"


def test_an_account_below_its_floor_may_still_receive() -> None:
    ledger = make_ledger()
    ledger.open_account(Account("1.1.09", "Reserva", AccountKind.ASSET, "VES", floor=10_000))
    ledger.post(transfer("1.1.09", FUND_VES, 2_000))
    assert ledger.balance("1.1.09").natural(AccountKind.ASSET) == 2_000
    with pytest.raises(BoundExceeded):
        ledger.post(transfer(SUPPLIES, "1.1.09", 1))


# Idempotency


def test_posting_the_same_idempotency_key_twice_posts_once(ledger: Ledger) -> None:
    first = ledger.post(transfer(SUPPLIES, CASH, 100, key="import-row-7"))
    again = ledger.post(transfer(SUPPLIES, CASH, 100, key="import-row-7"))

    assert again == first
    assert ledger.checkpoint().count == 2
    assert ledger.balance(SUPPLIES).debits_posted == 100


def test_it_refuses_a_reused_key_for_a_different_transfer(ledger: Ledger) -> None:
    ledger.post(transfer(SUPPLIES, CASH, 100, key="k1"))
    with pytest.raises(IdempotencyConflict) as caught:
        ledger.post(transfer(SUPPLIES, CASH, 200, key="k1"))
    assert caught.value.fields == ("amount",)
    assert caught.value.sequence == 2


def test_a_key_used_by_a_proposal_returns_the_proposal_when_proposed_again(
    ledger: Ledger,
) -> None:
    first = ledger.propose(transfer(SUPPLIES, CASH, 100, key="p1"))
    assert ledger.propose(transfer(SUPPLIES, CASH, 100, key="p1")) == first
    with pytest.raises(IdempotencyConflict, match="kind"):
        ledger.post(transfer(SUPPLIES, CASH, 100, key="p1"))


# Two-phase transfers and four eyes


def test_a_spend_above_the_threshold_must_be_proposed(ledger: Ledger) -> None:
    ledger.post(transfer(CASH, FUND_VES, 2_000_000))
    big = transfer(SUPPLIES, CASH, 1_000_001)

    assert ledger.needs_approval(big)
    with pytest.raises(ApprovalRequired) as caught:
        ledger.post(big)
    assert caught.value.threshold == 1_000_000


def test_a_receipt_or_a_spend_at_the_threshold_needs_no_approval(ledger: Ledger) -> None:
    assert not ledger.needs_approval(transfer(CASH, SALES, 5_000_000))
    assert not ledger.needs_approval(transfer(SUPPLIES, CASH, 1_000_000))
    assert not ledger.needs_approval(transfer(HANDED_OUT_KG, STORE_KG, 10**9, "KG"))


def test_a_proposal_reserves_its_amount_against_the_bound(ledger: Ledger) -> None:
    proposal = ledger.propose(transfer(SUPPLIES, CASH, 400_000))

    assert proposal.kind is EntryKind.PROPOSAL
    cash = ledger.balance(CASH)
    assert cash.natural(AccountKind.ASSET) == 500_000
    assert cash.available(AccountKind.ASSET) == 100_000
    with pytest.raises(BoundExceeded):
        ledger.post(transfer(SUPPLIES, CASH, 100_001))
    with pytest.raises(BoundExceeded):
        ledger.propose(transfer(SUPPLIES, CASH, 100_001))


def test_the_proposer_cannot_approve_or_void_their_own_proposal(ledger: Ledger) -> None:
    proposal = ledger.propose(transfer(SUPPLIES, CASH, 400_000, author="ana"))

    with pytest.raises(FourEyesViolation):
        ledger.approve(proposal.sequence, author="ana", date=DAY)
    with pytest.raises(FourEyesViolation):
        ledger.void(proposal.sequence, author=" ana ", date=DAY, reason="me equivoqué")
    assert ledger.checkpoint().count == 2


def test_another_person_approves_a_proposal_and_the_amount_moves(ledger: Ledger) -> None:
    proposal = ledger.propose(transfer(SUPPLIES, CASH, 400_000, author="ana", reference="F-1"))
    approval = ledger.approve(proposal.sequence, author="luis", date=DAY)

    assert approval.kind is EntryKind.APPROVAL
    assert approval.pending_id == proposal.sequence
    assert (approval.debit, approval.credit, approval.amount) == (SUPPLIES, CASH, 400_000)
    assert approval.author == "luis"
    assert approval.reference == "F-1"
    assert ledger.balance(CASH) == Balance(debits_posted=500_000, credits_posted=400_000)
    assert ledger.open_proposals() == []


def test_a_void_releases_the_reservation_and_records_why(ledger: Ledger) -> None:
    proposal = ledger.propose(transfer(SUPPLIES, CASH, 400_000))
    void = ledger.void(proposal.sequence, author="luis", date=DAY, reason="Precio muy alto")

    assert void.kind is EntryKind.VOID
    assert void.description == "Precio muy alto"
    assert ledger.balance(CASH).available(AccountKind.ASSET) == 500_000
    ledger.post(transfer(SUPPLIES, CASH, 500_000))


def test_a_void_needs_a_reason(ledger: Ledger) -> None:
    proposal = ledger.propose(transfer(SUPPLIES, CASH, 400_000))
    with pytest.raises(InvalidTransfer, match="reason"):
        ledger.void(proposal.sequence, author="luis", date=DAY, reason="")


def test_a_proposal_is_approved_or_voided_only_once(ledger: Ledger) -> None:
    proposal = ledger.propose(transfer(SUPPLIES, CASH, 400_000))
    approval = ledger.approve(proposal.sequence, author="luis", date=DAY)

    with pytest.raises(PendingAlreadyResolved) as caught:
        ledger.approve(proposal.sequence, author="rosa", date=DAY)
    assert caught.value.resolution == approval.sequence
    with pytest.raises(PendingAlreadyResolved):
        ledger.void(proposal.sequence, author="rosa", date=DAY, reason="tarde")


def test_an_approval_retried_with_its_key_returns_the_first_approval(ledger: Ledger) -> None:
    proposal = ledger.propose(transfer(SUPPLIES, CASH, 400_000))
    first = ledger.approve(proposal.sequence, author="luis", date=DAY, idempotency_key="ap-1")
    assert ledger.approve(proposal.sequence, author="luis", date=DAY, idempotency_key="ap-1") == (
        first
    )
    with pytest.raises(IdempotencyConflict):
        ledger.approve(proposal.sequence, author="rosa", date=DAY, idempotency_key="ap-1")


def test_it_refuses_to_resolve_an_entry_that_is_not_a_proposal(ledger: Ledger) -> None:
    with pytest.raises(UnknownPending):
        ledger.approve(1, author="luis", date=DAY)
    with pytest.raises(UnknownPending):
        ledger.void(99, author="luis", date=DAY, reason="?")


def test_each_step_of_a_two_phase_transfer_is_an_entry_in_the_chain(ledger: Ledger) -> None:
    p1 = ledger.propose(transfer(SUPPLIES, CASH, 100))
    p2 = ledger.propose(transfer(SUPPLIES, CASH, 200))
    ledger.approve(p1.sequence, author="luis", date=DAY)
    ledger.void(p2.sequence, author="luis", date=DAY, reason="duplicado")

    entries = memory(ledger).entries()
    assert [e.kind for e in entries] == [
        EntryKind.TRANSFER,
        EntryKind.PROPOSAL,
        EntryKind.PROPOSAL,
        EntryKind.APPROVAL,
        EntryKind.VOID,
    ]
    assert ledger.verify().ok
    replayed = replay(entries)
    assert ledger.balances() == {code: replayed.get(code, Balance()) for code in ledger.balances()}


# Corrections


def test_a_reversal_swaps_debit_and_credit_and_cancels_the_effect(ledger: Ledger) -> None:
    wrong = ledger.post(transfer(SUPPLIES, CASH, 7_000, description="Compra"))
    reversal = ledger.post(reversal_of(wrong, author="luis", date=DAY))

    assert (reversal.debit, reversal.credit, reversal.amount) == (CASH, SUPPLIES, 7_000)
    assert reversal.description == f"Reversal of entry {wrong.sequence}: Compra"
    assert ledger.balance(SUPPLIES).natural(AccountKind.EXPENSE) == 0
    assert ledger.balance(CASH).natural(AccountKind.ASSET) == 500_000
    assert memory(ledger).get_entry(wrong.sequence) == wrong


def test_reversing_the_same_entry_twice_posts_once(ledger: Ledger) -> None:
    wrong = ledger.post(transfer(SUPPLIES, CASH, 7_000))
    first = ledger.post(reversal_of(wrong, author="luis", date=DAY))
    again = ledger.post(reversal_of(wrong, author="luis", date=DAY))
    assert first == again


def test_a_proposal_is_voided_not_reversed(ledger: Ledger) -> None:
    proposal = ledger.propose(transfer(SUPPLIES, CASH, 7_000))
    with pytest.raises(NotReversible):
        reversal_of(proposal, author="luis", date=DAY)


def test_an_approved_spend_can_be_reversed(ledger: Ledger) -> None:
    proposal = ledger.propose(transfer(SUPPLIES, CASH, 7_000))
    approval = ledger.approve(proposal.sequence, author="luis", date=DAY)
    ledger.post(reversal_of(approval, author="rosa", date=DAY))
    assert ledger.balance(SUPPLIES).natural(AccountKind.EXPENSE) == 0


# Batches


def test_post_many_appends_every_item_in_order(ledger: Ledger) -> None:
    entries = ledger.post_many(
        [
            transfer(SUPPLIES, CASH, 100, key="r1"),
            transfer(STORE_KG, DONATIONS_KG, 5_000, "KG", key="r2"),
            transfer(BANK_USD, FUND_USD, 300, "USD", key="r3"),
        ]
    )
    assert [e.sequence for e in entries] == [2, 3, 4]
    assert ledger.verify().ok


def test_post_many_appends_nothing_and_lists_every_bad_item(ledger: Ledger) -> None:
    before = (ledger.checkpoint(), ledger.balances())
    with pytest.raises(BatchRejected) as caught:
        ledger.post_many(
            [
                transfer(SUPPLIES, CASH, 100),
                transfer(BANK_USD, CASH, 100),
                transfer(SUPPLIES, CASH, 100),
                transfer("9.9", CASH, 100),
                transfer(SUPPLIES, CASH, 0),
            ]
        )
    errors = caught.value.errors
    assert [e.index for e in errors] == [1, 3, 4]
    assert [type(e.error) for e in errors] == [UnitMismatch, UnknownAccount, InvalidTransfer]
    assert (ledger.checkpoint(), ledger.balances()) == before


def test_post_many_checks_bounds_as_if_earlier_items_were_posted(ledger: Ledger) -> None:
    with pytest.raises(BatchRejected) as caught:
        ledger.post_many([transfer(SUPPLIES, CASH, 300_000), transfer(SUPPLIES, CASH, 300_000)])
    assert [e.index for e in caught.value.errors] == [1]
    assert isinstance(caught.value.errors[0].error, BoundExceeded)


def test_post_many_posts_a_repeated_key_once(ledger: Ledger) -> None:
    ledger.post(transfer(SUPPLIES, CASH, 100, key="r1"))
    entries = ledger.post_many(
        [
            transfer(SUPPLIES, CASH, 100, key="r1"),
            transfer(SUPPLIES, CASH, 50, key="r2"),
            transfer(SUPPLIES, CASH, 50, key="r2"),
        ]
    )
    assert [e.sequence for e in entries] == [2, 3, 3]
    assert ledger.checkpoint().count == 3


def test_post_many_of_nothing_posts_nothing(ledger: Ledger) -> None:
    assert ledger.post_many([]) == []
    assert ledger.checkpoint().count == 1


def test_post_many_refuses_spends_that_need_approval(ledger: Ledger) -> None:
    ledger.post(transfer(CASH, FUND_VES, 2_000_000))
    with pytest.raises(BatchRejected) as caught:
        ledger.post_many([transfer(SUPPLIES, CASH, 1_000_001)])
    assert isinstance(caught.value.errors[0].error, ApprovalRequired)


# Balances and double entry


def test_the_balances_of_every_unit_sum_to_zero(ledger: Ledger) -> None:
    ledger.post(transfer(SUPPLIES, CASH, 100))
    ledger.post(transfer(STORE_KG, DONATIONS_KG, 5_000, "KG"))
    ledger.post(transfer(BANK_USD, FUND_USD, 3_000, "USD"))
    ledger.propose(transfer(SUPPLIES_USD, BANK_USD, 2_000, "USD"))

    totals = ledger.totals_by_unit()
    assert totals["VES"] == (0, 0)
    assert totals["KG"] == (0, 0)
    assert totals["USD"] == (0, 0)
    ledger.check_double_entry()


def test_check_double_entry_names_the_unit_of_a_corrupt_balance(ledger: Ledger) -> None:
    storage = memory(ledger)
    storage.append([], {CASH: Balance(debits_posted=1)})

    with pytest.raises(Unbalanced) as caught:
        ledger.check_double_entry()
    assert set(caught.value.totals) == {"VES"}


# Accounts and storage


def test_it_refuses_an_account_code_twice() -> None:
    ledger = make_ledger()
    with pytest.raises(AccountExists):
        ledger.open_account(Account(CASH, "Otra caja", AccountKind.ASSET, "VES"))


@pytest.mark.parametrize(
    "account",
    [
        Account("1..1", "Caja", AccountKind.ASSET, "VES"),
        Account("", "Caja", AccountKind.ASSET, "VES"),
        Account("1.1 01", "Caja", AccountKind.ASSET, "VES"),
        Account("1.1.99", " ", AccountKind.ASSET, "VES"),
        Account("1.1.99", "Caja", "cash", "VES"),  # type: ignore[arg-type]
        Account("1.1.99", "Caja", AccountKind.ASSET, "VES", floor=0.5),  # type: ignore[arg-type]
    ],
)
def test_it_refuses_a_malformed_account(account: Account) -> None:
    with pytest.raises(InvalidAccount):
        make_ledger().open_account(account)


def test_it_accepts_an_account_kind_given_as_its_value() -> None:
    account = make_ledger().open_account(Account("9.1", "Fondo", "fund", "USD"))  # type: ignore[arg-type]
    assert account.kind is AccountKind.FUND


def test_the_storage_refuses_an_append_that_does_not_follow_its_last_entry(ledger: Ledger) -> None:
    storage = memory(ledger)
    stale = storage.entries()[0]
    with pytest.raises(StorageConflict):
        storage.append([stale], {})
    assert len(storage.entries()) == 1


def test_an_empty_ledger_commits_to_the_genesis_hash() -> None:
    ledger = Ledger(MemoryStorage(), policy=ApprovalPolicy())
    assert ledger.checkpoint() == Checkpoint(0, GENESIS_HASH)
    assert ledger.verify().ok
