"""The hash chain: how an entry is hashed, and how anyone can check a whole journal.

An entry's hash is the lowercase hex SHA-256 of the ASCII bytes of this compact JSON array::

    [1, previous_hash, sequence, kind, debit, credit, amount, unit, date,
     description, reference, idempotency_key, author, pending_id]

``1`` is the format version; ``date`` is ``YYYY-MM-DD``; ``pending_id`` is ``null`` when
absent; integers are written in decimal; the separators are ``,`` and ``:`` with no spaces;
strings are escaped as Python's ``json.dumps`` does by default (``ensure_ascii``: every
character outside U+0020..U+007E as ``\\uXXXX`` in lowercase hex, with surrogate pairs above
U+FFFF, except ``\\n \\r \\t \\b \\f``; ``"`` and ``\\`` backslash-escaped). So, in Python::

    hashlib.sha256(json.dumps(fields, separators=(",", ":")).encode()).hexdigest()

The first entry has sequence 1 and previous hash ``GENESIS_HASH`` (64 zeros). The hash of the
last entry, the *head*, together with the entry count commits to the whole history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from json.encoder import encode_basestring_ascii
from typing import Any

from .errors import InvalidHead
from .model import Checkpoint, Entry, EntryKind

FORMAT_VERSION = 1
GENESIS_HASH = "0" * 64
MIN_HEAD_DIGITS = 16

# The reference encoder. ``_fields_text`` writes the same text faster for well-typed fields
# and falls back to it for anything else, so a tampered row of odd types is still hashed
# exactly as the format says (and does not match).
_encode = json.JSONEncoder(
    ensure_ascii=True, separators=(",", ":"), check_circular=False, allow_nan=False
).encode
_quote = encode_basestring_ascii
_TEXT = "[1,%s,%d,%s,%s,%s,%d,%s,%s,%s,%s,%s,%s,%s]"


def _fields_text(
    previous_hash: Any,
    sequence: Any,
    kind: Any,
    debit: Any,
    credit: Any,
    amount: Any,
    unit: Any,
    day: Any,
    description: Any,
    reference: Any,
    idempotency_key: Any,
    author: Any,
    pending_id: Any,
) -> bytes:
    """The hashed bytes of an entry with these fields (``day`` as ISO text)."""
    if (
        type(sequence) is int
        and type(amount) is int
        and (pending_id is None or type(pending_id) is int)
    ):
        try:
            return (
                _TEXT
                % (
                    _quote(previous_hash),
                    sequence,
                    _quote(kind),
                    _quote(debit),
                    _quote(credit),
                    amount,
                    _quote(unit),
                    _quote(day),
                    _quote(description),
                    _quote(reference),
                    _quote(idempotency_key),
                    _quote(author),
                    "null" if pending_id is None else pending_id,
                )
            ).encode("ascii")
        except TypeError:
            pass  # a field that is not text: the reference encoder decides
    return _encode(
        [
            FORMAT_VERSION,
            previous_hash,
            sequence,
            kind,
            debit,
            credit,
            amount,
            unit,
            day,
            description,
            reference,
            idempotency_key,
            author,
            pending_id,
        ]
    ).encode("ascii")


_HEX = frozenset("0123456789abcdef")


def payload(entry: Entry, previous_hash: str | None = None) -> bytes:
    """The exact bytes that are hashed for ``entry``.

    ``previous_hash`` overrides the one stored in the entry (to recompute a chain from its
    contents alone).
    """
    e = entry
    prev = e.previous_hash if previous_hash is None else previous_hash
    return _fields_text(
        prev,
        e.sequence,
        e.kind,
        e.debit,
        e.credit,
        e.amount,
        e.unit,
        e.date.isoformat(),
        e.description,
        e.reference,
        e.idempotency_key,
        e.author,
        e.pending_id,
    )


def compute_hash(entry: Entry, previous_hash: str | None = None) -> str:
    """The hex SHA-256 of ``payload(entry, previous_hash)``."""
    return hashlib.sha256(payload(entry, previous_hash)).hexdigest()


def seal(entry: Entry) -> Entry:
    """The entry with its ``hash`` field set from its other fields."""
    return replace(entry, hash=compute_hash(entry))


def chain_head(entries: Iterable[Entry]) -> str:
    """Recompute the head from the entries' contents alone (GENESIS_HASH for no entries).

    The stored ``hash`` and ``previous_hash`` fields are ignored: this is the value a reader
    compares with the head printed in the minutes. Use ``verify`` to locate a difference.
    """
    head = GENESIS_HASH
    for entry in entries:
        head = compute_hash(entry, head)
    return head


class Problem(StrEnum):
    SEQUENCE = "sequence"
    """The sequence number is not the next one: an entry is missing, repeated or moved."""
    LINK = "link"
    """The stored previous hash is not the hash of the entry before."""
    HASH = "hash"
    """The stored hash does not match the entry's contents: a field was changed."""
    MALFORMED = "malformed"
    """A field has a type that cannot be serialised (e.g. a date that is not a date)."""
    TRUNCATED = "truncated"
    """The chain ends before the entry the checkpoint names."""
    CHECKPOINT = "checkpoint"
    """The chain is consistent but its entry at the checkpoint has another hash: history
    up to that entry was rewritten (and rehashed) since the checkpoint was printed."""


