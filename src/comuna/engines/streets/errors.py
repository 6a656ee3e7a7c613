"""What can go wrong with streets, in plain English, each with a short code for the app.

Every error is a ``StreetError`` (itself a ``ValueError``). ``code`` is a stable slug the app maps
to a translated message; ``str(error)`` is an English sentence for logs and the command line.
"""

from __future__ import annotations

from collections.abc import Sequence


class StreetError(ValueError):
    """Base of every error the streets engine raises."""

    code = "street-error"


class BadCoordinate(StreetError):
    """A latitude or longitude that is not a number or out of range."""

    code = "bad-coordinate"


class OutsideNetwork(StreetError):
    """A place farther than ``max_snap_m`` from any street of the network.

    ``index`` is the first such place (its position in the list given); ``indices`` all of them;
    ``distances_m`` how far each of those is from the nearest street node, in metres.
    """

    code = "outside-network"

    def __init__(
        self, indices: Sequence[int], distances_m: Sequence[float], max_snap_m: float
    ) -> None:
        self.indices = tuple(indices)
        self.index = self.indices[0]
        self.distances_m = tuple(distances_m)
        self.max_snap_m = max_snap_m
        super().__init__(
            f"Place {self.index} is {self.distances_m[0]:.0f} m from the nearest street "
            f"(at most {max_snap_m:.0f} m allowed); {len(self.indices)} place(s) in all "
            "are outside the street network."
        )


class NotConnected(StreetError):
    """Two places with no path between them over the streets (in that direction).

    ``pair`` is the first such (from, to) pair of indices; ``pairs`` all of them (up to a limit).
    """

    code = "not-connected"

    def __init__(self, pairs: Sequence[tuple[int, int]]) -> None:
        self.pairs = tuple(pairs)
        self.pair = self.pairs[0]
        self.origin, self.destination = self.pair
        super().__init__(
            f"No street path leads from place {self.origin} to place {self.destination}."
        )


class BadExtract(StreetError):
    """A street extract that cannot be used: unreadable, empty of drivable streets, too big.

    ``reason`` says which: "unreadable", "no-streets", "too-big-file", "too-many-nodes",
    "missing-file", "bad-saved-network".
    """

    code = "bad-extract"

    def __init__(self, message: str, *, reason: str) -> None:
        self.reason = reason
        super().__init__(message)
