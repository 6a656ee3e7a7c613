from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from comuna.census.selectors import commune_statistics
from comuna.core.tenancy import commune_of


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("core:public")
    return render(
        request, "core/home.html", {"stats": commune_statistics(commune=commune_of(request))}
    )


def public(request: HttpRequest) -> HttpResponse:
    """Aggregates for anyone, with no login: counts and charts, never a name."""
    return render(
        request, "core/public.html", {"stats": commune_statistics(commune=commune_of(request))}
    )


def form_errors_flash(request: HttpRequest, form: forms.Form) -> None:
    """A form posted from a page that has no room for it (a button): its errors as messages."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
