"""What an import kind tells the pipeline: its columns, how a row reads, how rows are written.

Each app that imports spreadsheets subclasses :class:`Importer` once and registers it in its
``AppConfig.ready``; the pipeline (``comuna.core.imports.services``) finds it by ``kind``, so
core imports no app.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from django.contrib.auth.models import AbstractBaseUser as User

from comuna.core.models import Commune
from comuna.core.spreadsheets import DEFAULT_LIMITS, Column, Limits


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a file is refused: ``row`` as the spreadsheet shows it (the header is
    usually row 1), or None for the file as a whole. ``code`` is a stable word for programs."""

    row: int | None
    message: str
    code: str = "refused"


class Progress(Protocol):
    """Where a long import says how far it has got (``comuna.core.terminal.Progress``)."""

    def reach(self, count: int) -> None: ...

    def stage(self, label: str, *, total: int | None = None) -> None: ...


@dataclass(slots=True)
class Job:
    """One reading of one file: where it goes, who asked, and every problem found so far."""

    commune: Commune
    by: User | None
    # Whoever imports, as the importing app's access checks know them (an ``Actor``): core
    # passes it along without knowing what it is.
    actor: object
    # Who did it, as records written by hand name it: the login, or the command's --author.
    author: str
    filename: str
    options: Mapping[str, str]
    confirming: bool
    today: dt.date
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    # The command line's progress bar; None on the web, where an upload is read in seconds.
    progress: Progress | None = None

    def stage(self, label: str) -> None:
        """Say that the import has moved on to ``label`` (checking, saving…)."""
        if self.progress is not None:
            self.progress.stage(label)

    def refuse(self, row: int | None, message: str, *, code: str = "refused") -> None:
        """Name one problem; any problem at all means nothing of the file is written."""
        self.problems.append(Problem(row, message, code))

    @property
    def writes(self) -> bool:
        """Whether the rows are to be written: a confirmation with no problem so far.

        An importer that can check its rows without writing them skips its writes otherwise.
        """
        return self.confirming and not self.problems


class Summary(Protocol):
    """What an import did, or would do, as the importer counts it."""

    def record(self) -> dict[str, Any]:
        """The figures kept on the upload once applied (JSON: numbers and text)."""
        ...

    def sentence(self) -> str:
        """What was done, for the person who confirmed it, in their language."""
        ...


RowT = TypeVar("RowT")
SummaryT = TypeVar("SummaryT", bound=Summary)


class Importer(ABC, Generic[RowT, SummaryT]):
    """One kind of import (the census, the books…).

    The pipeline reads the file (``columns``), turns each row into a plain object
    (``row_read``), and hands those to ``rows_apply`` inside one transaction, which it rolls
    back unless the job is a confirmation and no problem was named.
    """

    kind: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    # How much of a file is read before it is refused (rows, cells, unpacked size…).
    limits: ClassVar[Limits] = DEFAULT_LIMITS

    def columns_for(self, job: Job) -> tuple[Column, ...]:
        """The columns this job reads; an option may make one of them optional."""
        return self.columns

    @abstractmethod
    def row_read(self, number: int, cells: dict[str, str], job: Job) -> RowT:
        """One row as a plain object; raise ``Refusal`` to name what is wrong with it.

        A row may also name its problems with ``job.refuse`` and still return what it read,
        so that checks across rows can use it.
        """

    @abstractmethod
    def rows_apply(self, rows: Iterator[tuple[int, RowT]], job: Job) -> SummaryT:
        """Check the rows against each other and the database, and write them in bulk.

        ``rows`` come in file order, each with its row number, and may be consumed as a
        stream. Each problem is named with ``job.refuse``; a file-wide one may be raised as a
        ``Refusal``. The writes are kept only if ``job.writes`` holds at the end.
        """


_importers: dict[str, Importer[Any, Any]] = {}


def importer_register(importer: Importer[Any, Any]) -> None:
    """Make an import kind known to the pipeline (from its app's ``ready``)."""
    known = _importers.setdefault(importer.kind, importer)
    if known is not importer and type(known) is not type(importer):
        raise ValueError(f"Two importers claim the kind {importer.kind!r}.")


def importer_for(kind: str) -> Importer[Any, Any]:
    """The importer of ``kind``; a ``LookupError`` for a kind no app registered."""
    try:
        return _importers[kind]
    except KeyError:
        raise LookupError(f"No importer is registered for {kind!r}.") from None
