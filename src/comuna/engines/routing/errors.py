"""Why the day's plan was not computed.

Every error is a ``RoutingError`` (a ``ValueError``) carrying the offending key or value as
attributes beside an English message, so the app can say the same in the user's language.
"""

from __future__ import annotations


class RoutingError(ValueError):
    """Base class: the problem was refused before anything was solved."""


class InvalidProblemError(RoutingError):
    """The problem as a whole is malformed (matrix shape, allowance, empty fleet...)."""

    def __init__(self, problem: str, value: object = None) -> None:
        self.problem = problem
        self.value = value
        super().__init__(f"Invalid routing problem: {problem}.")


class InvalidItemError(RoutingError):
    """One point, site or vehicle is malformed; ``key`` names it."""

    def __init__(self, kind: str, key: str, problem: str) -> None:
        self.kind = kind
        self.key = key
        self.problem = problem
        super().__init__(f"Invalid {kind} {key!r}: {problem}.")
