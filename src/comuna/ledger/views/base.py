"""What every ledger view does the same way."""

from __future__ import annotations

from django.http import HttpRequest

from comuna.core.models import Commune
from comuna.core.tenancy import commune_of


def the_commune(request: HttpRequest) -> Commune:
    commune = commune_of(request)
    return commune
