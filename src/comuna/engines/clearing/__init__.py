"""Multilateral clearing of obligations (trade-credit set-off): the most debt that can be
cancelled without changing anyone's net position, solved as a min-cost flow. Plain Python;
no Django.
"""

from comuna.engines.clearing.errors import ClearingError, InvalidObligationError
from comuna.engines.clearing.model import Clearing, Obligation, Position
from comuna.engines.clearing.solver import clear, obligations_check

__all__ = [
    "Clearing",
    "ClearingError",
    "InvalidObligationError",
    "Obligation",
    "Position",
    "clear",
    "obligations_check",
]
