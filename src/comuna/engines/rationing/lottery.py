"""The seeded lottery and the fingerprint of the input list, both re-computable by hand.

Lottery key of a name (a household id, or a group code for apportionment ties)::

    key = SHA-256( UTF-8( seed + ":" + name ) ), written as 64 lowercase hex digits

Smaller keys come first. With a shell: ``printf '%s:%s' "$SEED" "$ID" | sha256sum``.

Canonical input list (what ``input_hash`` is the SHA-256 of, as lowercase hex)::

    comuna-rationing-input/1\\n
    household_id \\t group \\t class \\t units \\t short_streak \\t short_total \\n

in UTF-8: a header line, then one line per claim sorted by household id (by Unicode code
point, which is also UTF-8 byte order), numbers in plain decimal, the class as its number
0-3, every line ending in a line feed. No field may hold a tab or a line break, which is why
``Claim`` refuses them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from comuna.engines.rationing.errors import InvalidSeedError
from comuna.engines.rationing.models import Claim

CANONICAL_HEADER = "comuna-rationing-input/1"


def seed_text(seed: str | int) -> str:
    """The seed as it enters the lottery: text as given, an integer in plain decimal."""
    if isinstance(seed, bool):
        raise InvalidSeedError("expected text or a whole number, got a boolean")
    if isinstance(seed, int):
        return str(seed)
    if not isinstance(seed, str):
        raise InvalidSeedError(f"expected text or a whole number, got {type(seed).__name__}")
    # An empty seed is almost always a forgotten draw; refusing it keeps the record meaningful.
    if seed == "":
        raise InvalidSeedError("the seed is empty; draw or agree on one and record it")
    try:
        seed.encode()
    except UnicodeEncodeError:
        raise InvalidSeedError("the seed is not valid text") from None
    return seed


def lottery_key(seed: str, name: str) -> str:
    return hashlib.sha256(f"{seed}:{name}".encode()).hexdigest()


def canonical_input(claims: Iterable[Claim]) -> str:
    lines = [CANONICAL_HEADER]
    for c in sorted(claims, key=lambda c: c.household_id):
        lines.append(
            "\t".join(
                (
                    c.household_id,
                    c.group,
                    str(int(c.priority)),
                    str(c.units),
                    str(c.short_streak),
                    str(c.short_total),
                )
            )
        )
    return "\n".join(lines) + "\n"


def input_hash(claims: Iterable[Claim]) -> str:
    return hashlib.sha256(canonical_input(claims).encode()).hexdigest()
