"""What every ledger view does the same way."""

from __future__ import annotations

from django.http import HttpRequest

from comuna.core.models import Commune
from comuna.core.tenancy import commune_of
from comuna.users.actors import Actor, actor_of


def the_commune(request: HttpRequest) -> Commune:
    commune = commune_of(request)
    return commune


def the_actor(request: HttpRequest) -> Actor:
    """The request's actor, once its commune is known: a page asked for before a commune is
    chosen sends the user to choose one (``core.tenancy``) instead of answering 404."""
    commune_of(request)
    return actor_of(request)
