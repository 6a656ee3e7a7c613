from __future__ import annotations

from django.db.models import QuerySet

from comuna.core.models import Commune


def communes_listed() -> QuerySet[Commune]:
    return Commune.objects.order_by("name", "code")
