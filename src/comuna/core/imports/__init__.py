"""One import pipeline for every spreadsheet a commune brings: census, books, and the rest.

An app describes its import once (an :class:`Importer`: columns, how a row reads, how the
rows are written in bulk) and registers it; the pipeline reads the file
(``comuna.core.spreadsheets``), names every bad row, and applies a good file once, all of it
or nothing. See ``services`` for the steps and ``views`` for the two pages.
"""

from comuna.core.imports.importers import (
    Importer,
    Job,
    Problem,
    Summary,
    importer_for,
    importer_register,
)
from comuna.core.imports.services import (
    Outcome,
    file_import,
    upload_confirm,
    upload_create,
    upload_preview,
)

__all__ = [
    "Importer",
    "Job",
    "Outcome",
    "Problem",
    "Summary",
    "file_import",
    "importer_for",
    "importer_register",
    "upload_confirm",
    "upload_create",
    "upload_preview",
]
