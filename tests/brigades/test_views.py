"""The brigades' pages through HTTP, role by role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from comuna.brigades.models import Brigade, BrigadeMember, Shift, ShiftSwap, SwapStatus
from comuna.brigades.services import shift_add
from comuna.users.models import Role
from tests import factories
from tests.brigades.conftest import Crew, at
from tests.conftest import client_for, post_form

pytestmark = pytest.mark.django_db


def test_the_administrator_creates_a_brigade_of_another_kind(crew: Crew) -> None:
    client = client_for(crew.world.admin)
    response = post_form(
        client,
        "/brigadas/nueva/",
        {"name": "Comité deportivo", "kind": "other", "other_kind": "Deportes", "council": ""},
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Brigade.objects.get(name="Comité deportivo").kind_label == "Deportes"


def test_a_brigade_without_its_kind_named_is_refused_in_spanish(crew: Crew) -> None:
    client = client_for(crew.world.admin, language="es")
    response = post_form(client, "/brigadas/nueva/", {"name": "X", "kind": "other"})
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "tipo de brigada" in response.content.decode()  # type: ignore[attr-defined]
    assert not Brigade.objects.filter(name="X").exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin", 200),
        ("comptroller", 200),
        ("leader", 200),
        ("member", 200),
        ("spokesperson", 404),  # the water brigade is the commune's, not a council's
        ("resident", 404),
        ("outsider", 404),
    ],
)
def test_who_reads_the_water_brigade(crew: Crew, who: str, status: int) -> None:
    users = {
        "admin": crew.world.admin,
        "comptroller": crew.world.comptroller,
        "leader": crew.leader_login,
        "member": crew.member_login,
        "spokesperson": crew.world.spokesperson,
        "resident": crew.world.resident,
        "outsider": crew.world.outsider,
    }
    response = client_for(users[who]).get(f"/brigadas/{crew.water.pk}/")
    assert response.status_code == status
    if status == 200:
        assert "Pedro Gómez" in response.content.decode()


def test_a_council_spokesperson_reads_the_brigades_of_their_council(crew: Crew) -> None:
    mine = Brigade.objects.create(
        commune=crew.world.commune,
        name="Seguridad Los Mangos",
        kind="security",
        council=crew.world.council,
    )
    client = client_for(crew.world.spokesperson)
    assert client.get(f"/brigadas/{mine.pk}/").status_code == 200
    assert client.get(f"/brigadas/{crew.security.pk}/").status_code == 404
    listed = client.get("/brigadas/").content.decode()
    assert "Seguridad Los Mangos" in listed and "Brigada de seguridad" not in listed


def test_only_the_spokesperson_and_the_administrator_manage_the_rota(crew: Crew) -> None:
    url = f"/brigadas/{crew.water.pk}/turnos/nuevo/"
    assert client_for(crew.member_login).get(url).status_code == 403
    assert client_for(crew.world.comptroller).get(url).status_code == 403
    assert client_for(crew.leader_login).get(url).status_code == 200
    assert client_for(crew.world.admin).get(url).status_code == 200


def test_the_spokesperson_adds_a_shift_and_an_overlap_is_refused_on_the_form(crew: Crew) -> None:
    client = client_for(crew.leader_login, language="es")
    url = f"/brigadas/{crew.water.pk}/turnos/nuevo/"
    day = "2026-11-10"
    data = {"member": crew.member.pk, "day": day, "starts": "22:00", "ends": "06:00", "note": ""}
    assert post_form(client, url, data).status_code == 302  # type: ignore[attr-defined]
    shift = Shift.objects.get()
    assert shift.ends_at - shift.starts_at == dt.timedelta(hours=8)
    refused = post_form(client, url, {**data, "starts": "23:00", "ends": "01:00"})
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "Pedro Gómez" in refused.content.decode()  # type: ignore[attr-defined]
    assert Shift.objects.count() == 1


def test_the_rota_pdf_prints_the_month(crew: Crew) -> None:
    shift_add(
        brigade=crew.water,
        member=crew.member,
        starts_at=at(dt.date(2026, 11, 10), 8),
        ends_at=at(dt.date(2026, 11, 10), 16),
    )
    response = client_for(crew.member_login).get(
        f"/brigadas/{crew.water.pk}/turnos/mes/2026-11.pdf"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        client_for(crew.world.admin)
        .get(f"/brigadas/{crew.water.pk}/turnos/mes/2026-13.pdf")
        .status_code
        == 404
    )


def test_a_member_asks_for_a_swap_and_the_other_accepts(crew: Crew) -> None:
    later = timezone.localdate() + dt.timedelta(days=2)
    mine = shift_add(
        brigade=crew.water, member=crew.member, starts_at=at(later, 6), ends_at=at(later, 14)
    )
    theirs = shift_add(
        brigade=crew.water, member=crew.leader, starts_at=at(later, 14), ends_at=at(later, 22)
    )
    member = client_for(crew.member_login)
    url = f"/brigadas/{crew.water.pk}/turnos/{mine.pk}/cambiar/"
    assert post_form(member, url, {"theirs": theirs.pk}).status_code == 302  # type: ignore[attr-defined]
    swap = ShiftSwap.objects.get()
    # Pedro cannot ask for Rosa's... nor decide his own request; María José (asked) accepts.
    decide = f"/brigadas/{crew.water.pk}/cambios/{swap.pk}/"
    assert client_for(crew.world.comptroller).get(f"/brigadas/{crew.water.pk}/").status_code == 200
    token = member.cookies["csrftoken"].value
    assert (
        member.post(decide, {"decision": "accept", "csrfmiddlewaretoken": token}).status_code == 403
    )
    leader = client_for(crew.leader_login)
    leader.get(f"/brigadas/{crew.water.pk}/")
    token = leader.cookies["csrftoken"].value
    accepted = leader.post(decide, {"decision": "accept", "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302
    swap.refresh_from_db()
    assert swap.status == SwapStatus.DONE
    mine.refresh_from_db()
    assert mine.member_id == crew.leader.pk


def test_a_member_cannot_ask_to_swap_a_shift_not_theirs(crew: Crew) -> None:
    later = timezone.localdate() + dt.timedelta(days=2)
    theirs = shift_add(
        brigade=crew.water, member=crew.third, starts_at=at(later, 6), ends_at=at(later, 14)
    )
    url = f"/brigadas/{crew.water.pk}/turnos/{theirs.pk}/cambiar/"
    assert client_for(crew.member_login).get(url).status_code == 404


def test_the_member_sees_who_is_on_duty_now(crew: Crew) -> None:
    now = timezone.now()
    shift_add(
        brigade=crew.security,
        member=crew.guard,
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=2),
    )
    shift_add(
        brigade=crew.water,
        member=crew.third,
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=2),
    )
    page = client_for(crew.member_login).get("/brigadas/de-turno/").content.decode()
    assert "Rosa Díaz" in page and "Carmen" not in page
    admin_page = client_for(crew.world.admin).get("/brigadas/de-turno/").content.decode()
    assert "Rosa Díaz" in admin_page and "Carmen Rojas" in admin_page


def test_the_administrator_adds_a_member_found_in_the_census_with_a_login(crew: Crew) -> None:
    login = factories.make_user("nuevo", Role.BRIGADE_MEMBER, commune=crew.world.commune)
    client = client_for(crew.world.admin)
    url = f"/brigadas/{crew.security.pk}/miembros/nuevo/"
    assert "Carmen" not in client.get(url + "?q=Pedro").content.decode()
    response = post_form(
        client,
        url,
        {
            "person": crew.world.child.pk,
            "skills": "radio",
            "login": login.pk,
            "joined_on": "2026-11-01",
        },
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert BrigadeMember.objects.get(brigade=crew.security, person=crew.world.child).login == login


def test_ending_a_membership_takes_the_login_out_of_the_brigade(crew: Crew) -> None:
    client = client_for(crew.world.admin)
    url = f"/brigadas/{crew.water.pk}/miembros/{crew.member.pk}/terminar/"
    assert post_form(client, url, {"left_on": "2026-11-20"}).status_code == 302  # type: ignore[attr-defined]
    assert client_for(crew.member_login).get(f"/brigadas/{crew.water.pk}/").status_code == 404


def test_the_administrator_posts_the_salaries_and_the_brigade_page_shows_them(crew: Crew) -> None:
    client = client_for(crew.world.admin)
    url = f"/brigadas/{crew.water.pk}/sueldos/"
    month = f"{timezone.localdate():%Y-%m}"
    assert post_form(client, url, {"month": month, "amount": "13.500,00"}).status_code == 302  # type: ignore[attr-defined]
    again = post_form(client, url, {"month": month, "amount": "13.500,00"})
    assert again.status_code == 400  # type: ignore[attr-defined]
    page = client.get(f"/brigadas/{crew.water.pk}/").content.decode()
    assert "Ministerio del Agua" in page and "13.500" in page
    assert client_for(crew.leader_login).get(url).status_code == 403


def test_the_public_page_shows_counts_and_no_names(crew: Crew) -> None:
    response = client_for(None, language="es").get("/brigadas/publico/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Brigada de agua" in page
    for name in ("Pedro", "María José", "Rosa", "Carmen"):
        assert name not in page
