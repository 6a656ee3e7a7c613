"""What the federation publishes: the models whose rows only a federation server writes.

A commune's laptop is the only writer of its commune's records (every ``CommunalModel``);
the server is the only writer of what the federation publishes (its levels, registrations,
consultations, calendar, units of account). The apps that own such models register them
here from their ``AppConfig.ready()``, so that the synchronisation, which copies them down
to the laptops, imports none of those apps. Each registered model has a unique ``uuid``
field, by which its rows are known on every machine.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import models

_published: list[type[models.Model]] = []


def published_register(model: type[models.Model]) -> None:
    """Declare ``model`` as written only by the federation's server."""
    field_names = {field.name for field in model._meta.get_fields()}
    if "uuid" not in field_names:
        raise ImproperlyConfigured(f"{model.__name__} is published but has no uuid field.")
    if model not in _published:
        _published.append(model)


def published_models() -> list[type[models.Model]]:
    """The published models, in the order they were registered (parents before children:
    each app registers its own in dependency order)."""
    return list(_published)
