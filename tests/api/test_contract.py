"""The OpenAPI document is a contract: schemathesis, with every check it has, finds nothing.

The schema is read from the application itself (through WSGI, in this process, so the test's
database is the one the operations read and write). Every operation is called with a token of
the demo's administrator, a bounded number of derandomized examples each, with inputs both
valid and invalid by the schema; every check of schemathesis validates every answer: no 500,
every status and body as documented, what the schema allows accepted, what it forbids refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from django.utils import translation
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.specs.openapi.checks import positive_data_acceptance

from comuna.api.api import api
from comuna.core.models import Commune
from comuna.memberships.selectors import actor_for
from comuna.users.models import User
from comuna.users.tokens import token_create
from comuna.wsgi import application

pytestmark = pytest.mark.django_db

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def admin_token(demo_module: Any, django_db_blocker: Any) -> Iterator[str]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        translation.override("en"),
        transaction.atomic(),
    ):
        commune = Commune.objects.get(code="demo")
        _token, raw = token_create(
            actor=actor_for(User.objects.get(username="admin"), commune), name="contract"
        )
        yield raw
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _requests_keep_the_test_connection() -> Iterator[None]:
    """Django closes the database connection at the end of a request served through WSGI; the
    test client does not, and neither may these requests, which run inside the test's
    transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The document the application serves at /api/openapi.json, called through WSGI in this process
# (so the operations read and write the test's database).
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
schema.app = application


def _accepted_or_refused_by_the_rules(ctx: Any, response: Any, case: Any) -> bool | None:
    """``positive_data_acceptance``, but for a refusal by the commune's rules.

    A request the schema allows may still be refused by the rules of the commune (the round
    is not open, that ID number is already in the census): the API says so with a 400 that
    carries the refusal's ``code`` and no list of invalid fields, as its description documents.
    A 400 listing invalid ``errors`` for a request the schema allows is a broken contract.
    """
    if response.status_code == 400:
        try:
            body = json.loads(response.content)
        except ValueError:
            raise AssertionError(f"{case.as_curl_command()}: {response.content[:300]!r}") from None
        if body.get("code") and "errors" not in body:
            return None
    return positive_data_acceptance(ctx, response, case)


def _every_check() -> list[Any]:
    load_all_checks()
    found = [check for check in CHECKS.get_all() if not isinstance(check, type)]
    assert positive_data_acceptance in found
    return [
        _accepted_or_refused_by_the_rules if check is positive_data_acceptance else check
        for check in found
    ]


@schema.parametrize()
@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_its_contract(case: Any, admin_token: str) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {admin_token}"}, checks=_every_check()
    )
