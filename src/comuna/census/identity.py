"""How names and ID numbers are written down, compared and searched."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s.\-_/]")
_NATIONAL_ID = re.compile(r"^([VE]?)(\d{4,9})$")


class InvalidNationalId(ValueError):
    pass


def normalize_national_id(raw: str | None) -> str | None:
    """``"V-12.345.678"``, ``"v12345678"`` and ``"12345678"`` are all ``"V12345678"``.

    A cédula is V (Venezuelan) or E (foreign) and up to nine digits; a bare number is taken as V.
    Empty means the person has none. Anything else raises ``InvalidNationalId``.
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if re.fullmatch(r"\d+\.0", text):
        # Spreadsheets hand numbers back as floats.
        text = text[:-2]
    text = _SEPARATORS.sub("", text).upper()
    if not text:
        return None
    match = _NATIONAL_ID.match(text)
    if match is None:
        raise InvalidNationalId(raw)
    letter, digits = match.groups()
    return f"{letter or 'V'}{int(digits)}"


def format_national_id(value: str | None) -> str:
    if not value:
        return ""
    letter, digits = value[0], value[1:]
    return f"{letter}-{int(digits):,}".replace(",", ".")


def fold(text: str) -> str:
    """Lower case without accents, so that "José" and "jose" meet in a search."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def person_search_text(first_names: str, last_names: str, national_id: str | None) -> str:
    digits = national_id[1:] if national_id else ""
    return " ".join(part for part in (fold(first_names), fold(last_names), digits) if part)[:240]


def clean_name(raw: str) -> str:
    return " ".join(str(raw).split())
