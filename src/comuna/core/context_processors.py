from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comuna.core.selectors import commune_current


def commune(request: HttpRequest) -> dict[str, Any]:
    return {"commune": commune_current()}
