"""The refusals of the distribution services, each with a message for the person at the table."""

from __future__ import annotations


class DistributionError(Exception):
    """A write refused; ``message`` says why in the user's language, ``field`` what to fix."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotEntitledError(DistributionError):
    """The household has nothing to receive in this round."""


class AlreadyDeliveredError(DistributionError):
    """The household already received in this round (the API answers 409)."""

    status = 409
