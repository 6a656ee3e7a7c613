"""The letters over JSON (comuna.api.letters): the list and one letter with its figures."""

from __future__ import annotations

import pytest

from comuna.letters.models import Letter
from tests.api.conftest import api_client
from tests.letters.conftest import Post, letter_write

pytestmark = pytest.mark.django_db


def test_the_administrator_reads_a_letter_with_its_figures(post: Post) -> None:
    letter = letter_write(post)
    assert isinstance(letter, Letter)
    client = api_client(post.world.admin)
    [listed] = client.get("/api/letters/").json()
    assert (listed["reference"], listed["status"], listed["overdue"]) == (
        letter.reference,
        "draft",
        False,
    )
    detail = client.get(f"/api/letters/{letter.pk}").json()
    assert (detail["days_without_service"], detail["households_affected"]) == (10, 65)
    assert [i["reference"] for i in detail["incidents"]] == ["INC-00001", "INC-00002"]
    assert "reporter" not in str(detail)


def test_the_api_is_read_only(post: Post) -> None:
    client = api_client(post.world.admin)
    assert client.post("/api/letters/", {}).status_code == 405
