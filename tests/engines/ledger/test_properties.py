"""Properties that hold for any sequence of operations and any single act of tampering."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import unicodedata
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from comuna.engines.ledger import (
    GENESIS_HASH,
    UNITS,
    ApprovalPolicy,
    Balance,
    BatchRejected,
    Checkpoint,
    Entry,
    EntryKind,
    FourEyesViolation,
    Ledger,
    LedgerError,
    Transfer,
    head_is_in_chain,
    replay,
    reversal_of,
    seal,
    verify,
    verify_rows,
)
from comuna.engines.ledger.chain import _fields_text

from .helpers import CASH, CHART, DAY, FUND_VES, SUPPLIES, make_ledger, memory, transfer

CODES_BY_UNIT: dict[str, list[str]] = {}
for _account in CHART:
    CODES_BY_UNIT.setdefault(_account.unit, []).append(_account.code)
AUTHORS = ["ana", "luis", "rosa"]
KEYS = ["", "", "", "k1", "k2", "k3"]


@st.composite
def transfers(draw: st.DrawFn) -> Transfer:
    unit = draw(st.sampled_from(sorted(CODES_BY_UNIT)))
    debit, credit = draw(st.permutations(CODES_BY_UNIT[unit]))[:2]
    return transfer(
        debit,
        credit,
        draw(st.integers(1, 3_000_000)),
        unit,
        author=draw(st.sampled_from(AUTHORS)),
        key=draw(st.sampled_from(KEYS)),
    )


Op = tuple[str, Any, str]
operations = st.one_of(
    st.tuples(st.just("post"), transfers(), st.just("")),
    st.tuples(st.just("propose"), transfers(), st.just("")),
    st.tuples(st.just("approve"), st.integers(0, 20), st.sampled_from(AUTHORS)),
    st.tuples(st.just("void"), st.integers(0, 20), st.sampled_from(AUTHORS)),
    st.tuples(st.just("reverse"), st.integers(0, 60), st.sampled_from(AUTHORS)),
)


def run(ledger: Ledger, op: Op) -> None:
    name, arg, author = op
    if name == "post":
        ledger.post(arg)
    elif name == "propose":
        ledger.propose(arg)
    elif name in ("approve", "void"):
        open_ = ledger.open_proposals()
        if not open_:
            return
        pending = open_[arg % len(open_)].sequence
        if name == "approve":
            ledger.approve(pending, author=author, date=DAY)
        else:
            ledger.void(pending, author=author, date=DAY, reason="no procede")
    else:
        entries = memory(ledger).entries()
        if entries:
            ledger.post(reversal_of(entries[arg % len(entries)], author=author, date=DAY))


@settings(max_examples=60, deadline=None)
@given(ops=st.lists(operations, max_size=30))
def test_any_operations_keep_double_entry_bounds_and_the_chain(ops: list[Op]) -> None:
    ledger = make_ledger()
    ledger.post(transfer(CASH, FUND_VES, 2_000_000))
    for op in ops:
        before = (ledger.checkpoint(), ledger.balances())
        try:
            run(ledger, op)
        except LedgerError:
            assert (ledger.checkpoint(), ledger.balances()) == before
        assert all(total == (0, 0) for total in ledger.totals_by_unit().values())
        for account in ledger.accounts():
            if account.floor is not None:
                assert ledger.balance(account.code).available(account.kind) >= account.floor
            balance = ledger.balance(account.code)
            assert min(dataclasses.astuple(balance)) >= 0

    entries = memory(ledger).entries()
    assert verify(entries).ok
    replayed = replay(entries)
    assert ledger.balances() == {code: replayed.get(code, Balance()) for code in ledger.balances()}
    keys = [e.idempotency_key for e in entries if e.idempotency_key]
    assert len(keys) == len(set(keys))
    resolved = [e.pending_id for e in entries if e.pending_id is not None]
    assert len(resolved) == len(set(resolved))
    for entry in entries:
        if entry.kind in (EntryKind.APPROVAL, EntryKind.VOID):
            assert entry.pending_id is not None
            assert entry.author != entries[entry.pending_id - 1].author


@settings(max_examples=60, deadline=None)
@given(items=st.lists(transfers(), max_size=12))
def test_a_batch_is_posted_exactly_as_its_items_one_by_one_or_not_at_all(
    items: list[Transfer],
) -> None:
    one_by_one = make_ledger()
    refused = []
    for index, item in enumerate(items):
        try:
            one_by_one.post(item)
        except LedgerError:
            refused.append(index)

    batch = make_ledger()
    try:
        batch.post_many(items)
    except BatchRejected as rejected:
        assert [e.index for e in rejected.errors] == refused
        assert batch.checkpoint().count == 0
    else:
        assert refused == []
        assert memory(batch).entries() == memory(one_by_one).entries()


@settings(max_examples=50, deadline=None)
@given(
    item=transfers(),
    times=st.integers(2, 4),
    key=st.text(min_size=1, max_size=8).filter(str.strip),
)
def test_posting_one_key_many_times_posts_once(item: Transfer, times: int, key: str) -> None:
    ledger = make_ledger(policy=ApprovalPolicy())
    with contextlib.suppress(LedgerError):
        # Funds the account the item takes from, so that most items can be posted.
        ledger.post(transfer(item.credit, item.debit, item.amount, item.unit))
    item = dataclasses.replace(item, idempotency_key=key)
    try:
        first = ledger.post(item)
    except LedgerError:
        return
    count = ledger.checkpoint().count
    for _ in range(times - 1):
        assert ledger.post(item) == first
    assert ledger.checkpoint().count == count


@settings(max_examples=80, deadline=None)
@given(
    proposer=st.sampled_from(["ana", " ana", "Ana", "a\u0301na", "\u00e1na", "luis"]),
    reviewer=st.sampled_from(["ana", "ana ", "Ana", "\u00e1na", "luis"]),
    approve=st.booleans(),
)
def test_only_another_person_resolves_a_proposal(
    proposer: str, reviewer: str, approve: bool
) -> None:
    ledger = make_ledger()
    ledger.post(transfer(CASH, FUND_VES, 1_000))
    proposal = ledger.propose(transfer(SUPPLIES, CASH, 500, author=proposer))

    def same(a: str, b: str) -> bool:
        return unicodedata.normalize("NFC", a.strip()) == unicodedata.normalize("NFC", b.strip())

    try:
        if approve:
            ledger.approve(proposal.sequence, author=reviewer, date=DAY)
        else:
            ledger.void(proposal.sequence, author=reviewer, date=DAY, reason="no")
    except FourEyesViolation:
        assert same(proposer, reviewer)
    else:
        assert not same(proposer, reviewer)


# Tampering


@st.composite
def chains(draw: st.DrawFn) -> list[Entry]:
    n = draw(st.integers(1, 12))
    entries: list[Entry] = []
    previous = GENESIS_HASH
    for sequence in range(1, n + 1):
        entry = seal(
            Entry(
                sequence=sequence,
                kind=draw(st.sampled_from(EntryKind)),
                debit=draw(st.text(max_size=6)),
                credit=draw(st.text(max_size=6)),
                amount=draw(st.integers(1, 2**63 - 1)),
                unit=draw(st.sampled_from(sorted(UNITS))),
                date=draw(st.dates()),
                description=draw(st.text(max_size=30)),
                reference=draw(st.text(max_size=6)),
                idempotency_key=draw(st.text(max_size=6)),
                author=draw(st.text(max_size=6)),
                pending_id=draw(st.none() | st.integers(1, 20)),
                previous_hash=previous,
                hash="",
            )
        )
        entries.append(entry)
        previous = entry.hash
    return entries


_hex64 = st.text("0123456789abcdef", min_size=64, max_size=64)
FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "sequence": st.integers(-5, 30) | st.booleans(),
    "kind": st.sampled_from(EntryKind) | st.text(max_size=8),
    "debit": st.text(max_size=6),
    "credit": st.text(max_size=6),
    "amount": st.integers() | st.text(max_size=4) | st.floats(allow_nan=False),
    "unit": st.text(max_size=4),
    "date": st.dates() | st.datetimes() | st.text(max_size=10),
    "description": st.text(max_size=30),
    "reference": st.text(max_size=6),
    "idempotency_key": st.text(max_size=6),
    "author": st.text(max_size=6),
    "pending_id": st.none() | st.integers(),
    "previous_hash": _hex64 | st.text(max_size=8),
    "hash": _hex64 | st.text(max_size=8),
}


def is_real_change(old: object, new: object) -> bool:
    """A different value, or an equal one of another type (``1`` and ``True``, ``5`` and
    ``5.0`` are written differently); but a plain string equal to an entry kind is that kind."""
    if new != old:
        return True
    return type(new) is not type(old) and not (isinstance(new, str) and isinstance(old, str))


@st.composite
def tampered(draw: st.DrawFn) -> tuple[list[Entry], list[Entry], str]:
    """A sound chain, and a copy with one field changed, one entry deleted, one inserted,
    or two swapped."""
    original = draw(chains())
    n = len(original)
    changed = list(original)
    how = draw(st.sampled_from(["field", "delete", "insert", "swap"] if n > 1 else ["field"]))
    if how == "field":
        i = draw(st.integers(0, n - 1))
        name = draw(st.sampled_from(sorted(FIELD_VALUES)))
        old = getattr(original[i], name)
        new = draw(FIELD_VALUES[name].filter(lambda v: is_real_change(old, v)))
        changed[i] = dataclasses.replace(original[i], **{name: new})
        how = f"field {name}"
    elif how == "delete":
        del changed[draw(st.integers(0, n - 1))]
    elif how == "insert":
        # A forged entry with a valid hash that continues the chain is an append, not a
        # change: the stranger's hash is random so that it never is one.
        stranger = dataclasses.replace(draw(chains())[-1], hash=draw(_hex64))
        intruder = draw(st.sampled_from([*original, stranger]))
        changed.insert(draw(st.integers(0, n)), intruder)
    else:
        i, j = sorted(draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True)))
        changed[i], changed[j] = changed[j], changed[i]
    return original, changed, how


def first_difference(a: list[Entry], b: list[Entry]) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        fields = zip(dataclasses.astuple(x), dataclasses.astuple(y), strict=True)
        if any(is_real_change(old, new) for old, new in fields):
            return index
    return min(len(a), len(b))


@settings(max_examples=300, deadline=None)
@given(case=tampered())
def test_any_single_change_is_found_at_the_first_entry_it_affects(
    case: tuple[list[Entry], list[Entry], str],
) -> None:
    original, changed, _how = case
    printed = Checkpoint(len(original), original[-1].hash)
    expected = first_difference(original, changed)

    result = verify(changed, checkpoint=printed)

    assert result.first_bad is not None
    assert result.first_bad.index == expected
    assert result.first_bad.sequence == expected + 1
    assert result.count == expected
    assert result.head == (original[expected - 1].hash if expected else GENESIS_HASH)
    if expected < len(changed):
        # Without the printed checkpoint the chain itself betrays the change...
        plain = verify(changed).first_bad
        assert plain is not None
        assert plain.index == expected
    else:
        # ...except a deleted last entry, which only the printed count and head reveal.
        assert verify(changed).ok
    # Heads printed before the change are still in the chain; the changed one is not.
    if expected:
        assert head_is_in_chain(changed, original[expected - 1].hash)
    if expected < len(original):
        assert not head_is_in_chain(changed, original[expected].hash)


_ANY_VALUE = st.one_of(
    st.text(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(
    fields=st.tuples(
        st.one_of(_hex64, _ANY_VALUE),
        st.one_of(st.integers(1, 2**62), _ANY_VALUE),
        *[st.one_of(st.text(), _ANY_VALUE)] * 4,
        st.one_of(st.text(max_size=8), _ANY_VALUE),
        *[st.one_of(st.text(), _ANY_VALUE)] * 5,
        st.one_of(st.none(), st.integers(1, 2**62), _ANY_VALUE),
    )
)
def test_the_hashed_bytes_are_always_the_documented_json(fields: tuple[Any, ...]) -> None:
    # The fast writer must agree with the format's reference definition for every value,
    # well-typed or tampered: else a changed row could hash like the original.
    reference = json.dumps([1, *fields], separators=(",", ":")).encode("ascii")
    assert _fields_text(*fields) == reference


def row_of(entry: Entry) -> tuple[Any, ...]:
    """An entry as ``verify_rows`` reads it from a database (the date as stored text)."""
    values = dataclasses.astuple(entry)
    day = values[6]
    return (*values[:6], day.isoformat() if isinstance(day, dt.date) else day, *values[7:])


@settings(max_examples=200, deadline=None)
@given(case=tampered())
def test_rows_and_entries_verify_alike(case: tuple[list[Entry], list[Entry], str]) -> None:
    original, changed, how = case
    assume(how != "field date")  # a stored date is its text: there the two forms differ
    by_rows, _ = verify_rows([row_of(e) for e in original])
    assert by_rows.ok and by_rows.head == original[-1].hash
    by_rows, _ = verify_rows([row_of(e) for e in changed])
    by_entries = verify(changed)
    assert by_rows.ok == by_entries.ok
    assert (by_rows.count, by_rows.head) == (by_entries.count, by_entries.head)
    if by_entries.first_bad is not None:
        assert by_rows.first_bad is not None
        assert by_rows.first_bad.index == by_entries.first_bad.index
