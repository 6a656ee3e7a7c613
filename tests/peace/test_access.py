"""Who reads what in peace and mediation, role by role, through the pages and the API."""

from __future__ import annotations

import datetime as dt

import pytest

from comuna.peace import services
from comuna.peace.models import CaseRead, Round
from comuna.users.models import Role
from tests import factories
from tests.conftest import client_for, post_form
from tests.pdf import pdf_text
from tests.peace.conftest import DAY, OUTSIDER, PARTY, SUMMARY, Peace

pytestmark = pytest.mark.django_db

SECRET_REPORT = "Vecino Fulano Reservado gritaba"


def _case_urls(pk: int) -> list[str]:
    return [
        f"/paz/casos/{pk}/",
        f"/paz/casos/{pk}/sesion/",
        f"/paz/casos/{pk}/acuerdo/",
        f"/paz/casos/{pk}/acuerdo.pdf",
        f"/paz/casos/{pk}/seguimiento/",
        f"/paz/casos/{pk}/cierre/",
        f"/paz/casos/{pk}/lecturas/",
    ]


def _agree(peace: Peace) -> None:
    services.agreement_record(case=peace.her_case, agreed_on=DAY, terms="Silencio tras las 10")


def test_a_mediator_reads_her_case_and_the_read_is_logged(peace: Peace) -> None:
    client = client_for(peace.mediadora)
    page = client.get(f"/paz/casos/{peace.her_case.pk}/")
    assert page.status_code == 200
    assert PARTY[0] in page.text and OUTSIDER in page.text and SUMMARY in page.text
    read = CaseRead.objects.get(case=peace.her_case)
    assert (read.user, read.what) == (peace.mediadora, "page")
    log = client.get(f"/paz/casos/{peace.her_case.pk}/lecturas/")
    assert log.status_code == 200 and "mediadora" in log.text


def test_a_mediator_cannot_read_another_mediators_case(peace: Peace) -> None:
    _agree(peace)
    client = client_for(peace.mediador)
    for url in _case_urls(peace.her_case.pk):
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert PARTY[0] not in answer.text
    listing = client.get("/paz/casos/")
    assert PARTY[0] not in listing.text and peace.her_case.reference not in listing.text
    assert not CaseRead.objects.filter(case=peace.her_case).exists()


@pytest.mark.parametrize("who", ["admin", "comptroller"])
def test_the_administrator_and_the_comptroller_see_counts_not_content(
    peace: Peace, who: str
) -> None:
    _agree(peace)
    client = client_for(getattr(peace.world, who))
    for url in _case_urls(peace.her_case.pk):
        assert client.get(url).status_code == 404, url
    listing = client.get("/paz/casos/")
    assert listing.status_code == 200
    assert peace.her_case.reference in listing.text  # the list, without content
    for secret in (PARTY[0], PARTY[1], OUTSIDER, SUMMARY, "Silencio"):
        assert secret not in listing.text
    assert not CaseRead.objects.exists()


@pytest.mark.parametrize("who", ["spokesperson", "treasurer", "resident", None])
def test_others_do_not_reach_mediation(peace: Peace, who: str | None) -> None:
    client = client_for(getattr(peace.world, who) if who else None)
    for url in ["/paz/casos/", "/paz/casos/nuevo/", *_case_urls(peace.her_case.pk)]:
        assert client.get(url).status_code in (302, 403, 404), url


def test_the_administrator_assigns_mediators_to_a_case_she_cannot_read(peace: Peace) -> None:
    client = client_for(peace.world.admin)
    form = client.get("/paz/casos/nuevo/")
    assert "national_ids" not in form.text and "summary" not in form.text
    post_form(
        client,
        "/paz/casos/nuevo/",
        {"kind": "family", "opened_on": "2026-03-05", "mediators": [peace.second.pk]},
    )
    case = peace.second.cases.get(kind="family")
    assert list(case.mediators.all()) == [peace.second]
    assert client.get(f"/paz/casos/{case.pk}/").status_code == 404
    assert client_for(peace.mediador).get(f"/paz/casos/{case.pk}/").status_code == 200


def test_a_mediator_opens_a_case_and_is_assigned(peace: Peace) -> None:
    client = client_for(peace.mediador)
    answer = post_form(
        client,
        "/paz/casos/nuevo/",
        {
            "kind": "pets",
            "opened_on": "2026-03-05",
            "national_ids": "V12345678",
            "outsiders": "Pedro de Afuera",
        },
    )
    case = peace.second.cases.get(kind="pets")
    assert answer.status_code == 302  # type: ignore[attr-defined]
    assert {str(p) for p in case.parties.all()} == {str(peace.world.head), "Pedro de Afuera"}
    assert client_for(peace.mediadora).get(f"/paz/casos/{case.pk}/").status_code == 404


