"""A letter to an institution, in Spanish: the administrator writes it from two incidents,
prints it (a PDF with the figures), marks it sent and records the answer."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from comuna.letters.models import Letter, LetterStatus
from tests.browser.conftest import assert_accessible, log_in
from tests.letters.conftest import (
    Post,
    post_fixture,  # noqa: F401 - the fixture ``post``
)
from tests.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)


def test_the_administrator_writes_prints_sends_a_letter_and_records_its_answer(
    page: Any, live_server: Any, post: Post
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/oficios/")
    _fits(page)
    page.click("text=Nuevo oficio")
    page.wait_for_load_state("networkidle")
    _fits(page)
    page.select_option("#id_institution", str(post.utility.pk))
    page.fill("#id_subject", "Diez días sin agua en Los Mangos")
    page.check(f"input[name=incidents][value='{post.pipe.pk}']")
    page.check(f"input[name=incidents][value='{post.pump.pk}']")
    page.fill("#id_body", "Ciudadanos:\n\nLes escribimos por la falta de agua.")
    page.fill("#id_needed", "Una bomba nueva para la estación.")
    page.fill("#id_brigade_work", "La brigada cambió dos válvulas.")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    letter = Letter.objects.get()
    assert page.url.endswith(f"/oficios/{letter.pk}/")
    assert page.inner_text("[data-testid=households]") == "65"
    _fits(page)

    href = page.get_attribute("[data-testid=print]", "href")
    printed = page.request.get(live_server.url + href)
    assert printed.headers["content-type"] == "application/pdf"
    text = pdf_text(printed.body())
    assert letter.reference in text and "Hidrolara" in text and "Las cifras" in text

    page.click("text=Marcar como enviado")
    page.wait_for_load_state("networkidle")
    _fits(page)
    page.fill("#id_sent_to", "Ana Pérez, recepción")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert "Enviado" in page.inner_text("[data-testid=letter-status]")

    page.click("text=Registrar la respuesta")
    page.wait_for_load_state("networkidle")
    page.fill("#id_summary", "La bomba llega la próxima semana.")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert "La bomba llega" in page.inner_text("[data-testid=answer]")
    _fits(page)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ANSWERED
    assert letter.answered_on == timezone.localdate()
