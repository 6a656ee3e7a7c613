"""The page every governance form is shown on."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse

from comuna.core.web import render


def form_page(
    request: HttpRequest, form: forms.BaseForm, title: str, back: str, **context: Any
) -> HttpResponse:
    return render(
        request, "core/form.html", {"form": form, "title": title, "back": back, **context}
    )
