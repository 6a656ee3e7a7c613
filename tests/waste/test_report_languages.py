"""The report's pages speak one language at a time, checked here with the month of
``factories_report`` (the every-page crawl sees them only once the demo collects waste)."""

from __future__ import annotations

import pytest

from tests.conftest import World, client_for
from tests.core.test_language_leaks import ENGLISH, SPANISH, _leaks, _records_by_phrase
from tests.pages import Page
from tests.waste.factories_report import november

PATHS = ("/recoleccion/mes/2026-11/", "/recoleccion/mes/2026-11/carta/", "/publico/")


@pytest.mark.parametrize("language", ["es", "en"])
def test_no_report_page_shows_a_message_of_the_other_language(world: World, language: str) -> None:
    november(world.commune, world.council, world.other_council)
    phrases = ENGLISH if language == "es" else SPANISH
    records = _records_by_phrase() if language == "en" else {}
    client = client_for(world.admin, language=language)
    client.cookies["django_language"] = language
    for path in PATHS:
        answer = client.get(path)
        page = Page(path, answer.status_code, answer["Content-Type"], answer.content.decode())
        assert answer.status_code == 200, path
        assert f'lang="{language}"' in page.text, path
        assert _leaks(page, phrases, records) == [], path
