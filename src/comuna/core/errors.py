"""The pages a refusal or a failure answers with: 400, 403, 404 and 500.

Every refusal reaches the person who asked, in their language, inside the site's layout, with
the reason the app wrote and a way back (to the page they came from, when it is on this site,
and to the home page). HTMX requests get the reason alone, to put where the answer would have
gone; the JSON API gets ``{"detail": reason}``.

The server log keeps one line per ordinary refusal (method, path, status, user, reason) and no
traceback: a refusal is the app working as meant. A real failure (500) keeps its traceback,
which Django writes.

A :class:`~comuna.core.refusals.Refusal` that a view lets through (a view that has no form to
put it on) becomes the page of its status here, through :class:`RefusalMiddleware`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.urls import Resolver404, reverse
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.log import log_response
from django.utils.translation import gettext as _

from comuna.core.refusals import Refusal

# The JSON API's prefix: its refusals are JSON, never a page.
API_PREFIX = "/api/"


def _titles() -> dict[int, str]:
    return {
        400: _("We could not understand what was sent"),
        403: _("You cannot do this"),
        404: _("We could not find this page"),
        409: _("This was already done"),
    }


def _default_reasons() -> dict[int, str]:
    return {
        400: _("Something in what was sent is not valid. Go back and try again."),
        403: _("You may not do this."),
        404: _("The address may have a mistake, or what it points to is not in your reach."),
        409: _("Someone did this already. Go back and reload the page to see how it stands."),
    }


def reason_of(exception: BaseException | None, status: int) -> str:
    """What to tell the person: the message the app wrote, or a plain one for the status.

    Messages the app did not write for people (the URL resolver's, a suspicious request's)
    are not shown.
    """
    message = ""
    if isinstance(exception, Refusal):
        message = exception.message
    elif isinstance(exception, Resolver404 | SuspiciousOperation):
        message = ""
    elif isinstance(exception, Http404 | PermissionDenied | BadRequest) and exception.args:
        first = exception.args[0]
        message = str(first) if isinstance(first, str | Promise) else ""
    return message or _default_reasons().get(status, _default_reasons()[400])


def came_from(request: HttpRequest) -> str:
    """The page on this site the person came from (its path), or "" if none or elsewhere."""
    referer = str(request.META.get("HTTP_REFERER", ""))
    if not referer:
        return ""
    try:
        host = request.get_host()
    except SuspiciousOperation:
        return ""
    if not url_has_allowed_host_and_scheme(referer, allowed_hosts={host}):
        return ""
    parts = urlsplit(referer)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith("/") or path.startswith("//") or parts.path == request.path:
        return ""
    return path


def _user_label(request: HttpRequest) -> str:
    """The login behind the request: its session's, or its API token's (``request.auth``)."""
    for who in (getattr(request, "user", None), getattr(request, "auth", None)):
        if getattr(who, "is_authenticated", False):
            return str(who.get_username())  # type: ignore[union-attr]
    return "-"


def log_refusal(
    request: HttpRequest,
    response: HttpResponse,
    reason: str,
    logger: logging.Logger | None = None,
) -> None:
    """One line for a refusal: method, path, status, user, reason. No traceback.

    The path is escaped (it is what the client sent); marking the response as logged stops
    Django from writing a second line with the exception's traceback.
    """
    path = request.path.encode("unicode_escape").decode("ascii")
    line = f"{request.method} {path} {response.status_code} {_user_label(request)}: {reason}"
    if logger is None:
        log_response(line, response=response, request=request)
    else:
        log_response(line, response=response, request=request, logger=logger)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def refusal_response(
    request: HttpRequest, status: int, reason: str, *, title: str = ""
) -> HttpResponse:
    """The answer to a refused request, suited to who asked: JSON, a fragment, or a page."""
    if _is_api(request):
        return JsonResponse(
            {"detail": reason}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    if _is_htmx(request):
        body = f'<p class="refusal" role="alert" data-testid="refusal">{escape(reason)}</p>'
        return HttpResponse(body, status=status)
    context = {
        "status": status,
        "title": title or _titles().get(status, _titles()[400]),
        "reason": reason,
        "back": came_from(request),
        "home": reverse("portal:home"),
    }
    try:
        content = loader.render_to_string("core/error.html", context, request)
    except Exception:  # noqa: BLE001 - the layout failed: the page without it, still in words
        content = loader.render_to_string("core/error_minimal.html", context)
    return HttpResponse(content, status=status)


def _refused(
    request: HttpRequest,
    exception: BaseException | None,
    status: int,
    logger: logging.Logger | None = None,
) -> HttpResponse:
    reason = reason_of(exception, status)
    response = refusal_response(request, status, reason)
    log_refusal(request, response, reason, logger)
    return response


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """``handler400``. A suspicious request is logged where Django logs those."""
    logger = None
    if isinstance(exception, SuspiciousOperation):
        logger = logging.getLogger(f"django.security.{type(exception).__name__}")
    return _refused(request, exception, 400, logger)


def forbidden(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """``handler403``."""
    return _refused(request, exception, 403)


def not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """``handler404``."""
    return _refused(request, exception, 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: most often a form left open past its session, or the back
    button after logging out; Django logs it itself (with its own reason)."""
    message = _(
        "This form is no longer valid, perhaps because your session ended. "
        "Reload the page and try again."
    )
    return refusal_response(request, 403, message)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: no database, no commune, no layout; Django logs the traceback.

    The failure may be the database itself, so this page reads nothing but the request's
    headers.
    """
    if _is_api(request):
        detail = _("Something went wrong on our side. Try again later.")
        return JsonResponse(
            {"detail": detail}, status=500, json_dumps_params={"ensure_ascii": False}
        )
    context = {
        "status": 500,
        "title": _("Something went wrong on our side"),
        "reason": _(
            "What you were doing may not have been saved. Go back and try again; if it "
            "happens again, tell the commune's administrator."
        ),
        "back": came_from(request),
        "home": "/",
    }
    return HttpResponse(loader.render_to_string("core/error_minimal.html", context), status=500)


class RefusalMiddleware:
    """A service's :class:`Refusal` that a view let through answers as the page of its
    status, with its message (instead of a 500 with a traceback)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Refusal):
            return _refused(request, exception, exception.status)
        return None
