"""What a carried proposal changes at once, registered for its kind by the app that does it.

Self-government counts the votes and writes the decision; what the decision then changes is
the business of the app whose rows it changes. Each app registers, from its
``AppConfig.ready()``, one effect per kind of decision it carries out: governance itself
for elections and recalls, the ledger for the approval of accounts. So governance imports
none of the apps its decisions act on, and a kind nobody carries out stays pending until
its follow-up is recorded by hand.

An effect runs inside the vote's transaction, holding the meeting's and the proposal's row
locks (``comuna.governance.locks``); its refusal undoes the vote. It returns the note of the
decision's follow-up, which is then marked done, or None when there was nothing to do.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

from comuna.governance.models import Decision, DecisionKind, Proposal
from comuna.users.models import User


class Effect(Protocol):
    def __call__(
        self, *, proposal: Proposal, decision: Decision, by: User | None
    ) -> str | None: ...


_effects: dict[DecisionKind, Effect] = {}


def effect_register(kind: DecisionKind, effect: Effect) -> None:
    """Carry out every carried proposal of ``kind`` with ``effect``; one effect per kind."""
    kind = DecisionKind(kind)
    registered = _effects.get(kind)
    if registered is not None and registered is not effect:
        raise ImproperlyConfigured(f"Decisions of kind {kind.value!r} already have an effect.")
    _effects[kind] = effect


def effect_for(kind: str) -> Effect | None:
    return _effects.get(DecisionKind(kind))
