from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace

import pytest

from comuna.engines.ledger import (
    GENESIS_HASH,
    Checkpoint,
    EntryKind,
    InvalidHead,
    Problem,
    chain_head,
    compute_hash,
    entry_from_dict,
    entry_to_dict,
    find_head,
    head_is_in_chain,
    payload,
    verify,
)

from .helpers import DAY, SUPPLIES, chain_of, make_ledger, memory, rechain, transfer

# The documented format, frozen: changing it would orphan every head printed in minutes.
SECOND_PAYLOAD = (
    b'[1,"854c91b2e6509a95af78a0db12737875afb3b3652c92141609a643d46251dd1a",2,"transfer",'
    b'"1.1.01","3.1.01",200,"VES","2024-05-04","Aporte 2","","","ana",null]'
)
SECOND_HASH = "62949f6d413e5f76d8e38a91b729259b18071a67e4d7d02509a322366c03af2b"


def test_a_known_entry_has_the_documented_bytes_and_hash() -> None:
    second = chain_of(2)[1]
    assert payload(second) == SECOND_PAYLOAD
    assert second.hash == SECOND_HASH == hashlib.sha256(SECOND_PAYLOAD).hexdigest()


def test_the_hash_is_sha256_of_the_compact_json_that_json_dumps_writes() -> None:
    ledger = make_ledger()
    ledger.post(transfer("1.1.01", "3.1.01", 1000))
    proposal = ledger.propose(
        transfer(SUPPLIES, "1.1.01", 900, description='Maíz "blanco" 😀\\', reference="F/1")
    )
    entry = ledger.approve(proposal.sequence, author="José", date=DAY)

    fields = [
        1,
        entry.previous_hash,
        entry.sequence,
        "approval",
        entry.debit,
        entry.credit,
        entry.amount,
        entry.unit,
        entry.date.isoformat(),
        entry.description,
        entry.reference,
        entry.idempotency_key,
        "Jos\u00e9",
        proposal.sequence,
    ]
    by_hand = hashlib.sha256(json.dumps(fields, separators=(",", ":")).encode()).hexdigest()
    assert entry.hash == by_hand
    assert payload(entry).isascii()


def test_the_first_entry_links_to_sixty_four_zeros() -> None:
    first = chain_of(1)[0]
    assert first.sequence == 1
    assert first.previous_hash == GENESIS_HASH == "0" * 64


def test_it_reports_the_count_and_head_of_a_sound_chain() -> None:
    entries = chain_of(5)
    result = verify(entries)
    assert result.ok
    assert (result.count, result.head) == (5, entries[-1].hash)
    assert chain_head(entries) == entries[-1].hash


def test_no_entries_verify_with_the_genesis_head() -> None:
    result = verify([])
    assert result.ok
    assert (result.count, result.head) == (0, GENESIS_HASH)
    assert chain_head([]) == GENESIS_HASH


def test_it_names_an_entry_whose_amount_was_changed() -> None:
    entries = chain_of(5)
    entries[2] = replace(entries[2], amount=1)

    result = verify(entries)
    assert not result.ok
    assert result.first_bad is not None
    assert (result.first_bad.index, result.first_bad.sequence) == (2, 3)
    assert result.first_bad.problem is Problem.HASH
    assert (result.count, result.head) == (2, entries[1].hash)
    assert "entry 3" in result.first_bad.detail


def test_it_names_the_place_of_a_missing_entry() -> None:
    entries = chain_of(5)
    del entries[1]

    bad = verify(entries).first_bad
    assert bad is not None
    assert (bad.sequence, bad.problem) == (2, Problem.SEQUENCE)


def test_it_names_an_entry_that_was_changed_and_rehashed_by_its_broken_link() -> None:
    entries = chain_of(5)
    entries[2] = replace(entries[2], amount=1)
    entries[2] = replace(entries[2], hash=compute_hash(entries[2]))

    bad = verify(entries).first_bad
    assert bad is not None
    assert (bad.sequence, bad.problem) == (4, Problem.LINK)


