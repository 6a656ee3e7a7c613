"""Why a rationing round refused its input.

Each error carries the offending value as attributes as well as an English message, so the
web layer can say the same thing in the user's language without parsing text.
"""

from __future__ import annotations


class RationingError(ValueError):
    """Base class: the round was not computed and nothing was awarded."""


class InvalidStockError(RationingError):
    def __init__(
        self, stock: object, problem: str = "the stock must be a whole number of units"
    ) -> None:
        self.stock = stock
        super().__init__(f"Invalid stock {stock!r}: {problem}.")


class NegativeStockError(InvalidStockError):
    def __init__(self, stock: int) -> None:
        super().__init__(stock, "the stock cannot be negative")


class NegativeClaimError(RationingError):
    def __init__(self, household_id: str, units: int) -> None:
        self.household_id = household_id
        self.units = units
        super().__init__(
            f"Household {household_id!r} claims {units} units; a claim cannot be negative."
        )


class DuplicateHouseholdError(RationingError):
    def __init__(self, household_id: str) -> None:
        self.household_id = household_id
        super().__init__(
            f"Household {household_id!r} appears more than once in the round; "
            "each household may have only one claim per round."
        )


class InvalidClaimError(RationingError):
    """A claim that is malformed in some other way (empty id, bad class, fractional units...)."""

    def __init__(self, household_id: str, problem: str) -> None:
        self.household_id = household_id
        self.problem = problem
        super().__init__(f"Household {household_id!r}: {problem}")


class InvalidSeedError(RationingError):
    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(f"Invalid lottery seed: {problem}")
