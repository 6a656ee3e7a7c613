"""Who may use the synchronisation's pages.

- on a laptop, the commune's administrators (and the installation's superuser): its status,
  a bundle to carry, the server's bundle to apply;
- on a server, the federation's officers and the superuser: a commune's bundle to apply, and
  every commune's sync status and alarms. A commune's administrators see their own alarms.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from comuna.federation.models import Officer
from comuna.users.actors import Actor


def commune_is_syncable(actor: Actor) -> bool:
    """The commune's side: carry its bundle, apply the server's."""
    return actor.is_authenticated and actor.commune is not None and actor.is_admin


def server_is_operable(actor: Actor) -> bool:
    """The server's side: apply communes' bundles, see every commune's status and alarms."""
    if not actor.is_authenticated or actor.user is None:
        return False
    if actor.user.is_superuser:
        return True
    return Officer.objects.filter(user=actor.user).exists()


def page_require(actor: Actor) -> None:
    if not (commune_is_syncable(actor) or server_is_operable(actor)):
        raise PermissionDenied
