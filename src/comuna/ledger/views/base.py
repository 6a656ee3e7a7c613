"""What every ledger view does the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from comuna.core.models import Commune
from comuna.core.tenancy import commune_of
from comuna.ledger.chart import chart_ensure
from comuna.ledger.errors import LedgerError
from comuna.users.actors import Actor, actor_of


def the_commune(request: HttpRequest) -> Commune:
    commune = commune_of(request)
    chart_ensure(commune)
    return commune


def the_actor(request: HttpRequest) -> Actor:
    """The request's actor, once its commune is known: a page asked for before a commune is
    chosen sends the user to choose one (``core.tenancy``) instead of answering 404."""
    commune_of(request)
    return actor_of(request)


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
