"""What every text the project accepts must be, wherever it comes from (a form, a query
string, the JSON API): no NUL byte and no other invisible control character.

A NUL byte cannot be stored by PostgreSQL and would be stored silently by SQLite; the other
control characters (all but tab and line breaks) are never typed by a person and break the
printed documents. Length limits are declared where the text is taken (the form field, the
API schema), from the column that keeps it.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

CONTROL_MESSAGE = _(
    "The text contains invisible control characters (such as a NUL byte); type it again."
)


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def refuse_control_characters(value: object) -> None:
    """A validator for form fields and model fields."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")
