"""What the API accepts, bounded at the edge: every text no longer than the column that keeps
it and free of control characters, every number within what its column holds.

Bodies derive from :class:`Input`; lengths come from the models (:func:`length_of`), numbers
are bounded with ``ge``/``le`` (:data:`MAX_ID` for ids). The OpenAPI document says all of it
(``maxLength``, ``pattern``, ``minimum``, ``maximum``), so that a program knows beforehand
what will be refused. Control characters in a path or a query string are refused before the
operation runs (``comuna.core.middleware``).
"""

from __future__ import annotations

from typing import Any, get_args

from django.db.models import Field, Model
from django.utils.translation import gettext_lazy
from ninja import Schema
from pydantic import ConfigDict, ValidationInfo, field_validator

from comuna.core.forms import MAX_ID
from comuna.core.validators import CONTROL_MESSAGE, has_control_characters

__all__ = ["MAX_ID", "NO_CONTROL", "Input", "length_of"]

BOOLEAN_MESSAGE = gettext_lazy("Give a number here, not true or false.")
# What a text may hold, as a JSON-schema pattern: anything but control characters (tab and
# line breaks are allowed).
NO_CONTROL = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"


def length_of(model: type[Model], name: str) -> int:
    """The ``max_length`` of a model's text column."""
    field = model._meta.get_field(name)
    length = field.max_length if isinstance(field, Field) else None
    if length is None:
        raise ValueError(f"{model.__name__}.{name} has no max_length")
    return length


def _document_patterns(schema: dict[str, Any]) -> None:
    for prop in schema.get("properties", {}).values():
        for variant in [prop, *prop.get("anyOf", [])]:
            if variant.get("type") == "string" and "format" not in variant:
                variant.setdefault("pattern", NO_CONTROL)


class Input(Schema):
    """A body the API accepts: no text of it holds a control character."""

    model_config = ConfigDict(json_schema_extra=_document_patterns)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        if isinstance(value, str) and has_control_characters(value):
            raise ValueError(str(CONTROL_MESSAGE))
        return value

    @field_validator("*", mode="before")
    @classmethod
    def _no_booleans_for_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        # JSON's true and false are not the numbers 1 and 0, whatever Python says.
        if isinstance(value, bool) and info.field_name is not None:
            annotation = cls.model_fields[info.field_name].annotation
            if annotation is not bool and bool not in get_args(annotation):
                raise ValueError(str(BOOLEAN_MESSAGE))
        return value
