"""The demo's letters: the institutions, about twenty letters over the year, some answered,
some overdue with reminders."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from comuna.letters.models import Institution, Letter, LetterStatus, Reminder
from comuna.letters.selectors import letters_overdue
from tests.pages import client_of

pytestmark = pytest.mark.django_db


def test_the_demo_has_letters_answered_and_overdue(demo_module: Any) -> None:
    commune = demo_module.commune
    assert Institution.objects.of(commune).count() >= 5
    letters = Letter.objects.of(commune)
    assert letters.count() >= 18
    assert letters.filter(status=LetterStatus.ANSWERED).exists()
    assert letters_overdue(letters, today=timezone.localdate()).exists()
    assert Reminder.objects.of(commune).exists()
    assert all(letter.incidents.exists() for letter in letters)


def test_the_administrator_sees_the_overdue_letters_in_spanish(demo_module: Any) -> None:
    client = client_of(demo_module, "admin")
    page = client.get("/oficios/").content.decode()
    assert "Vencidos" in page
