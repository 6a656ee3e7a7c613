"""How names and ID numbers are written down, compared and searched."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

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


_ID_WORD = re.compile(r"^[VE]?(\d+)$")
_ID_LETTER = re.compile(r"^[VE]-?$", re.IGNORECASE)


def search_words(query: str) -> list[str]:
    """The words a person search looks for, as ``person_search_text`` writes them.

    An ID number is one word however it is typed: "V-30.771.202", "v30771202", "V 30771202",
    "30.771.202" and "30771202" all look for "30771202" (a partial one, "V-30.77", for "3077").
    Any other word is folded, with its dots dropped and its hyphens taken as spaces.
    """
    tokens = query.split()
    merged: list[str] = []
    for token in tokens:
        if merged and _ID_LETTER.match(merged[-1]) and token[:1].isdigit():
            merged[-1] += token  # "V 30771202", "V- 30.771.202"
        else:
            merged.append(token)
    words: list[str] = []
    for token in merged:
        match = _ID_WORD.match(_SEPARATORS.sub("", token).upper())
        if match is not None:
            words.append(match.group(1).lstrip("0") or "0")
        else:
            words.extend(fold(token).replace(".", "").replace("-", " ").split())
    return words


def label_key(text: str) -> str:
    """A household label or council code without separators, in capitals: ``"CC010002"``."""
    return _SEPARATORS.sub("", text).upper()


def household_label_parts(query: str, council_codes: Iterable[str]) -> list[tuple[str, str]]:
    """The (council code, reference) pairs a typed household label may name.

    The app prints a label as "CC01-0002"; "cc01-0002", "CC01 0002" and "CC010002" name the same
    household when CC01 is a council's code. Nothing is returned for a query that is not a label.
    """
    typed = query.strip()
    key = label_key(typed)
    if not key or not any(ch.isdigit() for ch in key):
        return []
    code_typed, dash, reference_typed = typed.partition("-")
    pairs: list[tuple[str, str]] = []
    for code in council_codes:
        code_key = label_key(code)
        if not code_key:
            continue
        if key.startswith(code_key) and len(key) > len(code_key):
            pairs.append((code, key[len(code_key) :]))
        if dash and reference_typed.strip() and label_key(code_typed) == code_key:
            # A reference that itself holds separators ("CC01-A-12") is kept as typed.
            pairs.append((code, reference_typed.strip()))
    return list(dict.fromkeys(pairs))
