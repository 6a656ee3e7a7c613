"""Who is calling the API: a program with a personal token, or a logged-in browser.

Programs send ``Authorization: Bearer TOKEN`` (``comuna token create USERNAME`` prints one).
Pages that call the API with htmx use the browser's session, and then must send the CSRF
token as any form does. Either way the caller gets exactly the permissions of the pages:
every record is fetched through ``comuna.census.access``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from comuna.users.models import User
from comuna.users.tokens import user_for_token


class BearerToken(HttpBearer):
    """A personal token, sent as ``Authorization: Bearer TOKEN``."""

    openapi_description = "A personal token: `comuna token create USERNAME` prints one."

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = user_for_token(token)
        if user is None:
            # A token that does not work is refused outright, even from a logged-in browser:
            # the program that sent it must learn that it is wrong or revoked.
            raise AuthenticationError
        return user


class BrowserSession(APIKeyCookie):
    """The session of a logged-in browser; writes need the CSRF token (``X-CSRFToken``).

    Unlike ninja's ``django_auth``, it checks CSRF only when there is a logged-in session, so
    a program whose token is wrong is told 401, not that a CSRF token is missing.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, _("The CSRF token is missing or wrong. Reload the page."))
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        return user if key and isinstance(user, User) and user.is_active else None


AUTH = [BearerToken(), BrowserSession()]


def api_user(request: HttpRequest) -> User:
    """The user an authenticated operation acts for: the token's holder or the session's user."""
    user: Any = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError
    return user