@dataclass(frozen=True, slots=True)
class BadEntry:
    """The first entry that does not verify.

    ``index`` is its position in the entries given (0-based); ``sequence`` the sequence
    number that position should hold; ``detail`` a sentence for people.
    """

    index: int
    sequence: int
    problem: Problem
    detail: str


@dataclass(frozen=True, slots=True)
class Verification:
    """The outcome of ``verify``: how many entries are good, the head of that good prefix,
    and the first bad entry if any."""

    count: int
    head: str
    first_bad: BadEntry | None = None

    @property
    def ok(self) -> bool:
        return self.first_bad is None


def normalise_head(head: str) -> str:
    """Lowercase a printed head (or a prefix of 16 hex digits or more); else InvalidHead."""
    if not isinstance(head, str):
        raise InvalidHead(repr(head))
    h = head.strip().lower()
    if not MIN_HEAD_DIGITS <= len(h) <= 64 or not set(h) <= _HEX:
        raise InvalidHead(head)
    return h


def verify(
    entries: Iterable[Entry],
    *,
    checkpoint: Checkpoint | None = None,
    previous_hash: str = GENESIS_HASH,
    first_sequence: int = 1,
) -> Verification:
    """Recompute the chain and report the first entry that does not hold.

    Each entry, in order, must carry the next sequence number, link to the hash of the entry
    before, and carry the hash of its own contents. With a ``checkpoint`` (count and head, or
    a head prefix of at least 16 hex digits, as printed in the minutes), the entry whose
    sequence is ``checkpoint.count`` must also exist and have that hash. ``previous_hash``
    and ``first_sequence`` let a verification start after an already verified prefix.

    Streams: ``entries`` may be an iterator over a million rows.
    """
    target = None
    at = None
    if checkpoint is not None:
        target = normalise_head(checkpoint.head)
        at = checkpoint.count
    return _walk(entries, previous_hash, first_sequence, target, at)[0]


def find_head(
    entries: Iterable[Entry],
    head: str,
    *,
    previous_hash: str = GENESIS_HASH,
    first_sequence: int = 1,
) -> int | None:
    """The sequence number of the entry whose hash is (or starts with) ``head``.

    Only an intact prefix of the chain is searched: ``None`` if the head is not there.
    ``head`` must have at least 16 hex digits (InvalidHead otherwise).
    """
    return _walk(entries, previous_hash, first_sequence, normalise_head(head), None)[1]


def head_is_in_chain(entries: Iterable[Entry], head: str) -> bool:
    """Whether a head printed earlier is the hash of some entry of today's intact chain."""
    return find_head(entries, head) is not None


def _walk(
    entries: Iterable[Entry],
    previous_hash: str,
    first_sequence: int,
    target: str | None,
    at: int | None,
) -> tuple[Verification, int | None]:
    # One loop serves verify and find_head; locals are bound for speed (a million entries).
    sha256 = hashlib.sha256
    prev = previous_hash
    expected = first_sequence
    found: int | None = None
    bad: BadEntry | None = None
    for e in entries:
        try:
            if e.sequence != expected:
                bad = _bad(expected, first_sequence, Problem.SEQUENCE, _sequence_detail(e))
                break
            if e.previous_hash != prev:
                bad = _bad(
                    expected,
                    first_sequence,
                    Problem.LINK,
                    f"its previous hash is not the hash of entry {expected - 1}",
                )
                break
            h = sha256(payload(e, prev)).hexdigest()
        except (AttributeError, TypeError, ValueError) as exc:
            bad = _bad(expected, first_sequence, Problem.MALFORMED, f"cannot be read: {exc}")
            break
        if h != e.hash:
            bad = _bad(
                expected,
                first_sequence,
                Problem.HASH,
                "its contents do not match its hash: a field was changed",
            )
            break
        if target is not None and (at is None or at == expected) and h.startswith(target):
            found = expected
            if at is None:
                prev = h
                expected += 1
                break
        elif at == expected:
            bad = _bad(
                expected,
                first_sequence,
                Problem.CHECKPOINT,
                "its hash is not the checkpoint's head: the history up to it was rewritten",
            )
            break
        prev = h
        expected += 1
    if bad is None and at is not None and found is None and expected <= at:
        bad = _bad(
            expected,
            first_sequence,
            Problem.TRUNCATED,
            f"the chain ends at entry {expected - 1}, before the checkpoint's entry {at}",
        )
    return Verification(count=expected - first_sequence, head=prev, first_bad=bad), found


