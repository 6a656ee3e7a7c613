"""The books record what has happened: an entry dated beyond tomorrow (2099, a typo in the
year) is refused by the service, the forms and the import, with a message in Spanish."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.ledger import chart
from comuna.ledger.models import Entry
from comuna.ledger.services import transfer_post
from tests.conftest import World, client_for, post_form


def _post(commune: Commune, day: dt.date) -> Entry:
    return transfer_post(
        commune=commune,
        debit=chart.BANK_VES,
        credit=chart.CAPITAL_VES,
        amount=100,
        unit="VES",
        date=day,
        description="Aporte",
        author="ana",
    )


def test_the_service_refuses_a_date_in_2099_in_spanish(commune: Commune) -> None:
    with translation.override("es"), pytest.raises(Refusal) as refused:
        _post(commune, dt.date(2099, 1, 1))
    assert refused.value.code == "future_date"
    assert refused.value.field == "date"
    assert refused.value.message.startswith("01/01/2099 es una fecha futura")
    assert not Entry.objects.of(commune).exists()


def test_today_and_tomorrow_are_accepted_the_day_after_is_not(commune: Commune) -> None:
    today = timezone.localdate()
    _post(commune, today)
    _post(commune, today + dt.timedelta(days=1))
    with pytest.raises(Refusal):
        _post(commune, today + dt.timedelta(days=2))
    assert Entry.objects.of(commune).count() == 2


def test_the_form_shows_the_refusal_on_the_date(world: World) -> None:
    response = post_form(
        client_for(world.spokesperson, language="es"),
        "/cuentas/registrar/emergencia/",
        {"amount": "500", "what": "Medicinas", "date": "2099-01-01", "token": "f1"},
    )
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "01/01/2099 es una fecha futura" in page
    assert not Entry.objects.of(world.commune).exists()


def test_the_import_names_the_row_dated_in_the_future_and_posts_nothing(
    commune: Commune, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "es")
    path = tmp_path / "libro.csv"
    path.write_text(
        "fecha;descripcion;debe;haber;monto;moneda;referencia\n"
        "2025-01-02;Aporte;1.1.01;3.1.01;10;VES;\n"
        "2099-01-02;Aporte del futuro;1.1.01;3.1.01;10;VES;\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ledger", "import", str(path), stdout=io.StringIO(), stderr=err)
    assert "Fila 3: 02/01/2099 es una fecha futura" in err.getvalue()
    assert not Entry.objects.of(commune).exists()
