"""The circuits engine's refusals: bad input raises one of these (each a ``ValueError``)."""


class CircuitError(ValueError):
    """Anything the circuits engine refuses."""


class InvalidProblemError(CircuitError):
    """The problem as a whole is malformed: a need with no outlet, an offer with no producer,
    a negative quantity, a duplicate, a bad distance."""
