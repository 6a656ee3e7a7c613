"""The form pieces every app shares: dates the browser's picker keeps, in every language."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from typing import Any

import pytest
from django import forms
from django.utils import translation

import comuna
from comuna.core.forms import DateInput, TimeInput


def _project_forms() -> list[type[forms.BaseForm]]:
    found: set[type[forms.BaseForm]] = set()
    for module in pkgutil.walk_packages(comuna.__path__, "comuna."):
        if not module.name.endswith(".forms"):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__.startswith("comuna.")
            ):
                found.add(value)
    return sorted(found, key=lambda f: f"{f.__module__}.{f.__qualname__}")


def _dated_fields() -> list[tuple[str, forms.Field]]:
    return [
        (f"{form.__module__}.{form.__qualname__}.{name}", field)
        for form in _project_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField | forms.TimeField)
    ]


def test_the_project_has_date_fields_to_check() -> None:
    assert len(_dated_fields()) > 20


@pytest.mark.parametrize(("name", "field"), _dated_fields(), ids=lambda v: str(v))
def test_every_date_field_uses_the_shared_picker(name: str, field: Any) -> None:
    expected = TimeInput if isinstance(field, forms.TimeField) else DateInput
    assert isinstance(field.widget, expected), name


def test_a_date_is_written_for_the_picker_in_spanish_and_read_back() -> None:
    class Born(forms.Form):
        on = forms.DateField(widget=DateInput)
        at = forms.TimeField(widget=TimeInput)

    with translation.override("es"):
        html = str(Born(initial={"on": dt.date(1990, 5, 14), "at": dt.time(9, 30)}))
        assert 'type="date"' in html
        assert 'value="1990-05-14"' in html
        assert 'value="09:30"' in html
        assert "14/05/1990" not in html
        unchanged = Born({"on": "1990-05-14", "at": "09:30"})
        assert unchanged.is_valid(), unchanged.errors
        assert unchanged.cleaned_data["on"] == dt.date(1990, 5, 14)
