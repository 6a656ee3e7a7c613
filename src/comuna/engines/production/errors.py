"""Why a production plan was not computed.

Every error is a ``ProductionError`` (a ``ValueError``) carrying what is wrong as attributes
beside an English message, so the app can say the same in the user's language.
"""

from __future__ import annotations


class ProductionError(ValueError):
    """Base class: the problem was refused, or has no plan."""


class InvalidProblemError(ProductionError):
    """The problem as a whole is malformed (no product, a duplicate code, a bad budget...)."""

    def __init__(self, problem: str, value: object = None) -> None:
        self.problem = problem
        self.value = value
        super().__init__(f"Invalid production problem: {problem}.")


class InvalidItemError(ProductionError):
    """One product, input or scenario is malformed; ``key`` names it."""

    def __init__(self, kind: str, key: str, problem: str) -> None:
        self.kind = kind
        self.key = key
        self.problem = problem
        super().__init__(f"Invalid {kind} {key!r}: {problem}.")


class UnboundedPlanError(ProductionError):
    """Nothing limits the goal: no demand ceiling, no scarce input, no budget."""

    def __init__(self) -> None:
        super().__init__(
            "The plan has no limit: give a demand ceiling, an input's availability or a budget."
        )
