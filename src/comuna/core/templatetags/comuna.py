"""Template helpers every app's pages use: ``may`` (may the actor do this?) and ``svg_fill``
(a chart's colour without an inline style, which the Content-Security-Policy forbids)."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from comuna.core.permissions import permitted

register = template.Library()

_VARIABLE = re.compile(r"^var\(--([a-z]+)\)$")


@register.filter
def may(actor: Any, check: str) -> bool:
    """``{% if actor|may:"distribution.reconciliation" %}``: the app's own access check."""
    return permitted(actor, check)


@register.filter
def svg_fill(colour: str) -> SafeString:
    """A colour of comuna.css (``var(--m)``) as its class (``fill-m``), any other as the SVG
    ``fill`` attribute: both work without a ``style`` attribute."""
    if match := _VARIABLE.match(colour):
        return format_html('class="fill-{}"', match.group(1))
    return format_html('fill="{}"', colour)
