"""Every HTML page carries a Content-Security-Policy (this site only); every answer that may
carry personal data tells the browser to keep nothing; public pages and static files may be
cached."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from comuna.core.headers import CONTENT_SECURITY_POLICY
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "comuna"


def test_every_page_carries_the_policy(world: World) -> None:
    for client, url in [
        (client_for(None), reverse("portal:public")),
        (client_for(None), reverse("users:login")),
        (client_for(world.admin), reverse("census:index")),
        (client_for(world.spokesperson), reverse("distribution:reconciliation")),  # a 403
        (client_for(world.admin), "/no/existe/"),  # a 404
    ]:
        response: Any = client.get(url)
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, url


def test_the_policy_allows_this_site_only() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_no_page_has_an_inline_script_style_or_handler() -> None:
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=")
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("templates/**/*.html")
        for match in inline.finditer(path.read_text())
    ]
    assert found == []


def test_pages_for_a_logged_in_person_are_not_kept(world: World) -> None:
    client = client_for(world.admin)
    for url in [
        reverse("portal:home"),
        reverse("census:household", args=[world.household.pk]),
        reverse("census:export", args=["csv"]),
        reverse("census:export", args=["xlsx"]),
        reverse("census:household_card", args=[world.household.pk]),
        reverse("ledger:public"),
    ]:
        response: Any = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_the_api_is_never_kept(world: World) -> None:
    response: Any = client_for(world.admin).get("/api/census/councils")
    assert response["Cache-Control"] == "private, no-store"


def test_public_pages_and_static_files_may_be_cached(world: World) -> None:
    for url in [reverse("portal:public"), reverse("ledger:public"), "/static/comuna/comuna.css"]:
        response: Any = Client().get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url
