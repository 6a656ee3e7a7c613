"""The one refusal of the whole project.

Every service refuses a write by raising :class:`Refusal` with a sentence for the person who
asked, in their language. The web views put it on the form or in the messages; the API maps it
once, at its edge, to ``{"detail": message, "field": field, "code": code}`` with ``status``.
"""

from __future__ import annotations

from collections.abc import Sequence


class Refusal(Exception):
    """A write or a request refused.

    ``message`` says why, in the active language; ``field`` names the form field to fix when
    there is one; ``code`` is a stable word for programs (``already_delivered``,
    ``bound_exceeded``…); ``status`` is the HTTP status the API answers with. A batch refused
    as a whole names each refused item in ``items``, as (its index, its own refusal), so that
    the caller can point at the rows to fix.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str = "refused",
        status: int = 400,
        items: Sequence[tuple[int, Refusal]] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.status = status
        self.items = tuple(items)

    def __repr__(self) -> str:
        return f"Refusal({self.message!r}, field={self.field!r}, code={self.code!r})"
