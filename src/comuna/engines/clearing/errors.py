"""Why a clearing was refused.

Every error is a ``ClearingError`` (a ``ValueError``) carrying what is wrong as attributes beside
an English message, so the app and the command can say the same in the user's language.
"""

from __future__ import annotations


class ClearingError(ValueError):
    """Base class: the obligations were refused."""


class InvalidObligationError(ClearingError):
    """One obligation is malformed; ``obligation_id`` names it, ``problem`` says why:
    ``"self"`` (owed to oneself), ``"amount"`` (zero or negative), ``"duplicate"`` (its id
    appears twice), ``"party"`` (a debtor or creditor left blank), ``"total"`` (together with
    those before it, more debt than the solver counts: 2**62 minor units)."""

    def __init__(self, obligation_id: str, problem: str) -> None:
        self.obligation_id = obligation_id
        self.problem = problem
        texts = {
            "self": "a party cannot owe itself",
            "amount": "the amount must be a whole number above zero",
            "duplicate": "the id appears more than once",
            "party": "the debtor and the creditor must both be named",
            "total": "the obligations up to this one owe more than the solver counts",
        }
        super().__init__(f"Invalid obligation {obligation_id!r}: {texts.get(problem, problem)}.")
