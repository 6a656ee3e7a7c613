from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comuna.users.actors import actor_of


def tenancy(request: HttpRequest) -> dict[str, Any]:
    """The request's commune and actor, for the header and for showing only usable buttons."""
    return {
        "commune": getattr(request, "commune", None),
        "communes_several": getattr(request, "communes_several", False),
        "actor": actor_of(request),
    }
