"""Every refusal is a page in the person's language, inside the layout, with the reason the
app wrote and a way back; the log keeps one line for it and no traceback."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from comuna.users.tokens import token_create
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

ERROR_URLS = "tests.core.error_urls"


def _page(response: Any) -> str:
    return str(response.content.decode())


def test_a_forbidden_page_gives_the_reason_in_spanish_inside_the_layout(world: World) -> None:
    referer = "http://testserver" + reverse("distribution:index")
    response = client_for(world.spokesperson, "es").get(
        reverse("distribution:reconciliation"), HTTP_REFERER=referer
    )
    page = _page(response)
    assert response.status_code == 403
    assert "La conciliación corresponde a la contraloría." in page
    assert 'class="menu"' in page  # the site's menu
    assert f'href="{reverse("distribution:index")}" data-testid="go-back"' in page
    assert 'data-testid="go-home"' in page
    assert 'lang="es"' in page


def test_a_forbidden_page_speaks_english_to_whoever_reads_english(world: World) -> None:
    response = client_for(world.spokesperson, "en").get(reverse("distribution:reconciliation"))
    assert response.status_code == 403
    assert "The reconciliation is for the comptroller." in _page(response)
    assert 'data-testid="go-back"' not in _page(response)  # no page to go back to


def test_a_way_back_never_leads_off_the_site(world: World) -> None:
    response = client_for(world.spokesperson).get(
        reverse("distribution:reconciliation"), HTTP_REFERER="https://elsewhere.example/x"
    )
    assert "elsewhere.example" not in _page(response)


def test_a_missing_record_says_so_in_spanish(world: World) -> None:
    response = client_for(world.admin, "es").get(reverse("distribution:round", args=[999999]))
    assert response.status_code == 404
    assert "No existe esa jornada a tu alcance." in _page(response)
    assert 'class="menu"' in _page(response)


@pytest.mark.parametrize(
    ("language", "words"),
    [("es", "No encontramos esta página"), ("en", "We could not find this page")],
)
def test_an_unknown_address_is_a_page_of_the_site(world: World, language: str, words: str) -> None:
    response = client_for(world.resident, language).get("/no/existe/")
    assert response.status_code == 404
    assert words in _page(response)
    assert "tried" not in _page(response)  # not the resolver's own message


@pytest.mark.urls(ERROR_URLS)
@pytest.mark.parametrize(
    ("language", "words"),
    [("es", "No tienes permiso para hacer esto."), ("en", "You may not do this.")],
)
def test_a_bad_request_is_a_page_with_its_reason(world: World, language: str, words: str) -> None:
    response = client_for(world.admin, language).get("/prueba/malo/")
    assert response.status_code == 400
    assert words in _page(response)
    assert 'class="menu"' in _page(response)


@pytest.mark.urls(ERROR_URLS)
@pytest.mark.parametrize(
    ("language", "words"),
    [("es", "Algo falló de nuestro lado"), ("en", "Something went wrong on our side")],
)
def test_a_failure_is_a_plain_page_in_the_persons_language(
    world: World, language: str, words: str
) -> None:
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(world.admin)
    response = client.get("/prueba/roto/")
    assert response.status_code == 500
    assert words in _page(response)
    assert 'data-testid="go-home"' in _page(response)


@pytest.mark.urls(ERROR_URLS)
def test_a_failure_page_needs_no_database(world: World, django_assert_num_queries: Any) -> None:
    from django.test import RequestFactory

    from comuna.core.errors import server_error

    request = RequestFactory().get("/prueba/roto/", HTTP_ACCEPT_LANGUAGE="es")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500


@pytest.mark.urls(ERROR_URLS)
def test_a_refusal_a_view_lets_through_is_the_page_of_its_status(world: World) -> None:
    response = client_for(world.admin, "es").get("/prueba/rechazo/")
    assert response.status_code == 403
    assert "La conciliación corresponde a la contraloría." in _page(response)


def test_an_ordinary_refusal_writes_one_log_line_and_no_traceback(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        client_for(world.spokesperson, "es").get(reverse("distribution:reconciliation"))
    lines = [record for record in caplog.records if record.name.startswith("django")]
    assert len(lines) == 1
    line = lines[0]
    assert line.exc_info is None and not line.exc_text
    message = line.getMessage()
    assert message == (
        f"GET {reverse('distribution:reconciliation')} 403 vocera: "
        "La conciliación corresponde a la contraloría."
    )


def test_a_missing_record_writes_one_log_line(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        client_for(world.admin).get(reverse("distribution:round", args=[999999]))
        client_for(None).get("/no/existe/")
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("django")]
    assert lines == [
        f"GET {reverse('distribution:round', args=[999999])} 404 admin: "
        "No such round in your reach.",
        "GET /no/existe/ 404 -: "
        "The address may have a mistake, or what it points to is not in your reach.",
    ]
    assert all(r.exc_info is None for r in caplog.records)


@pytest.mark.urls(ERROR_URLS)
def test_a_failure_keeps_its_traceback_in_the_log(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        client.get("/prueba/roto/")
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is not None


def test_htmx_gets_the_reason_alone(world: World) -> None:
    response = client_for(world.spokesperson, "es").get(
        reverse("distribution:reconciliation"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 403
    assert _page(response) == (
        '<p class="refusal" role="alert" data-testid="refusal">'
        "La conciliación corresponde a la contraloría.</p>"
    )


def test_the_api_answers_an_unknown_address_in_json(world: World) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="es").get("/api/no-existe/")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Puede que la dirección tenga un error, o que lo que buscas no esté a tu alcance."
    }


def test_an_expired_form_is_refused_with_a_page_of_the_site(world: World) -> None:
    client = client_for(world.admin, "es")
    response = client.post(reverse("users:logout"))
    assert response.status_code == 403
    assert 'class="menu"' in _page(response)
    assert "Recarga la página" in _page(response)


def test_an_api_refusal_writes_one_line_naming_the_token_holder(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    _token, raw = token_create(actor=world.actor(world.resident))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")
    with caplog.at_level(logging.INFO):
        response = client.get("/api/census/households/999999")
    assert response.status_code == 404
    lines = [r for r in caplog.records if r.name.startswith("django")]
    assert [r.getMessage() for r in lines] == [
        f"GET /api/census/households/999999 404 vecina: {response.json()['detail']}"
    ]
    assert lines[0].exc_info is None


@override_settings(ALLOWED_HOSTS=["comuna.local"])
def test_a_forged_host_is_a_400_page_logged_as_a_security_event(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        response = Client(HTTP_ACCEPT_LANGUAGE="es").get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "No pudimos entender lo que se envió" in _page(response)
    assert "evil.example" not in _page(response)
    lines = [r for r in caplog.records if r.name.startswith("django")]
    assert [r.name for r in lines] == ["django.security.DisallowedHost"]
    assert lines[0].exc_info is None
