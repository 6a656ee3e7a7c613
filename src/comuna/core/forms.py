"""Form pieces that several apps share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Field, Model
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """The browser's date picker. Its value is always ISO (``2025-03-14``) whatever the
    language of the page: the browser shows it in the person's own format, and a value in any
    other format (``14/03/2025``) is one it throws away, leaving the field empty."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """The browser's time picker, whose value is always ``HH:MM`` (24 hours)."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class SpreadsheetField(forms.FileField):
    """A CSV or XLSX upload, refused above ``max_bytes`` with the limit in the message."""

    def __init__(self, *, max_bytes: int, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Spreadsheet (CSV or XLSX)"))
        super().__init__(**kwargs)
        self.max_bytes = max_bytes

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload is not None and upload.size > self.max_bytes:
            raise forms.ValidationError(
                gettext("The file is larger than %(limit)s; split it into several files.")
                % {"limit": filesizeformat(self.max_bytes)}
            )
        return upload


class UploadForm(forms.Form):
    """A file for an import (``comuna.core.imports``); an import's own form adds what the
    person chooses beside the file, and says it in ``options``."""

    # Big enough for years of a commune's books (about 100 bytes a row), small enough to be
    # kept in the database between the preview and the confirmation.
    file = SpreadsheetField(max_bytes=20 * 1024 * 1024)

    def options(self) -> dict[str, str]:
        """What the importer needs besides the file, once the form is valid."""
        return {}


# The largest id a row can have (a 64-bit signed primary key).
MAX_ID = 2**63 - 1


def column_max(model: type[Model], name: str) -> int:
    """The largest number the column of ``model.name`` holds on every database the project
    runs on, for a form field's ``max_value`` (beyond it PostgreSQL refuses the row and SQLite
    the number)."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()][1]
