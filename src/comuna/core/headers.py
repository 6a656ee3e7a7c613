"""Two headers every response gets, so that a shared laptop keeps nothing and a page runs
nothing it did not ship.

- **Content-Security-Policy** on every HTML page: scripts, styles, images, fonts and requests
  only from this site (everything Comuna uses is served by itself; the commune may have no
  internet), no plugins, no framing, forms posted only here. No inline script or style
  attribute runs: behaviour lives in ``static/comuna/comuna.js``, looks in ``comuna.css``.
- **Cache-Control: private, no-store** on every answer that may carry personal data: every
  response to a logged-in person, every answer of the JSON API, every download (CSV,
  spreadsheet, PDF). After logging out on a shared laptop, the browser's cache and its back
  button hold none of it. Public pages and static files stay cacheable.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from comuna.core.errors import API_PREFIX

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Swagger's icons and the browser's own form widgets use data: images.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# The API's interactive docs are django-ninja's Swagger UI, which styles its widgets inline.
_DOCS_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)

NO_STORE = "private, no-store"

# Downloads whose content is about people, whoever asks for them.
_PERSONAL_TYPES = (
    "application/pdf",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/json",
)


def carries_personal_data(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the browser must not keep this answer."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if request.path.startswith(API_PREFIX):
        return True
    if response.get("Content-Disposition", "").startswith("attachment"):
        return True
    return response.get("Content-Type", "").split(";")[0].strip() in _PERSONAL_TYPES


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and, where personal data travels, Cache-Control.

    Placed after WhiteNoise, so static files (served before it) keep their long cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            docs = request.path.startswith(f"{API_PREFIX}docs")
            response.setdefault(
                "Content-Security-Policy", _DOCS_POLICY if docs else CONTENT_SECURITY_POLICY
            )
        if carries_personal_data(request, response):
            response["Cache-Control"] = NO_STORE
        return response
