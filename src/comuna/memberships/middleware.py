"""Every request learns its commune and the actor its user is there."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from comuna.core.tenancy import SESSION_KEY, CommuneNotChosen, commune_resolve
from comuna.memberships.selectors import actor_for, communes_of

# Pages that are about no commune in particular: the menu itself, logging in and out, the
# language switch, static files, the API (whose token names its commune), and the federation's
# pages, which stand above the communes: its levels, popular consultations, shared calendar
# and gatherings (a commune's own part in them asks for its commune itself).
_NEEDS_NO_COMMUNE = (
    "/comunas/",
    "/cuenta/",
    "/i18n/",
    "/jsi18n/",
    "/static/",
    "/api/",
    "/consultas/",
    "/encuentros/",
    "/federacion/",
)


class CommuneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        commune, several = commune_resolve(
            host=request.get_host(), chosen_id=request.session.get(SESSION_KEY)
        )
        if commune is None and request.user.is_authenticated:
            # A member of a single commune needs no menu: they are placed in it.
            theirs = list(communes_of(request.user)[:2])
            if len(theirs) == 1:
                commune = theirs[0]
                request.session[SESSION_KEY] = commune.pk
        request.commune = commune  # type: ignore[attr-defined]
        request.communes_several = several  # type: ignore[attr-defined]
        request.actor = actor_for(request.user, commune)  # type: ignore[attr-defined]
        if commune is None and several and not request.path.startswith(_NEEDS_NO_COMMUNE):
            # Every page is about one commune: with several here and none chosen, the menu.
            return self._choose(request)
        return self.get_response(request)

    @staticmethod
    def _choose(request: HttpRequest) -> HttpResponse:
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('memberships:communes')}?{query}")

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, CommuneNotChosen):
            return self._choose(request)
        return None