def test_a_rewritten_history_passes_alone_but_not_against_the_printed_checkpoint() -> None:
    entries = chain_of(5)
    printed = Checkpoint(5, entries[-1].hash[:16])
    forged = rechain([*entries[:2], replace(entries[2], amount=1), *entries[3:]], 2)

    assert verify(forged).ok
    bad = verify(forged, checkpoint=printed).first_bad
    assert bad is not None
    assert (bad.sequence, bad.problem) == (5, Problem.CHECKPOINT)
    assert not head_is_in_chain(forged, printed.head)
    assert chain_head(forged) != entries[-1].hash


def test_a_checkpoint_beyond_the_end_reports_truncation() -> None:
    entries = chain_of(5)
    bad = verify(entries[:3], checkpoint=Checkpoint(5, entries[-1].hash)).first_bad
    assert bad is not None
    assert (bad.index, bad.sequence, bad.problem) == (3, 4, Problem.TRUNCATED)


def test_a_checkpoint_in_the_middle_is_checked_and_the_rest_verified() -> None:
    entries = chain_of(6)
    assert verify(entries, checkpoint=Checkpoint(3, entries[2].hash.upper())).ok
    entries[4] = replace(entries[4], description="cambiado")
    bad = verify(entries, checkpoint=Checkpoint(3, entries[2].hash)).first_bad
    assert bad is not None
    assert bad.sequence == 5


def test_a_printed_head_of_sixteen_digits_is_found_in_the_chain() -> None:
    entries = chain_of(10)
    assert find_head(entries, entries[3].hash[:16]) == 4
    assert head_is_in_chain(entries, entries[9].hash)
    assert not head_is_in_chain(entries, "0123456789abcdef")


@pytest.mark.parametrize("head", ["abc", "0123456789abcde", "xyz3456789abcdef", "0" * 65])
def test_it_refuses_a_head_too_short_or_not_hexadecimal(head: str) -> None:
    with pytest.raises(InvalidHead):
        head_is_in_chain(chain_of(2), head)


def test_a_head_from_before_a_change_is_found_and_one_after_it_is_not() -> None:
    entries = chain_of(10)
    tampered = list(entries)
    tampered[5] = replace(tampered[5], author="otra persona")

    assert head_is_in_chain(tampered, entries[4].hash)
    assert not head_is_in_chain(tampered, entries[5].hash)
    assert not head_is_in_chain(tampered, entries[9].hash)


def test_it_resumes_after_an_already_verified_prefix() -> None:
    entries = chain_of(10)
    result = verify(entries[6:], previous_hash=entries[5].hash, first_sequence=7)
    assert result.ok
    assert (result.count, result.head) == (4, entries[-1].hash)


def test_it_reports_a_field_of_the_wrong_type_as_malformed() -> None:
    entries = chain_of(3)
    entries[1] = replace(entries[1], date="2024-05-04")  # type: ignore[arg-type]
    bad = verify(entries).first_bad
    assert bad is not None
    assert (bad.sequence, bad.problem) == (2, Problem.MALFORMED)


def test_chain_head_recomputes_from_contents_and_ignores_stored_hashes() -> None:
    entries = chain_of(4)
    scrubbed = [replace(e, hash="", previous_hash="") for e in entries]
    assert chain_head(scrubbed) == entries[-1].hash


def test_entries_round_trip_through_json() -> None:
    ledger = make_ledger()
    ledger.post(transfer("1.1.01", "3.1.01", 1000, key="k"))
    proposal = ledger.propose(transfer(SUPPLIES, "1.1.01", 900, description="Ñame"))
    ledger.void(proposal.sequence, author="luis", date=dt.date(2024, 5, 5), reason="no")
    entries = memory(ledger).entries()

    exported = json.dumps([entry_to_dict(e) for e in entries])
    restored = [entry_from_dict(d) for d in json.loads(exported)]

    assert restored == entries
    assert restored[2].kind is EntryKind.VOID
    assert verify(restored).ok
