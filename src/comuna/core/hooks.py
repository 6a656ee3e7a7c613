"""What the apps do when a commune is created, registered by each from its ``AppConfig.ready()``.

The core is below every app and imports none of them. An app that keeps rows of its own for
every commune (the ledger opens its chart of accounts) registers a function here
(``on_commune_created``); ``comuna.core.services.commune_create`` runs them all in the
transaction that creates the commune, so a commune never exists without them and nothing
has to be made up later on a page that only reads.
"""

from __future__ import annotations

from collections.abc import Callable

from comuna.core.models import Commune

CommuneCreated = Callable[[Commune], object]

_commune_created: list[CommuneCreated] = []


def on_commune_created(hook: CommuneCreated) -> CommuneCreated:
    """Run ``hook(commune)`` for every commune created from now on (registering twice runs
    it once). Returns the hook, so that it can be used as a decorator."""
    if hook not in _commune_created:
        _commune_created.append(hook)
    return hook


def commune_created_run(commune: Commune) -> None:
    """Every hook, in the order they were registered (the order of ``INSTALLED_APPS``)."""
    for hook in _commune_created:
        hook(commune)
