"""Which buttons a page shows: the apps' own access checks, asked by name from a template.

A page must not offer what its reader may not do (a spokesperson shown "Reconciliation"
meets a refusal). The rule lives once, in the app's ``access.py``; each app registers the
checks its buttons need here, from its ``AppConfig.ready()``, under a name such as
``"distribution.reconciliation"``, and a template asks ``{% if actor|may:"…" %}`` (the
``comuna`` template library). Core imports no app: the apps register with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

# A check takes the request's actor and answers whether it may.
Check = Callable[[Any], bool]

_checks: dict[str, Check] = {}


def permission_register(name: str, check: Check) -> None:
    """Make ``check`` (an access function of the app) askable as ``name``."""
    if _checks.get(name, check) is not check:
        raise ImproperlyConfigured(f"Two checks registered as {name!r}.")
    _checks[name] = check


def permitted(actor: Any, name: str) -> bool:
    """Whether ``actor`` may do what the check ``name`` guards. An unknown name fails loudly,
    so that a misspelt check never shows (or hides) a button silently."""
    try:
        check = _checks[name]
    except KeyError:
        raise ImproperlyConfigured(f"No access check is registered as {name!r}.") from None
    return bool(check(actor))
