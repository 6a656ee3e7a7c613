"""What every ledger view does the same way."""

from __future__ import annotations

from django.http import Http404

from comuna.core.models import Commune
from comuna.core.selectors import commune_current
from comuna.ledger.chart import chart_ensure


def the_commune() -> Commune:
    commune = commune_current()
    if commune is None:
        raise Http404
    chart_ensure(commune)
    return commune