def _bad(sequence: int, first_sequence: int, problem: Problem, detail: str) -> BadEntry:
    return BadEntry(
        index=sequence - first_sequence,
        sequence=sequence,
        problem=problem,
        detail=f"entry {sequence}: {detail}",
    )


def _sequence_detail(entry: Entry) -> str:
    return (
        f"found sequence {entry.sequence!r} where the next was expected "
        "(an entry is missing, repeated or out of order)"
    )


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """A JSON-ready mapping of every field, for exports and for verifying by hand."""
    return {
        "sequence": entry.sequence,
        "kind": str(entry.kind),
        "debit": entry.debit,
        "credit": entry.credit,
        "amount": entry.amount,
        "unit": entry.unit,
        "date": entry.date.isoformat(),
        "description": entry.description,
        "reference": entry.reference,
        "idempotency_key": entry.idempotency_key,
        "author": entry.author,
        "pending_id": entry.pending_id,
        "previous_hash": entry.previous_hash,
        "hash": entry.hash,
    }


def entry_from_dict(data: Mapping[str, Any]) -> Entry:
    """The inverse of ``entry_to_dict``; raise ValueError or KeyError on a malformed mapping."""
    pending = data["pending_id"]
    return Entry(
        sequence=int(data["sequence"]),
        kind=EntryKind(data["kind"]),
        debit=str(data["debit"]),
        credit=str(data["credit"]),
        amount=int(data["amount"]),
        unit=str(data["unit"]),
        date=dt.date.fromisoformat(data["date"]),
        description=str(data["description"]),
        reference=str(data["reference"]),
        idempotency_key=str(data["idempotency_key"]),
        author=str(data["author"]),
        pending_id=None if pending is None else int(pending),
        previous_hash=str(data["previous_hash"]),
        hash=str(data["hash"]),
    )


def verify_rows(
    rows: Iterable[tuple[Any, ...]], *, watch: Mapping[int, object] | None = None
) -> tuple[Verification, dict[int, str]]:
    """``verify`` over raw database rows, without building an ``Entry`` for each.

    Each row holds, in order: sequence, kind, debit, credit, amount, unit, date (a date or
    its ISO text), description, reference, idempotency_key, author, pending_id,
    previous_hash, hash. Returns the verification and, for every sequence number in
    ``watch`` reached by the intact prefix, the hash stored there (to compare with printed
    heads). Storage adapters use it to verify a million entries quickly.
    """
    # The loop inlines ``_fields_text`` for well-typed rows: a function call per entry is a
    # tenth of the time at a million entries.
    sha256 = hashlib.sha256
    quote = _quote
    template = _TEXT
    wanted = watch or {}
    seen: dict[int, str] = {}
    prev = GENESIS_HASH
    expected = 1
    bad: BadEntry | None = None
    for r in rows:
        try:
            (
                sequence,
                kind,
                debit,
                credit,
                amount,
                unit,
                day,
                description,
                reference,
                key,
                author,
                pending_id,
                previous_hash,
                stored_hash,
            ) = r
            if sequence != expected:
                bad = _bad(expected, 1, Problem.SEQUENCE, f"found sequence {sequence!r} instead")
                break
            if previous_hash != prev:
                bad = _bad(
                    expected,
                    1,
                    Problem.LINK,
                    f"its previous hash is not the hash of entry {expected - 1}",
                )
                break
            if type(day) is not str:
                day = day.isoformat()
            text = None
            if type(sequence) is int and type(amount) is int and pending_id is None:
                try:
                    text = (
                        template
                        % (
                            quote(prev),
                            sequence,
                            quote(kind),
                            quote(debit),
                            quote(credit),
                            amount,
                            quote(unit),
                            quote(day),
                            quote(description),
                            quote(reference),
                            quote(key),
                            quote(author),
                            "null",
                        )
                    ).encode("ascii")
                except TypeError:
                    pass  # a field that is not text: the reference encoder decides below
            if text is None:
                text = _fields_text(
                    prev,
                    sequence,
                    kind,
                    debit,
                    credit,
                    amount,
                    unit,
                    day,
                    description,
                    reference,
                    key,
                    author,
                    pending_id,
                )
            h = sha256(text).hexdigest()
        except (AttributeError, TypeError, ValueError, IndexError) as exc:
            bad = _bad(expected, 1, Problem.MALFORMED, f"cannot be read: {exc}")
            break
        if h != stored_hash:
            bad = _bad(
                expected, 1, Problem.HASH, "its contents do not match its hash: a field was changed"
            )
            break
        if expected in wanted:
            seen[expected] = h
        prev = h
        expected += 1
    return Verification(count=expected - 1, head=prev, first_bad=bad), seen
