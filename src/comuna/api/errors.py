"""Every API error is JSON with a ``detail`` message in the language the request asked for.

- 400: the input was refused, by the schema (``errors`` lists the fields), by a service
  (``field`` names the field when there is one, ``code`` says which refusal it is), or before
  it was read (a body that is not JSON, or larger than the server takes; a control character
  in the path or the query string);
- 401: no valid token and no logged-in session;
- 403: the caller may read this but not change it;
- 404: no such record within the caller's reach (whether it exists elsewhere is not told);
- any other status a service's refusal carries (409 for what was already done), with the same
  body as a 400 from a service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from comuna.core.errors import log_refusal
from comuna.core.refusals import Refusal

E = TypeVar("E", bound=Exception)


class ErrorOut(Schema):
    detail: str
    field: str | None = None
    code: str | None = None


class FieldErrorOut(Schema):
    field: str
    message: str


class InvalidOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


# The responses every authenticated operation may give, for the OpenAPI document.
READ_ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def register(api: NinjaAPI) -> None:
    """Install the handlers, a service's :class:`Refusal` among them."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        response = api.create_response(request, body, status=status)
        # One line in the server log, as for every refusal of the site (no traceback).
        log_refusal(request, response, str(body["detail"]))
        return response

    def refused(request: HttpRequest, exc: Refusal) -> HttpResponse:
        body = {"detail": exc.message, "field": exc.field, "code": exc.code}
        return respond(request, exc.status, body)

    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"field": str(error.get("loc", ["?"])[-1]), "message": str(error.get("msg", ""))}
            for error in exc.errors
        ]
        fields = ", ".join(dict.fromkeys(error["field"] for error in errors))
        detail = _("These fields are missing or not valid: %(fields)s.") % {"fields": fields}
        return respond(request, 400, {"detail": detail, "errors": errors})

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = _("Log in, or send a valid token as “Authorization: Bearer TOKEN”.")
        response = respond(request, 401, {"detail": detail})
        response["WWW-Authenticate"] = "Bearer"
        return response

    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, {"detail": str(exc) or _("You may not do this.")})

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, {"detail": str(exc) or _("Not found.")})

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and exc.__cause__ is not None:
            # ninja's own "Cannot parse request body", raised from the JSON parser's error.
            return respond(request, 400, {"detail": _("The request body is not valid JSON.")})
        return respond(request, exc.status_code, {"detail": exc.message})

    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        detail = _("The request is larger than %(limit)s.") % {"limit": limit}
        return respond(request, 400, {"detail": detail})

    _handle(api, Refusal, refused)
    _handle(api, RequestDataTooBig, too_big)
    _handle(api, ValidationError, invalid)
    _handle(api, AuthenticationError, unauthenticated)
    _handle(api, PermissionDenied, forbidden)
    _handle(api, Http404, not_found)
    _handle(api, HttpError, http_error)


def _handle(
    api: NinjaAPI, kind: type[E], handler: Callable[[HttpRequest, E], HttpResponse]
) -> None:
    # ninja's annotation says a handler also receives exception classes; it never does.
    api.add_exception_handler(kind, handler)  # type: ignore[arg-type]
