"""Who may do what in waste collection. Every view and API operation goes through here.

- the administrator and the enterprise manager keep the fleet, the points and the ration, and
  make the day's plan;
- a worker of the enterprise (a truck's crew) follows their route and logs the trip;
- the comptroller and the treasurer read everything and change nothing;
- anyone sees the public figures (kg collected, points served), never a person.
"""

from __future__ import annotations

from comuna.users.actors import Actor


def waste_is_managed(actor: Actor) -> bool:
    """The fleet, the points, the ration and the day's plan."""
    return actor.is_admin or actor.is_enterprise_manager


def waste_is_readable(actor: Actor) -> bool:
    return (
        waste_is_managed(actor)
        or actor.is_enterprise_worker
        or actor.is_comptroller
        or actor.is_treasurer
    )


def trips_are_loggable(actor: Actor) -> bool:
    """A route's trip log: the crew on their phone, or the manager typing the paper sheet."""
    return waste_is_managed(actor) or actor.is_enterprise_worker
