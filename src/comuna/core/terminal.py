"""What the ``comuna`` command needs to speak the user's language in a terminal."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Protocol

from django.utils.translation import gettext as _

SUPPORTED = ("es", "en")


def terminal_language() -> str:
    """The language for command output: ``COMUNA_LANGUAGE``, else the locale, else Spanish."""
    for name in ("COMUNA_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        code = value.split("_")[0].split(".")[0].lower()
        if code in SUPPORTED:
            return code
    return "es"


class RowProblem(Protocol):
    """A problem found in an imported file: ``row`` as the spreadsheet shows it, or None."""

    @property
    def row(self) -> int | None: ...

    @property
    def message(self) -> str: ...


def row_problems_write(write: Callable[[str], object], problems: Iterable[RowProblem]) -> None:
    """Each problem of a refused file on a line of its own, named by its row when it has one."""
    for problem in problems:
        if problem.row is None:
            write(problem.message)
        else:
            write(_("Row %(row)s: %(message)s") % {"row": problem.row, "message": problem.message})
