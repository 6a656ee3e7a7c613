from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest


def form_errors_flash(request: HttpRequest, form: forms.Form) -> None:
    """A form posted from a page that has no room for it (a button): its errors as messages."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
