"""The municipal codes of the European List of Waste (chapter 20 01, separately collected
fractions) that a commune's yard takes in, with their names for gettext.

Every commune starts with these (``materials_seed``, run when a commune is created, and by
the data migration for the communes created before); it may add its own codes beside them.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

# (code, name in English: the msgid the Spanish catalogue translates)
STANDARD_MATERIALS: tuple[tuple[str, str], ...] = (
    ("20 01 01", gettext_noop("Paper and cardboard")),
    ("20 01 02", gettext_noop("Glass")),
    ("20 01 08", gettext_noop("Biodegradable kitchen and canteen waste")),
    ("20 01 10", gettext_noop("Clothes")),
    ("20 01 11", gettext_noop("Textiles")),
    ("20 01 25", gettext_noop("Edible oil and fat")),
    ("20 01 34", gettext_noop("Batteries")),
    ("20 01 36", gettext_noop("Discarded electrical and electronic equipment")),
    ("20 01 38", gettext_noop("Wood")),
    ("20 01 39", gettext_noop("Plastics")),
    ("20 01 40", gettext_noop("Metals")),
)
