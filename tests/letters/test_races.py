"""Letters written at the same moment never share a reference (on PostgreSQL, where writers
really run at once)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from comuna.letters.models import Letter
from tests.letters.conftest import Post, letter_write

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_letters_written_at_once_take_eight_numbers(post: Post) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the race needs concurrent writers (PostgreSQL)")
    start = threading.Barrier(8)

    def write(n: int) -> None:
        start.wait()
        try:
            letter_write(post, post.pipe, subject=f"Letter {n}")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(8)))
    numbers = sorted(Letter.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 9))
