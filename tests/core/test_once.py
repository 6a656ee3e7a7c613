"""A form saves once however often it is sent: its one-time token is consumed by the first
POST that saves, under a unique constraint; a second POST changes nothing and says so."""

from __future__ import annotations

import http.client
import re
import signal
import socket
import subprocess
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from comuna.census.models import Person
from comuna.core.models import FormSubmission
from comuna.core.once import ONCE_FIELD
from tests.conftest import World, client_for
from tests.processes import COMUNA, comuna_env, free_port, migrated_home

PERSON = {"first_names": "Rosa", "last_names": "Díaz", "birth_date": "1990-05-14", "sex": "F"}


def _form(client: Client, url: str) -> dict[str, str]:
    """The hidden values of the form at ``url``, as a browser would send them back."""
    page = client.get(url).content.decode()
    once = re.search(rf'name="{ONCE_FIELD}" value="([^"]+)"', page)
    assert once is not None, "the form carries no one-time token"
    return {ONCE_FIELD: once.group(1), "csrfmiddlewaretoken": client.cookies["csrftoken"].value}


def _people(world: World) -> int:
    return Person.objects.of(world.commune).filter(first_names="Rosa").count()


def test_a_form_sent_twice_saves_once_and_the_second_answer_links_to_it(world: World) -> None:
    client = client_for(world.spokesperson, language="es")
    url = reverse("census:person_create", args=[world.household.pk])
    hidden = _form(client, url)
    first = client.post(url, {**PERSON, **hidden})
    assert first.status_code == 302
    second = client.post(url, {**PERSON, **hidden})
    assert second.status_code == 409
    text = second.content.decode()
    assert "Esto ya se guardó" in text
    assert f'href="{first["Location"]}"' in text
    assert _people(world) == 1
    assert FormSubmission.objects.of(world.commune).get().saved_url == first["Location"]


def test_a_form_with_errors_keeps_its_token_for_the_corrected_form(world: World) -> None:
    client = client_for(world.spokesperson)
    url = reverse("census:person_create", args=[world.household.pk])
    hidden = _form(client, url)
    wrong = client.post(url, {**PERSON, "birth_date": "", **hidden})
    assert "There is a problem" in wrong.content.decode()
    assert not FormSubmission.objects.exists()
    assert client.post(url, {**PERSON, **hidden}).status_code == 302
    assert _people(world) == 1


def test_a_new_visit_to_the_form_records_a_second_one(world: World) -> None:
    client = client_for(world.spokesperson)
    url = reverse("census:person_create", args=[world.household.pk])
    for _visit in range(2):
        assert client.post(url, {**PERSON, **_form(client, url)}).status_code == 302
    assert _people(world) == 2


def test_a_post_without_a_token_is_served_as_before(world: World) -> None:
    client = client_for(world.spokesperson)
    url = reverse("census:person_create", args=[world.household.pk])
    client.get(url)
    data = {**PERSON, "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    assert client.post(url, data).status_code == 302
    assert not FormSubmission.objects.exists()


def test_a_token_of_another_commune_is_not_this_ones(world: World) -> None:
    from tests import factories

    other = factories.make_commune(name="Comuna Vecina")
    FormSubmission.objects.create(commune=other, token="x" * 32, path="/")
    client = client_for(world.spokesperson)
    url = reverse("census:person_create", args=[world.household.pk])
    hidden = {**_form(client, url), ONCE_FIELD: "x" * 32}
    assert client.post(url, {**PERSON, **hidden}).status_code == 302
    assert _people(world) == 1


# Two real requests with one token, at the same moment -----------------------------------------


def _race(base: str, session: str, url: str, senders: int = 2) -> list[int]:
    """As the person with the log-in cookie ``session``: GET the form at ``url`` once, then
    POST it from ``senders`` threads released together. The statuses they got."""
    split = urlsplit(base)

    def request(method: str, body: bytes = b"", cookies: str = "") -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection(split.hostname, split.port, timeout=60)
        headers = {"Cookie": f"sessionid={session}{cookies}", "Accept-Language": "es"}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = base + url
        conn.request(method, url, body=body, headers=headers)
        response = conn.getresponse()
        response.read_body = response.read()  # type: ignore[attr-defined]
        conn.close()
        return response

    form = request("GET")
    page = form.read_body.decode()  # type: ignore[attr-defined]
    cookie = SimpleCookie(form.getheader("Set-Cookie") or "")
    csrf = cookie["csrftoken"].value
    once = re.search(rf'name="{ONCE_FIELD}" value="([^"]+)"', page)
    assert once is not None
    body = urlencode({**PERSON, ONCE_FIELD: once.group(1), "csrfmiddlewaretoken": csrf}).encode()
    start = threading.Barrier(senders)
    statuses: list[int] = []

    def send() -> None:
        start.wait()
        statuses.append(request("POST", body, f"; csrftoken={csrf}").status)

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the test database on SQLite is in memory, one connection; the served race covers it",
)
@pytest.mark.django_db(transaction=True)
def test_two_racing_posts_with_one_token_save_once_on_postgresql(
    live_server: Any, world: World
) -> None:
    client = client_for(world.spokesperson)
    session = client.cookies["sessionid"].value
    url = reverse("census:person_create", args=[world.household.pk])
    assert _race(live_server.url, session, url) == [302, 409]
    assert _people(world) == 1


SETUP = """
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from comuna.census.models import Council, Household
from comuna.core.services import commune_create
from comuna.memberships.models import Membership
from comuna.users.models import Role, User
commune = commune_create(code="c", name="C")
council = Council.objects.create(commune=commune, code="CC01", name="Los Mangos")
household = Household.objects.create(council=council, reference="0001", address="Calle 1")
user = User.objects.create_user("vocera", password="x")
Membership.objects.create(commune=commune, user=user, role=Role.SPOKESPERSON, council=council)
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
print(session.session_key, household.pk)
"""
COUNT = "from comuna.census.models import Person; print(Person.objects.all_communes().count())"


@pytest.mark.embedded
def test_two_racing_posts_with_one_token_save_once_on_a_served_sqlite_file(
    tmp_path: Path,
) -> None:
    """``comuna serve`` with two worker processes on one SQLite file, as a commune runs it."""
    env = comuna_env(tmp_path)
    migrated_home(tmp_path)
    done = subprocess.run([*COMUNA, "shell", "-c", SETUP], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    session, household = done.stdout.split()[-2:]
    port = free_port()
    server = subprocess.Popen(
        [*COMUNA, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        url = reverse("census:person_create", args=[int(household)])
        assert _race(f"http://127.0.0.1:{port}", session, url) == [302, 409]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    count = subprocess.run([*COMUNA, "shell", "-c", COUNT], env=env, capture_output=True, text=True)
    assert count.stdout.split()[-1] == "1", count.stderr