def test_an_unknown_national_id_is_refused_and_nothing_is_opened(peace: Peace) -> None:
    client = client_for(peace.mediador, language="es")
    answer = post_form(
        client,
        "/paz/casos/nuevo/",
        {"kind": "pets", "opened_on": "2026-03-05", "national_ids": "V0"},
    )
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert "V0" in answer.text  # type: ignore[attr-defined]
    assert not peace.second.cases.filter(kind="pets").exists()


def test_the_agreement_prints_for_its_mediators_and_the_print_is_logged(peace: Peace) -> None:
    _agree(peace)
    answer = client_for(peace.mediadora).get(f"/paz/casos/{peace.her_case.pk}/acuerdo.pdf")
    assert answer["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content)
    assert "Silencio" in text and PARTY[0] in text
    assert CaseRead.objects.filter(case=peace.her_case, what="agreement_pdf").exists()


def test_a_brigade_member_records_a_round_with_a_report(peace: Peace) -> None:
    client = client_for(peace.brigadista)
    answer = post_form(
        client,
        "/paz/rondas/nueva/",
        {
            "brigade": peace.brigade.pk,
            "date": "2026-03-01",
            "starts_at": "19:00",
            "ends_at": "21:00",
            "members": [peace.member.pk],
            "category": "lighting",
            "what": "Postes sin luz",
        },
    )
    assert answer.status_code == 302  # type: ignore[attr-defined]
    walked = Round.objects.get(brigade=peace.brigade)
    assert [r.category for r in walked.reports.all()] == ["lighting"]
    assert list(walked.members.all()) == [peace.member]


def test_a_round_that_ends_before_it_starts_is_refused(peace: Peace) -> None:
    client = client_for(peace.brigadista, language="es")
    answer = post_form(
        client,
        "/paz/rondas/nueva/",
        {
            "brigade": peace.brigade.pk,
            "date": "2026-03-01",
            "starts_at": "21:00",
            "ends_at": "19:00",
        },
    )
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert not Round.objects.exists()


@pytest.mark.parametrize("who", ["resident", "spokesperson", "comptroller", "treasurer"])
def test_only_the_brigade_records_rounds(peace: Peace, who: str) -> None:
    client = client_for(getattr(peace.world, who))
    assert client.get("/paz/rondas/nueva/").status_code in (403, 404)


def _walk(peace: Peace) -> Round:
    return services.round_record(
        brigade=peace.brigade,
        date=DAY,
        starts_at=dt.time(19),
        ends_at=dt.time(21),
        sector=None,
        route="Calle 1",
        members=[peace.member],
        notes="",
        by=peace.brigadista,
        reports=[("noise", None, SECRET_REPORT)],
    )


@pytest.mark.parametrize("who", ["admin", "comptroller", "spokesperson"])
def test_overseers_and_the_councils_spokesperson_read_the_rounds(peace: Peace, who: str) -> None:
    walked = _walk(peace)
    page = client_for(getattr(peace.world, who)).get(f"/paz/rondas/{walked.pk}/")
    assert page.status_code == 200 and SECRET_REPORT in page.text


def test_another_councils_spokesperson_does_not_read_the_round(peace: Peace) -> None:
    walked = _walk(peace)
    other = factories.make_user("vocero2", Role.SPOKESPERSON, council=peace.world.other_council)
    client = client_for(other)
    assert client.get(f"/paz/rondas/{walked.pk}/").status_code == 404
    assert SECRET_REPORT not in client.get("/paz/rondas/").text


def test_the_public_page_and_the_api_show_counts_and_no_one(peace: Peace) -> None:
    _walk(peace)
    _agree(peace)
    page = client_for(None).get("/paz/publico/")
    assert page.status_code == 200
    api = client_for(peace.world.resident).get("/api/peace/figures")
    assert api.status_code == 200
    assert api.json()["rounds_total"] == 1 and api.json()["cases_total"] == 2
    for text in (page.text, api.text):
        for secret in (SECRET_REPORT, PARTY[0], PARTY[1], OUTSIDER, SUMMARY, "Silencio", "Pérez"):
            assert secret not in text
