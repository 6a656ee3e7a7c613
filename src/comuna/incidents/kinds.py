"""The kinds of incident every commune starts with, with their names for gettext.

Every commune gets these (``kinds_seed``, run when a commune is created, and by the data
migration for the communes created before); the administrator adds its own beside them.
The names are in the catalogue under the context ``CONTEXT`` (a brigade's kind "Water" is
another entry, translated by its own app).
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

CONTEXT = "incident kind"

# (code, name in English: the msgid the Spanish catalogue translates under CONTEXT)
STANDARD_KINDS: tuple[tuple[str, str], ...] = (
    ("water", "Water"),
    ("electricity", "Electricity"),
    ("gas", "Gas"),
    ("telephone", "Telephone and internet"),
    ("transport", "Transport"),
    ("streets", "Streets and lighting"),
    ("waste", "Waste"),
)
# The same names, for makemessages to find (it reads the calls, not the tuple above).
_CATALOGUE = (
    pgettext_lazy("incident kind", "Water"),
    pgettext_lazy("incident kind", "Electricity"),
    pgettext_lazy("incident kind", "Gas"),
    pgettext_lazy("incident kind", "Telephone and internet"),
    pgettext_lazy("incident kind", "Transport"),
    pgettext_lazy("incident kind", "Streets and lighting"),
    pgettext_lazy("incident kind", "Waste"),
)
