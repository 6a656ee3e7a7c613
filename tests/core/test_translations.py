"""Spanish is the interface's first language: every message must have its translation."""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from pathlib import Path

import comuna

CATALOGUE = Path(comuna.__file__).parent / "locale" / "es" / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    msgid: str
    msgstr: str
    fuzzy: bool
    plural: bool
    context: str | None


def _entries() -> list[Entry]:
    """The entries of the Spanish .po file (plural forms' translations joined)."""
    entries: list[Entry] = []
    for block in CATALOGUE.read_text().split("\n\n"):
        lines = block.strip().splitlines()
        fields: dict[str, str] = {}
        current = ""
        for line in lines:
            if line.startswith("#") or not line:
                continue
            if line.startswith('"'):
                fields[current] += line[1:-1]
                continue
            key, _space, value = line.partition(" ")
            current = key.split("[")[0]
            fields[current] = fields.get(current, "") + value[1:-1]
        if fields.get("msgid"):
            entries.append(
                Entry(
                    msgid=fields["msgid"],
                    msgstr=fields.get("msgstr", ""),
                    fuzzy=any(line.startswith("#,") and "fuzzy" in line for line in lines),
                    plural="msgid_plural" in fields,
                    context=fields.get("msgctxt"),
                )
            )
    return entries


def test_every_message_has_its_spanish_translation() -> None:
    assert [entry.msgid for entry in _entries() if not entry.msgstr] == []


def test_no_translation_is_left_fuzzy() -> None:
    assert [entry.msgid for entry in _entries() if entry.fuzzy] == []


def test_the_compiled_catalogue_matches_its_source() -> None:
    with CATALOGUE.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        entry.msgid
        for entry in _entries()
        if not entry.plural
        and "\\" not in entry.msgid + entry.msgstr
        and (
            compiled.gettext(entry.msgid)
            if entry.context is None
            else compiled.pgettext(entry.context, entry.msgid)
        )
        != entry.msgstr
    ]
    assert stale == []
