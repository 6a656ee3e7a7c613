"""The pages' forms, in Spanish: registering, the refusals a person can act on (shares above
100%, a commune served twice, negative amounts, a period already shared), the plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from comuna.comanaged.models import Comanaged, PeriodResult, StageStatus, TransitionStage
from tests.comanaged.conftest import Co, carried_decision
from tests.conftest import client_for, post_form

pytestmark = pytest.mark.django_db


def _text(response: Any) -> str:
    return str(response.content.decode())


def test_the_index_links_every_page_and_the_menu_links_the_index(co: Co) -> None:
    client = client_for(co.world.admin, "es")
    home = _text(client.get("/"))
    assert 'href="/cogestion/"' in home
    index = _text(client.get("/cogestion/"))
    assert f"/cogestion/{co.plant.pk}/" in index and "/cogestion/nueva/" in index
    detail = _text(client.get(f"/cogestion/{co.plant.pk}/"))
    for part in ("junta/", "resultados/", "transicion/", f"reporte/{co.b.pk}/"):
        assert f"/cogestion/{co.plant.pk}/{part}" in detail
    assert "/cogestion/publico/" in _text(client.get("/publico/"))


def test_registering_refuses_shares_above_100_and_a_commune_twice_in_spanish(co: Co) -> None:
    client = client_for(co.world.admin, "es")
    base = {
        "name": "Embotelladora de agua",
        "activity": "Agua potable embotellada",
        "registered_on": "2026-02-01",
        "fund_percent": "10",
        "commune_1": co.world.commune.code,
        "percent_1": "60",
        "commune_2": co.b.code,
        "percent_2": "50",
    }
    refused = post_form(client, "/cogestion/nueva/", base)
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "no pueden pasar del 100%" in _text(refused)
    twice = post_form(client, "/cogestion/nueva/", {**base, "commune_2": co.world.commune.code})
    assert "aparece dos veces" in _text(twice)
    unknown = post_form(client, "/cogestion/nueva/", {**base, "commune_2": "no-existe"})
    assert "Ninguna comuna de esta instalación tiene el código" in _text(unknown)
    assert Comanaged.objects.of(co.world.commune).count() == 1
    done = post_form(client, "/cogestion/nueva/", {**base, "percent_2": "40"})
    assert done.status_code == 302  # type: ignore[attr-defined]
    assert Comanaged.objects.of(co.world.commune).count() == 2


def test_results_refuse_negative_amounts_then_share_once(co: Co) -> None:
    client = client_for(co.world.treasurer, "es")
    url = f"/cogestion/{co.plant.pk}/resultados/"
    data = {
        "kind": "month",
        "start": "2026-04-01",
        "income": "-5",
        "wages": "0",
        "maintenance": "0",
        "materials": "0",
    }
    assert "no pueden ser negativos" in _text(post_form(client, url, data))
    done = post_form(client, url, {**data, "income": "1.000,50", "wages": "200"})
    assert done.status_code == 302  # type: ignore[attr-defined]
    april = PeriodResult.objects.of(co.world.commune).get(start=dt.date(2026, 4, 1))
    assert april.income == 1_000_50
    preview = _text(client.get(f"{url}{april.pk}/"))
    assert "Vista previa" in preview
    apply_url = f"{url}{april.pk}/repartir/"
    post_form(client, apply_url, {})
    again = client.post(
        apply_url, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}, follow=True
    )
    assert "ya se repartió" in _text(again)
    again_record = post_form(client, url, {**data, "income": "5"})
    assert "ya se repartió" in _text(again_record)


def test_a_stage_is_completed_from_its_page_with_a_decision(co: Co) -> None:
    client = client_for(co.world.admin, "es")
    plan = f"/cogestion/{co.plant.pk}/transicion/"
    post_form(
        client,
        plan,
        {
            "title": "Estados auditados",
            "condition": "Dos años de estados auditados",
            "target_date": "2027-12-01",
        },
    )
    stage = TransitionStage.objects.of(co.world.commune).get()
    decision = carried_decision(co.world.commune, "Aprobar los estados auditados")
    done = post_form(
        client,
        f"{plan}{stage.pk}/completar/",
        {"decision": decision.pk, "on": "2026-03-02"},
    )
    assert done.status_code == 302  # type: ignore[attr-defined]
    stage.refresh_from_db()
    assert stage.status == StageStatus.DONE
    assert client_for(co.world.treasurer).get(f"{plan}{stage.pk}/completar/").status_code == 403


def test_the_board_page_adds_a_seat(co: Co) -> None:
    client = client_for(co.world.admin, "es")
    url = f"/cogestion/{co.plant.pk}/junta/"
    done = post_form(
        client,
        url,
        {"title": "Vocería Río Abajo", "side": "community", "represents": co.b.pk,
         "outside_holder": "Ana Vocera"},
    )  # fmt: skip
    assert done.status_code == 302  # type: ignore[attr-defined]
    assert "Ana Vocera" in _text(client.get(url))
