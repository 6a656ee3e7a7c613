"""What every ledger view does the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest

from comuna.core.models import Commune
from comuna.core.selectors import commune_current
from comuna.ledger.errors import LedgerError


def the_commune() -> Commune:
    commune = commune_current()
    if commune is None:
        raise Http404
    return commune


def apply(form: forms.BaseForm, action: Callable[[], Any]) -> bool:
    """Run a service for a valid form; put a refusal on the form instead of raising."""
    if not form.is_valid():
        return False
    try:
        action()
    except LedgerError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    return True


def run(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service for a one-button form; a refusal becomes an error message."""
    try:
        action()
    except LedgerError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True
