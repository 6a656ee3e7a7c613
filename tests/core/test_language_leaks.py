"""No page of the Spanish interface shows an English message, and no English page a Spanish one:
every page of the application (``tests/pages.py``), for every role of the demo and nobody logged
in, in both languages.

What counts as a message of the other language, from the compiled catalogue:

- every entry whose Spanish differs from its English id gives its English text (looked for on
  Spanish pages) and its Spanish text (looked for on English pages);
- each text is cut at its placeholders (``%(name)s``, ``%s``, ``{name}``) and at markup, and
  each piece is a *phrase* looked for whole (not inside a longer word), ignoring case and runs
  of spaces;
- a phrase must have at least two words: single words are too often the same in both
  languages (``Total``, ``No``, ``Normal``) or names (``Bolívar``);
- a phrase that also occurs, as whole words, inside a text of the other language is dropped:
  it can be part of an ordinary sentence there (an English phrase found in some Spanish text,
  or a Spanish one in some English text, proves nothing when seen).

What is scanned is what a person is shown or told: the text of each HTML page and fragment
(whatever its status: refusals too) without scripts and styles, plus the ``title``,
``aria-label``, ``placeholder`` and ``alt`` attributes and the ``value`` of buttons; option
labels are text. Files (PDF, spreadsheets) are left to their own tests.

Records are not the interface. What the commune writes (and what the code writes into its
records for it: journal descriptions, decisions' outcomes, the demo's names) is kept in the
commune's language, Spanish (see ``comuna.core.language``), and shown as written to a reader
of any language, as a name is. So an English page may show a Spanish text that the database
holds: before an English page is scanned, every stored text that holds a Spanish phrase is cut
out of it. A Spanish page gets no such allowance: the commune's language is Spanish, and a
name the code stores as a key (the standard chart of accounts) must be shown translated.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

import comuna
from tests.pages import Demo, Page, client_of, pages

pytestmark = pytest.mark.django_db

CATALOGUE = Path(comuna.__file__).parent / "locale" / "es" / "LC_MESSAGES" / "django.mo"
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdfi]|%[sdfi]|\{\w*\}|<[^>]*>|\n")
_TRIM = " .,:;·—–-()[]«»“”\"'¿?¡!…/|*+="
_WORD = re.compile(r"[^\W\d_]+")
# Tags inside a line of text; any other tag separates what is before it from what is after.
_INLINE = frozenset(("a", "abbr", "b", "code", "em", "i", "kbd", "mark", "small", "span", "strong"))


def _pairs() -> list[tuple[str, str]]:
    """(English, Spanish) of every message whose two texts differ (plurals: both forms)."""
    with CATALOGUE.open("rb") as handle:
        catalogue: dict[object, str] = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    plural_ids = _plural_ids()
    found: list[tuple[str, str]] = []
    for key, spanish in catalogue.items():
        if isinstance(key, tuple):
            singular, index = key
            english = plural_ids.get(singular, singular) if index else singular
        else:
            english = key
        english = english.split("\x04", 1)[-1]  # a context is not shown
        if english and spanish and english != spanish:
            found.append((english, spanish))
    return found


def _plural_ids() -> dict[str, str]:
    """Each plural message's singular id → its plural id (the .mo keeps only the singular)."""
    source = CATALOGUE.with_suffix(".po").read_text()
    pairs = re.findall(r'msgid "((?:[^"\\]|\\.)*)"\nmsgid_plural "((?:[^"\\]|\\.)*)"', source)
    return {singular: plural for singular, plural in pairs}


def _pieces(text: str) -> Iterable[str]:
    for piece in _PLACEHOLDER.split(text):
        piece = " ".join(piece.split()).strip(_TRIM).lower()
        if len(_WORD.findall(piece)) >= 2:
            yield piece


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")


def _phrases(texts: Iterable[str], other_language: Iterable[str]) -> dict[str, re.Pattern[str]]:
    """The phrases of ``texts`` that never occur in a text of the other language."""
    phrases = {piece for text in texts for piece in _pieces(text)}
    other = " ¶ ".join(" ".join(t.split()).lower() for t in other_language)
    return {
        phrase: pattern
        for phrase in sorted(phrases)
        if not (pattern := _phrase_pattern(phrase)).search(other)
    }


