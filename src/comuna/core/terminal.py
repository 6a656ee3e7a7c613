"""What the ``comuna`` command needs to speak the user's language in a terminal."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import NoReturn, Protocol

from django.core.management.base import CommandError, OutputWrapper
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import Limits, spreadsheet_file_read

SUPPORTED = ("es", "en")

# The exit codes of every command: refused (bad input, nothing changed), or a file that could
# not be read or written.
REFUSED = 1
FILE_PROBLEM = 2


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


def import_file_read(path: Path, limits: Limits) -> bytes:
    """The spreadsheet a command was given, read within ``limits``; a file too large or of the
    wrong kind is refused, one that cannot be read is a file problem, each said in the user's
    language."""
    try:
        return spreadsheet_file_read(path, limits)
    except Refusal as refusal:
        raise CommandError(refusal.message, returncode=REFUSED) from None
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror},
            returncode=FILE_PROBLEM,
        ) from None


def import_refuse(
    write: Callable[[str], object], problems: Iterable[RowProblem], message: str
) -> NoReturn:
    """Refuse an import: every problem on its own line, then ``message`` (what was left as
    it was) as the command's error."""
    row_problems_write(write, problems)
    raise CommandError(message, returncode=REFUSED)


_BAR = 24
_REDRAW = 0.1  # seconds between two drawings of the bar
_PLAIN_EVERY = 10.0  # seconds between two plain lines, when the output is not a terminal


class Progress:
    """How far a long command has got, on its standard error, never on its output.

    On a terminal, one line redrawn in place: a bar when the total is known, else a count,
    and the stage (``stage``) before it. Anywhere else (a log, a pipe, a test) a plain line
    every ten seconds, so that a short run writes nothing and a long one shows it is alive.
    The line is cleared when the work is done (``with Progress(…)``, or ``done``).
    """

    def __init__(
        self,
        stream: OutputWrapper,
        label: str,
        *,
        total: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.label = label
        self.total = total
        self.count = 0
        self.clock = clock
        try:
            self.tty = bool(stream.isatty())
        except (AttributeError, ValueError):
            self.tty = False
        self.drawn = False
        self.last = clock()

    def __enter__(self) -> Progress:
        if self.tty:
            self._draw()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.done()

    def stage(self, label: str, *, total: int | None = None) -> None:
        """A new stage of the work, counted from zero."""
        self.label, self.total, self.count = label, total, 0
        self._show(force=True)

    def advance(self, count: int = 1) -> None:
        self.count += count
        self._show()

    def reach(self, count: int) -> None:
        """The count so far, when the work counts it itself."""
        self.count = count
        self._show()

    def done(self) -> None:
        if self.tty and self.drawn:
            self.stream.write("\r\x1b[K", ending="")
            self.stream.flush()
            self.drawn = False

    def _show(self, *, force: bool = False) -> None:
        now = self.clock()
        if self.tty:
            if force or now - self.last >= _REDRAW:
                self.last = now
                self._draw()
        elif now - self.last >= _PLAIN_EVERY:
            self.last = now
            self.stream.write(self.line())

    def line(self) -> str:
        """The words of the progress as it stands, without the bar."""
        count = number_format(self.count, force_grouping=True)
        if self.total:
            share = min(self.count, self.total) * 100 // self.total
            total = number_format(self.total, force_grouping=True)
            return _("%(label)s: %(count)s of %(total)s (%(share)s %%)") % {
                "label": self.label,
                "count": count,
                "total": total,
                "share": share,
            }
        return _("%(label)s: %(count)s") % {"label": self.label, "count": count}

    def _draw(self) -> None:
        bar = ""
        if self.total:
            filled = min(self.count, self.total) * _BAR // self.total
            bar = "[" + "#" * filled + "." * (_BAR - filled) + "] "
        self.stream.write(f"\r\x1b[K{bar}{self.line()}", ending="")
        self.stream.flush()
        self.drawn = True
