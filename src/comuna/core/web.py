"""What every web view does the same way: how a page is rendered (400 when it shows a form
refused), how a service's refusal reaches the person (on the form, or in the messages), how a
PDF is sent, how a POST lands back."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render as django_render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from comuna.core.once import once_refused
from comuna.core.refusals import Refusal


def render(
    request: HttpRequest,
    template_name: str,
    context: Mapping[str, Any] | None = None,
    status: int | None = None,
) -> HttpResponse:
    """Django's ``render``, answering 400 when the page shows a form that was sent and refused.

    Every view renders through this one, so that a program, a test or a proxy can tell a form
    sent back with its errors from a page shown as asked; the person sees the same page. The
    htmx setup in ``core/base.html`` swaps a 400 in like a 200, so fragments show the errors.
    """
    if status is None:
        status = 400 if any(_refused(value) for value in (context or {}).values()) else 200
    return django_render(request, template_name, context, status=status)


# A fragment is kept until its stamp changes; the hour only bounds what an idle one holds.
FRAGMENT_SECONDS = 3600


def fragment_cached(
    template_name: str, stamp: str, context: Callable[[], Mapping[str, Any]]
) -> SafeString:
    """A part of a page that is the same for every reader (a public page's figures), rendered
    once per ``stamp`` and language and then served from the cache.

    ``stamp`` must change whenever what the fragment shows does (the newest row's UUID and
    the names it prints): a stale figure is never served, however many readers ask at once,
    and the figures are not counted again for each of them. The fragment is rendered with no
    request, so nothing of one reader (a login, a CSRF token) can reach another.
    """
    digest = hashlib.sha256(f"{template_name}|{get_language()}|{stamp}".encode()).hexdigest()
    key = f"fragment:{digest}"
    html: str | None = cache.get(key)
    if html is None:
        html = render_to_string(template_name, dict(context()))
        cache.set(key, html, FRAGMENT_SECONDS)
    # The template escaped what it printed when it was rendered.
    return mark_safe(html)  # noqa: S308


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    title: str,
    back: str,
    *,
    template: str = "core/form.html",
    **context: object,
) -> HttpResponse:
    """A page of one form: its title, the form, and the way back (``core/form.html``)."""
    return render(request, template, {"form": form, "title": title, "back": back, **context})


def _refused(value: object) -> bool:
    if isinstance(value, forms.BaseForm | forms.BaseFormSet):
        return value.is_bound and not value.is_valid()
    return False


def apply(form: forms.BaseForm, action: Callable[[], Any]) -> bool:
    """Run a service for a valid form; put a refusal on the form instead of raising.

    The refusal goes on the field it names when the form has that field, else above the form.
    """
    if not form.is_valid():
        return False
    try:
        action()
    except Refusal as refusal:
        form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        return False
    return True


def run(request: HttpRequest, action: Callable[[], Any], success: str | None = None) -> bool:
    """Run a service for a one-button form; a refusal becomes an error message."""
    try:
        action()
    except Refusal as refusal:
        messages.error(request, refusal.message)
        once_refused(request)
        return False
    if success:
        messages.success(request, success)
    return True


def form_errors_flash(request: HttpRequest, form: forms.BaseForm) -> None:
    """A form posted from a page that has no room for it (a button): its errors as messages,
    each after the label of its field, since the page does not show the field."""
    once_refused(request)
    for line in form_errors_lines(form):
        messages.error(request, line)


def form_errors_lines(form: forms.BaseForm) -> list[str]:
    """A refused form's errors, each after the label of its field."""
    lines: list[str] = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        lines.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return lines


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    """A PDF shown in the browser, saved as ``filename`` when the person saves it."""
    return HttpResponse(
        content,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, filename)},
    )


def back(url: str, anchor: str = "") -> HttpResponse:
    """Back to the page a POST came from, at the part of it that changed."""
    return redirect(f"{url}#{anchor}" if anchor else url)
