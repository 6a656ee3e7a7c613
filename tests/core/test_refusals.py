"""One refusal for the whole project: the API answers it with its status, code and field; a
web form shows it on the field it names."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from comuna.census.models import Person
from comuna.core.refusals import Refusal
from comuna.core.web import apply
from comuna.distribution import services as distribution
from comuna.users.tokens import token_create
from tests.conftest import World, client_for, post_form
from tests.distribution.conftest import bag_programme

pytestmark = pytest.mark.django_db


def _deliver(world: World, round_id: int) -> tuple[int, dict[str, Any]]:
    _token, raw = token_create(actor=world.actor(world.spokesperson))
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en").post(
        f"/api/distribution/rounds/{round_id}/deliveries",
        json.dumps({"household_id": world.household.pk}),
        content_type="application/json",
    )
    return response.status_code, response.json()


def test_the_api_answers_a_refusal_with_its_status_its_code_and_its_field(world: World) -> None:
    round_ = distribution.round_create(
        programme=bag_programme(world),
        stock_received=10,
        received_on=dt.date(2026, 3, 1),
        distribution_on=dt.date(2026, 3, 2),
    )
    round_ = distribution.round_open(round=round_, seed="asamblea", by=world.admin)
    assert _deliver(world, round_.pk)[0] == 201
    assert _deliver(world, round_.pk) == (
        409,
        {
            "detail": "Household CC01-0001 already received in this round.",
            "field": "household",
            "code": "already_delivered",
        },
    )


def test_the_openapi_document_gives_every_refusal_a_code(db: None) -> None:
    document = Client().get("/api/openapi.json").json()
    assert "code" in document["components"]["schemas"]["ErrorOut"]["properties"]


def test_a_page_shows_a_refusal_on_the_field_it_names(world: World) -> None:
    url = reverse("census:person_create", args=[world.other_household.pk])
    response: Any = post_form(
        client_for(world.admin),
        url,
        {
            "first_names": "Otra",
            "last_names": "Persona",
            "national_id": "V12345678",
            "birth_date": "1990-05-01",
        },
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["national_id"]
    assert "already in the census" in response.context["form"].errors["national_id"][0]
    assert not Person.objects.filter(first_names="Otra").exists()


class _NameForm(forms.Form):
    name = forms.CharField()


def _refuse(field: str | None) -> None:
    raise Refusal("Not today.", field=field)


def test_a_refusal_naming_a_field_the_form_lacks_goes_above_the_form() -> None:
    named, elsewhere = _NameForm({"name": "Ana"}), _NameForm({"name": "Ana"})
    assert not apply(named, lambda: _refuse("name"))
    assert not apply(elsewhere, lambda: _refuse("household"))
    assert named.errors == {"name": ["Not today."]}
    assert elsewhere.non_field_errors() == ["Not today."]


def test_an_invalid_form_does_not_reach_the_service() -> None:
    called: list[bool] = []
    assert not apply(_NameForm({}), lambda: called.append(True))
    assert called == []
