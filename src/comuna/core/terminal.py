"""What the ``comuna`` command needs to speak the user's language in a terminal."""

from __future__ import annotations

import os

SUPPORTED = ("es", "en")


def terminal_language() -> str:
    """The language for command output: ``COMUNA_LANGUAGE``, else the locale, else Spanish."""
    for name in ("COMUNA_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        code = value.split("_")[0].split(".")[0].lower()
        if code in SUPPORTED:
            return code
    return "es"
