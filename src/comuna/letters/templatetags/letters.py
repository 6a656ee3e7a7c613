"""The home page's notice of overdue letters, for the administrator."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from comuna.letters.access import letters_are_written, letters_readable
from comuna.letters.selectors import letters_overdue
from comuna.users.actors import actor_nobody

register = template.Library()


@register.inclusion_tag("letters/_overdue_notice.html", takes_context=True)
def letters_overdue_notice(context: dict[str, Any]) -> dict[str, Any]:
    """How many letters wait past their due day, shown to the administrator who follows up."""
    actor = context.get("actor") or actor_nobody()
    if not letters_are_written(actor):
        return {"count": 0}
    overdue = letters_overdue(letters_readable(actor), today=timezone.localdate())
    return {"count": overdue.count()}
