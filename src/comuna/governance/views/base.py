"""What every governance view does the same way: who acts, how a refusal reaches the form,
how a PDF is sent, how a POST lands back on the meeting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from comuna.governance.services import GovernanceError
from comuna.users.models import User


def acting_user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):  # login_required guarantees it; this tells mypy
        raise PermissionDenied
    return request.user


def apply(form: forms.BaseForm, action: Callable[[], Any]) -> bool:
    """Run a service for a valid form; put a refusal on the form instead of raising."""
    if not form.is_valid():
        return False
    try:
        action()
    except GovernanceError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    return True


def run(request: HttpRequest, action: Callable[[], Any], success: str | None = None) -> bool:
    """Run a service for a one-button form; a refusal becomes an error message."""
    try:
        action()
    except GovernanceError as error:
        messages.error(request, error.message)
        return False
    if success:
        messages.success(request, success)
    return True


def form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """An inline form on a busy page: its errors go to the messages at the top."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


def form_page(
    request: HttpRequest, form: forms.BaseForm, title: str, back: str, **context: Any
) -> HttpResponse:
    return render(
        request, "core/form.html", {"form": form, "title": title, "back": back, **context}
    )


def pdf(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, filename)},
    )


def back(url: str, anchor: str = "") -> HttpResponse:
    return redirect(f"{url}#{anchor}" if anchor else url)
