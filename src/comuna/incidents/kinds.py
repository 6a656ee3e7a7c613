"""The kinds of incident every commune starts with, with their names for gettext.

Every commune gets these (``kinds_seed``, run when a commune is created, and by the data
migration for the communes created before); the administrator adds its own beside them.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

# (code, name in English: the msgid the Spanish catalogue translates)
STANDARD_KINDS: tuple[tuple[str, str], ...] = (
    ("water", gettext_noop("Water")),
    ("electricity", gettext_noop("Electricity")),
    ("gas", gettext_noop("Gas")),
    ("telephone", gettext_noop("Telephone and internet")),
    ("transport", gettext_noop("Transport")),
    ("streets", gettext_noop("Streets and lighting")),
    ("waste", gettext_noop("Waste")),
)
