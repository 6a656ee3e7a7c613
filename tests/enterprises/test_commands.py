"""``comuna enterprises list [--json]``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from tests.enterprises.conftest import Works


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")


def test_the_list_in_json_names_the_accounts_and_the_diesel_left(works: Works) -> None:
    out = io.StringIO()
    call_command("enterprises", "list", "--json", stdout=out)
    [row] = json.loads(out.getvalue())
    assert row["name"] == "EPS Desechos"
    assert row["accounts"] == {"cash": "1.2.01", "diesel": "1.4.03"}
    assert (row["workers"], row["diesel_left_ml"]) == (0, 0)


def test_the_list_in_words(works: Works) -> None:
    out = io.StringIO()
    call_command("enterprises", "list", stdout=out)
    assert (
        "EPS Desechos  ·  Waste collection  ·  0 working  ·  0 L of diesel left" in out.getvalue()
    )
