"""Who sees and changes the enterprises, role by role; nothing of another commune."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from comuna.enterprises import access
from comuna.enterprises.models import WorkerJob
from comuna.enterprises.services import worker_add
from tests import factories
from tests.conftest import World, client_for
from tests.enterprises.conftest import DAY, Works


@pytest.mark.parametrize(
    ("persona", "reads", "manages", "diesel"),
    [
        ("admin", True, True, True),
        ("manager", True, True, True),
        ("treasurer", True, False, True),
        ("comptroller", True, False, False),
        ("driver", False, False, False),
        ("spokesperson", False, False, False),
        ("resident", False, False, False),
    ],
)
def test_the_access_rules_by_role(
    works: Works, persona: str, reads: bool, manages: bool, diesel: bool
) -> None:
    user = getattr(works, persona, None) or getattr(works.world, persona)
    actor = works.world.actor(user)
    assert access.enterprises_are_read(actor) is reads
    assert access.enterprises_are_managed(actor) is manages
    assert access.diesel_is_recorded(actor) is diesel


def test_a_worker_sees_only_the_enterprise_where_their_login_works(works: Works) -> None:
    actor = works.world.actor(works.driver)
    with pytest.raises(Http404):
        access.enterprise_for_user(actor, works.waste.pk)
    worker_add(
        enterprise=works.waste,
        person=works.world.head,
        job=WorkerJob.DRIVER,
        since=DAY,
        login=works.driver,
    )
    assert access.enterprise_for_user(actor, works.waste.pk) == works.waste
    with pytest.raises(PermissionDenied):
        access.enterprise_for_user(actor, works.waste.pk, manage=True)
    assert access.enterprises_are_listed(actor)


def test_an_enterprise_of_another_commune_is_404_even_to_its_administrator(
    works: Works,
) -> None:
    other = factories.make_commune(name="Comuna Lejana", code="lejana")
    boss = factories.make_user("jefa", factories.Role.ADMIN, commune=other)
    with pytest.raises(Http404):
        access.enterprise_for_user(works.world.actor(boss), works.waste.pk)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("comptroller", 200), ("spokesperson", 403), ("resident", 403)],
)
def test_the_pages_answer_by_role(works: Works, persona: str, status: int) -> None:
    client = client_for(getattr(works.world, persona))
    assert client.get("/empresas/").status_code == status
    detail = client.get(f"/empresas/{works.waste.pk}/").status_code
    assert detail == (200 if status == 200 else 404)


def test_the_comptroller_reads_but_is_refused_every_write(works: Works) -> None:
    client = client_for(works.world.comptroller)
    assert client.get("/empresas/nueva/").status_code == 403
    assert client.get(f"/empresas/{works.waste.pk}/editar/").status_code == 403
    assert client.get(f"/empresas/{works.waste.pk}/trabajadores/nuevo/").status_code == 403
    page = client.get(f"/empresas/{works.waste.pk}/gasoil/")
    assert page.status_code == 200 and b'name="litres"' not in page.content


def test_nobody_logged_in_is_sent_to_log_in(world: World) -> None:
    response = client_for(None).get("/empresas/")
    assert response.status_code == 302 and "/cuenta/" in response["Location"]
