"""What a carried proposal changes at once, registered for its kind by the app that does it.

Self-government counts the votes and writes the decision; what the decision then changes is
the business of the app whose rows it changes. Each app registers, from its
``AppConfig.ready()``, one effect per kind of decision it carries out: governance itself
for elections and recalls, the ledger for the approval of accounts. The registry lives in
core, below every app, so that governance imports none of the apps its decisions act on and
those apps import nothing of governance; a kind nobody carries out stays pending until its
follow-up is recorded by hand.

An effect runs inside the vote's transaction, holding the meeting's and the proposal's row
locks (``comuna.governance.locks``); its refusal undoes the vote. It returns the note of the
decision's follow-up, which is then marked done, or None when there was nothing to do; the
note is a record, so an effect returns it lazily (``gettext_lazy``) and it is written in the
commune's language (``comuna.core.language``), while a refusal speaks the reader's.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise


class Effect(Protocol):
    """Carries out a decision: ``proposal`` and ``decision`` are self-government's rows, and
    ``by`` the user who recorded the vote (the effect reads what it needs of them)."""

    def __call__(self, *, proposal: Any, decision: Any, by: Any) -> str | Promise | None: ...


_effects: dict[str, Effect] = {}


def effect_register(kind: str, effect: Effect) -> None:
    """Carry out every carried proposal of ``kind`` (a decision kind's value, such as
    ``"accounts"``) with ``effect``; one effect per kind."""
    kind = str(kind)
    registered = _effects.get(kind)
    if registered is not None and registered is not effect:
        raise ImproperlyConfigured(f"Decisions of kind {kind!r} already have an effect.")
    _effects[kind] = effect


def effect_for(kind: str) -> Effect | None:
    return _effects.get(str(kind))
