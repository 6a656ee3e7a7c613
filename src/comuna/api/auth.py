"""Who is calling the API: a program with a personal token, or a logged-in browser.

Programs send ``Authorization: Bearer TOKEN`` (``comuna token create USERNAME`` prints one).
Pages that call the API with htmx use the browser's session, and then must send the CSRF
token as any form does. Either way the caller gets exactly the permissions of the pages:
every record is fetched through the apps' access functions, as the actor the caller is in
the token's commune (a token is made for one commune) or the session's.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from comuna.core.models import Commune
from comuna.memberships.selectors import actor_for
from comuna.users.actors import Actor, actor_of
from comuna.users.models import User
from comuna.users.tokens import token_for_raw


class BearerToken(HttpBearer):
    """A personal token, sent as ``Authorization: Bearer TOKEN``."""

    openapi_description = "A personal token: `comuna token create USERNAME` prints one."

    def authenticate(self, request: HttpRequest, token: str) -> User:
        found = token_for_raw(token)
        if found is None:
            # A token that does not work is refused outright, even from a logged-in browser:
            # the program that sent it must learn that it is wrong or revoked.
            raise AuthenticationError
        # A program acts in the commune its token was made for, whatever the host or session.
        request.commune = found.commune  # type: ignore[attr-defined]
        request.actor = actor_for(found.user, found.commune)  # type: ignore[attr-defined]
        return found.user


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


def api_actor(request: HttpRequest) -> Actor:
    """The actor an authenticated operation acts as, in the token's or the session's commune."""
    api_user(request)
    return actor_of(request)


def api_commune(request: HttpRequest) -> Commune:
    """The commune the request is about (token, host, session or the only one), or 404."""
    commune = getattr(request, "commune", None)
    if not isinstance(commune, Commune):
        raise Http404(_("Choose a commune first: this server holds several."))
    return commune