PAIRS = _pairs()
ENGLISH = _phrases((en for en, _es in PAIRS), (es for _en, es in PAIRS))
SPANISH = _phrases((es for _en, es in PAIRS), (en for en, _es in PAIRS))


class _Shown(HTMLParser):
    """The text a person is shown, and told by a screen reader."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        values = dict(attrs)
        told = [values.get(k) for k in ("title", "aria-label", "placeholder", "alt")]
        if tag == "button" or values.get("type") in ("submit", "button", "reset"):
            told.append(values.get("value"))
        self.parts += [f" {value} " for value in told if value]
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def shown_text(markup: str) -> str:
    parser = _Shown()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.parts).split()).lower()


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def _index(phrases: dict[str, re.Pattern[str]]) -> dict[str, list[tuple[str, set[str]]]]:
    """Each phrase under its first word, with all its words."""
    index: dict[str, list[tuple[str, set[str]]]] = {}
    for phrase in phrases:
        words = _WORD.findall(phrase)
        index.setdefault(words[0], []).append((phrase, set(words)))
    return index


_INDEX = {id(ENGLISH): _index(ENGLISH), id(SPANISH): _index(SPANISH)}


def _found(text: str, phrases: dict[str, re.Pattern[str]]) -> list[str]:
    """The phrases in ``text`` (only those whose words all occur in it are searched for)."""
    words = _words(text)
    index = _INDEX[id(phrases)]
    return [
        phrase
        for word in words
        for phrase, needed in index.get(word, ())
        if needed <= words and phrases[phrase].search(text)
    ]


def _records_by_phrase() -> dict[str, list[str]]:
    """Each Spanish phrase → the stored texts of the commune's records that hold it, longest
    first (every text field of every model of ours that is not a choice)."""
    held: dict[str, set[str]] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("comuna."):
            continue
        for model in config.get_models():
            for field in model._meta.get_fields():
                if not isinstance(field, models.CharField | models.TextField) or field.choices:
                    continue
                values = model._default_manager.values_list(field.name, flat=True).distinct()
                for value in values:
                    text = " ".join(str(value or "").split()).lower()
                    for phrase in _found(text, SPANISH) if text else ():
                        held.setdefault(phrase, set()).add(text)
    return {p: sorted(texts, key=len, reverse=True) for p, texts in held.items()}


def _leaks(
    page: Page, phrases: dict[str, re.Pattern[str]], records: dict[str, list[str]]
) -> list[str]:
    text = shown_text(page.text)
    leaks = []
    for phrase in _found(text, phrases):
        rest = text
        for record in records.get(phrase, ()):
            rest = rest.replace(record, " ¶ ")
        if phrases[phrase].search(rest):
            leaks.append(phrase)
    return leaks


def test_the_rule_keeps_phrases_and_drops_what_both_languages_say() -> None:
    assert "communal bank, bolívares" in ENGLISH
    assert "banco comunal, bolívares" in SPANISH
    assert "total" not in ENGLISH  # one word
    assert all(len(_WORD.findall(phrase)) >= 2 for phrase in [*ENGLISH, *SPANISH])
    assert shown_text('<p>A<script>x = "Emergency fund"</script> <b>b</b></p>') == "a b"
    assert shown_text('<button title="Emergency fund">x</button>') == "emergency fund x"
    assert shown_text('<input type="submit" value="Save it">') == "save it"


@pytest.mark.parametrize("language", ["es", "en"])
def test_no_page_shows_a_message_of_the_other_language(demo_module: Demo, language: str) -> None:
    phrases = ENGLISH if language == "es" else SPANISH
    records = _records_by_phrase() if language == "en" else {}
    leaks: dict[str, list[str]] = {}  # phrase → where it was seen
    for username in demo_module.roles:
        client = client_of(demo_module, username, language)
        for page in pages(client, demo_module, username):
            if not page.is_html:
                continue
            assert f'lang="{language}"' in page.text or not page.is_whole_page, page.path
            for phrase in _leaks(page, phrases, records):
                leaks.setdefault(phrase, []).append(f"{username or 'anonymous'} {page.path}")
    if leaks:
        found = sorted(leaks.items())
        pytest.fail("\n".join(f"{phrase!r}: {', '.join(seen[:3])}" for phrase, seen in found))
