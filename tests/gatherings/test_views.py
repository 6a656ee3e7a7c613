"""The pages, as each role meets them: the public calendar and gathering pages, the
organisers' pages (404 to an officer of another level), the reports of a commune."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from comuna.gatherings import services
from comuna.gatherings.models import Action, Delegate, Participation, Speaker, Vote
from tests.conftest import client_for, post_form
from tests.gatherings.conftest import Federation

pytestmark = pytest.mark.django_db


def _action(f: Federation) -> Action:
    return services.action_call(
        kind="solidarity",
        title="Día de solidaridad",
        description="Foro; colecta, y más",
        starts_on=f.today,
        ends_on=f.today,
        unit=f.city,
        organisations=[f.union],
        by=None,
    )


def _delegate(f: Federation) -> Delegate:
    d = services.delegate_register(
        gathering=f.gathering,
        organisation=f.union,
        name="Carmen Privada",
        national_id="V99887766",
        by=None,
    )
    services.delegate_presence_set(delegate=d, present=True, by=None)
    return d


def test_anybody_reads_the_calendar_and_an_action(federation: Federation) -> None:
    f = federation
    action = _action(f)
    services.participation_report(
        commune=f.world.commune,
        action=action,
        people=20,
        hours=Decimal(40),
        note="nota interna",
        by=None,
    )
    client = client_for(None)
    page = client.get("/encuentros/").content.decode()
    assert "Día de solidaridad" in page and "Encuentro del Sur" in page
    page = client.get(f"/encuentros/acciones/{action.pk}/").content.decode()
    assert f.world.commune.name in page and "chart-people" in page
    assert "nota interna" not in page  # the notes are the organisers'
    page = client_for(f.city_officer).get(f"/encuentros/acciones/{action.pk}/").content.decode()
    assert "nota interna" in page


def test_a_month_is_asked_for_and_a_bad_month_shows_this_one(federation: Federation) -> None:
    client = client_for(None)
    assert client.get("/encuentros/?mes=2026-02").status_code == 200
    assert client.get("/encuentros/?mes=nada").status_code == 200


def test_the_calendar_exports_as_icalendar(federation: Federation) -> None:
    f = federation
    action = _action(f)
    response = client_for(None).get("/encuentros/calendario.ics")
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert f"UID:{action.uuid}@" in text
    assert "SUMMARY:Día de solidaridad" in text
    assert "DESCRIPTION:Foro\\; colecta\\, y más" in text
    assert f"DTSTART;VALUE=DATE:{f.today:%Y%m%d}" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_the_commune_admin_reports_participation_through_the_form(federation: Federation) -> None:
    f = federation
    action = _action(f)
    url = f"/encuentros/acciones/{action.pk}/participacion/"
    client = client_for(f.world.admin)
    post_form(client, url, {"people": "25", "hours": "75.5", "note": "bien"})
    post_form(client, url, {"people": "26", "hours": "78", "note": ""})
    report = Participation.objects.of(f.world.commune).get()
    assert (report.people, report.hours) == (26, Decimal(78))


@pytest.mark.parametrize("who", ["resident", "comptroller", "outsider", "anonymous"])
def test_others_in_the_commune_do_not_report(federation: Federation, who: str) -> None:
    f = federation
    action = _action(f)
    user = None if who == "anonymous" else getattr(f.world, who)
    response = client_for(user).get(f"/encuentros/acciones/{action.pk}/participacion/")
    assert response.status_code in (302, 403)
    assert not Participation.objects.all_communes().exists()


def test_the_public_gathering_page_names_no_delegate(federation: Federation) -> None:
    f = federation
    _delegate(f)
    for user in (None, f.world.admin, f.other_officer):
        page = client_for(user).get(f"/encuentros/{f.gathering.pk}/").content.decode()
        assert "Segundo: coordinamos." in page
        assert "Carmen Privada" not in page and "V99887766" not in page
    page = (
        client_for(f.city_officer).get(f"/encuentros/{f.gathering.pk}/delegados/").content.decode()
    )
    assert "Carmen Privada" in page and "V99887766" in page


def _organiser_paths(f: Federation) -> list[str]:
    d = _delegate(f)
    session = services.session_open(
        gathering=f.gathering,
        title="Plenaria",
        starts_at=dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC),
        agenda="",
        by=None,
    )
    amendment = services.amendment_propose(
        gathering=f.gathering,
        paragraph_number=1,
        kind="delete",
        text="",
        organisation=f.union,
        by=None,
    )
    g = f.gathering.pk
    return [
        f"/encuentros/{g}/delegados/",
        f"/encuentros/{g}/sesiones/nueva/",
        f"/encuentros/{g}/enmiendas/nueva/",
        f"/encuentros/{g}/votacion/",
        f"/encuentros/sesiones/{session.pk}/",
        f"/encuentros/enmiendas/{amendment.pk}/",
        f"/encuentros/{g}/delegados/{d.pk}/presente/",
    ]


@pytest.mark.parametrize("who", ["city_officer", "state_officer"])
def test_officers_of_the_level_or_above_organise(federation: Federation, who: str) -> None:
    f = federation
    client = client_for(getattr(f, who))
    for path in _organiser_paths(f)[:-1]:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("who", ["other_officer", "admin", "anonymous"])
def test_an_officer_of_another_level_meets_404(federation: Federation, who: str) -> None:
    f = federation
    user = {"other_officer": f.other_officer, "admin": f.world.admin, "anonymous": None}[who]
    # Access, not the CSRF check, is what is tested here.
    client = Client()
    if user is not None:
        client.force_login(user)
    paths = _organiser_paths(f)
    for path in paths:
        response = client.get(path) if not path.endswith("presente/") else client.post(path)
        expected = (302,) if user is None else (404,)
        assert response.status_code in expected, path
    # A POST changes nothing.
    session = f.gathering.sessions.get()
    d = f.gathering.delegates.get()
    for path, data in (
        (f"/encuentros/sesiones/{session.pk}/palabra/", {"delegate": d.pk}),
        (f"/encuentros/sesiones/{session.pk}/siguiente/", {}),
        (f"/encuentros/{f.gathering.pk}/votacion/voto/", {"delegate": d.pk, "choice": "yes"}),
        (f"/encuentros/{f.gathering.pk}/votacion/contar/", {}),
        (f"/encuentros/{f.gathering.pk}/delegados/", {"organisation": f.union.pk, "name": "X"}),
    ):
        assert client.post(path, data).status_code in (302, 404), path
    assert not Speaker.objects.exists() and not Vote.objects.exists()
    assert f.gathering.delegates.count() == 1


def _post(client: Client, page: str, url: str, data: dict[str, object]) -> None:
    """POST as the browser does from ``page``, whose form gave the CSRF cookie."""
    client.get(page)
    client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def test_the_chair_runs_the_speakers_list_through_the_page(federation: Federation) -> None:
    f = federation
    d = _delegate(f)
    session = services.session_open(
        gathering=f.gathering,
        title="Plenaria",
        starts_at=dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC),
        agenda="",
        by=None,
    )
    client = client_for(f.city_officer)
    url = f"/encuentros/sesiones/{session.pk}/"
    _post(client, url, url + "palabra/", {"delegate": d.pk})
    _post(client, url, url + "siguiente/", {})
    assert Speaker.objects.get().status == Speaker.Status.SPEAKING
    page = client.get(url).content.decode()
    assert "Carmen Privada" in page
    _post(client, url, url + "termino/", {})
    assert Speaker.objects.get().status == Speaker.Status.DONE


def test_the_declaration_pdf_is_served_only_once_adopted(federation: Federation) -> None:
    f = federation
    d = _delegate(f)
    url = f"/encuentros/{f.gathering.pk}/declaracion.pdf"
    assert client_for(None).get(url).status_code == 404
    client = client_for(f.city_officer)
    vote_page = f"/encuentros/{f.gathering.pk}/votacion/"
    _post(client, vote_page, vote_page + "voto/", {"delegate": d.pk, "choice": "yes"})
    _post(client, vote_page, vote_page + "contar/", {})
    response = client_for(None).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_api_gives_the_calendar_and_the_adopted_declarations(federation: Federation) -> None:
    f = federation
    action = _action(f)
    services.participation_report(
        commune=f.world.commune, action=action, people=7, hours=Decimal(14), by=None
    )
    client = client_for(None)
    found = client.get(f"/api/gatherings/actions?month={f.today:%Y-%m}").json()
    assert [(a["title"], a["people"], a["organisations"]) for a in found] == [
        ("Día de solidaridad", 7, ["Sindicato de la Salud"])
    ]
    one = client.get(f"/api/gatherings/actions/{action.pk}").json()
    assert one["participation"][0]["commune"] == f.world.commune.code
    assert client.get("/api/gatherings/actions?month=13").status_code == 400
    assert client.get("/api/gatherings/declarations").json() == []
    d = _delegate(f)
    services.vote_cast(gathering=f.gathering, delegate=d, choice="yes", by=None)
    services.declaration_count(gathering=f.gathering, by=None)
    (declaration,) = client.get("/api/gatherings/declarations").json()
    assert [p["number"] for p in declaration["paragraphs"]] == [1, 2, 3]
    assert "Carmen" not in str(declaration)
    assert client.get(f"/api/gatherings/declarations/{f.gathering.pk}").status_code == 200
