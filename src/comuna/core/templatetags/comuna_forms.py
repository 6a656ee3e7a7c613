"""``{% form_once %}``: the one-time token of a write form (see ``comuna.core.once``)."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from comuna.core.once import ONCE_FIELD, once_token_new

register = template.Library()


@register.simple_tag
def form_once() -> SafeString:
    """A fresh token, in a field the browser restores on Back (hence text, not hidden, and
    no ``autocomplete="off"``, which would stop the browser from restoring it)."""
    return format_html(
        '<input type="text" name="{}" value="{}" hidden data-once><script src="{}" defer></script>',
        ONCE_FIELD,
        once_token_new(),
        static("comuna/forms.js"),
    )
