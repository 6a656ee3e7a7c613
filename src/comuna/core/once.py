"""Forms that save once, however often they are sent.

A double click, a reload that sends the POST again, or going back in the browser and pressing
Save again would otherwise record a second entry. Every write form carries a one-time token
(``{% form_once %}``, a field named :data:`ONCE_FIELD`); :class:`OnceMiddleware` records the
token, under a unique constraint, in the same transaction as whatever the POST writes, and
keeps it only when the POST succeeded (it answered with a redirect, and no refusal was
flashed: ``core.web.run`` says so with :func:`once_refused`). A second POST with the
same token changes nothing and answers "This was already saved", with a link to what was
saved. Two POSTs racing with one token cannot both pass: the database lets one insert through
and makes the other wait and fail.

Going back in the browser reloads the form with a new token; ``comuna/forms.js`` marks the
token so that the browser restores the first one with the rest of what was typed. A POST
without a token (the API, a program) is served as before.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from comuna.core.models import Commune, FormSubmission

ONCE_FIELD = "form_once"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def once_token_new() -> str:
    return secrets.token_urlsafe(24)


def once_saved_at(request: HttpRequest, url: str) -> None:
    """Name the page where what this POST saved can be seen (by default, the page the POST
    redirects to), for the answer to a second submit of the same form."""
    request.once_saved_url = url  # type: ignore[attr-defined]


def once_refused(request: HttpRequest) -> None:
    """Say that this POST saved nothing although it redirects (a refusal shown as a message):
    its form's token stays good."""
    request.once_refused = True  # type: ignore[attr-defined]


def _token(request: HttpRequest) -> str | None:
    if request.method != "POST" or request.content_type not in _FORM_TYPES:
        return None
    token = request.POST.get(ONCE_FIELD, "")
    return token if _TOKEN.fullmatch(token) else None


def _already_saved(request: HttpRequest, submission: FormSubmission | None) -> HttpResponse:
    page = render_to_string("core/once_done.html", {"submission": submission}, request=request)
    return HttpResponse(page, status=409)


class OnceMiddleware:
    """Consumes each form's one-time token with the first POST that saves (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _token(request)
        commune = getattr(request, "commune", None)
        if token is None or not isinstance(commune, Commune):
            return self.get_response(request)
        done = FormSubmission.objects.of(commune).filter(token=token).first()
        if done is not None:
            return _already_saved(request, done)
        user = request.user if request.user.is_authenticated else None
        with transaction.atomic():
            try:
                with transaction.atomic():
                    submission = FormSubmission.objects.create(
                        commune=commune, token=token, user=user, path=request.path[:500]
                    )
            except IntegrityError:
                # Another POST with this token got there first and has now committed.
                pass
            else:
                response = self.get_response(request)
                saved = 300 <= response.status_code < 400
                if saved and not getattr(request, "once_refused", False):
                    url = getattr(request, "once_saved_url", "") or response.get("Location", "")
                    submission.saved_url = url[:500]
                    submission.save(update_fields=["saved_url"])
                else:
                    # Nothing was saved (the form had errors, or was refused): the token is
                    # still good for the corrected form.
                    submission.delete()
                return response
        first = FormSubmission.objects.of(commune).filter(token=token).first()
        return _already_saved(request, first)
