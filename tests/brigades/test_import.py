"""A brigade's members from a spreadsheet: every bad row named, all or nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comuna.brigades.importing import members_import
from comuna.brigades.models import BrigadeMember
from tests import factories
from tests.brigades.conftest import Crew
from tests.conftest import client_for, post_form

pytestmark = pytest.mark.django_db


def _csv(*rows: str) -> bytes:
    return ("cedula,habilidades,vocero,desde\n" + "\n".join(rows) + "\n").encode()


def test_a_good_file_adds_every_member(crew: Crew) -> None:
    outcome = members_import(
        commune=crew.world.commune,
        brigade=crew.security,
        content=_csv("V-12.345.678,radio,si,2026-01-05", "V11222333,,,"),
        filename="miembros.csv",
        author="admin",
    )
    assert not outcome.problems
    members = BrigadeMember.objects.filter(brigade=crew.security, left_on__isnull=True)
    assert members.count() == 3
    assert members.get(person=crew.world.head).is_spokesperson


def test_every_bad_row_is_named_and_nothing_is_added(crew: Crew) -> None:
    outcome = members_import(
        commune=crew.world.commune,
        brigade=crew.water,
        content=_csv(
            "V99999999,,,",  # nobody has it
            "V8765432,,,",  # Carmen: fine on its own
            "V11222333,,,",  # Pedro is already in the water brigade
            "V8765432,,,",  # Carmen twice
            "abc,,,",
            "V8765432,,talvez,",
        ),
        filename="malo.csv",
        author="admin",
    )
    rows = sorted(p.row for p in outcome.problems if p.row is not None)
    assert rows == [2, 4, 5, 6, 7]
    assert not BrigadeMember.objects.filter(
        brigade=crew.water, person=crew.world.neighbour
    ).exists()


def test_two_spokespeople_are_refused(crew: Crew) -> None:
    outcome = members_import(
        commune=crew.world.commune,
        brigade=crew.security,
        content=_csv("V12345678,,si,", "V11222333,,si,"),
        filename="dos.csv",
        author="admin",
    )
    assert [p.code for p in outcome.problems] == ["two_spokespeople"]
    # The water brigade already has one.
    outcome = members_import(
        commune=crew.world.commune,
        brigade=crew.water,
        content=_csv("V8765432,,si,"),
        filename="otro.csv",
        author="admin",
    )
    assert [p.code for p in outcome.problems] == ["two_spokespeople"]
    assert BrigadeMember.objects.filter(brigade=crew.security).count() == 1


def test_the_command_imports_and_refuses(crew: Crew, tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    good = tmp_path / "buenos.csv"
    good.write_bytes(_csv("V11222333,,,"))
    call_command("brigades", "members", "import", str(crew.security.pk), str(good))
    assert BrigadeMember.objects.filter(brigade=crew.security).count() == 2
    bad = tmp_path / "malos.csv"
    bad.write_bytes(_csv("V99999999,,,"))
    with pytest.raises(CommandError) as error:
        call_command("brigades", "members", "import", str(crew.security.pk), str(bad))
    assert error.value.returncode == 1
    with pytest.raises(CommandError) as error:
        call_command("brigades", "members", "import", "999999", str(good))
    assert error.value.returncode == 2


def test_the_import_pages_preview_and_confirm_for_the_spokesperson(crew: Crew) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(crew.leader_login)
    url = f"/brigadas/{crew.water.pk}/miembros/importar/"
    client.get(url)
    response = client.post(
        url,
        {
            "file": SimpleUploadedFile("m.csv", _csv("V8765432,radio,,"), "text/csv"),
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 302
    preview = response["Location"]
    assert "1" in client.get(preview).content.decode()
    assert client_for(crew.member_login).get(preview).status_code == 403
    post_form(client, preview, {})
    assert BrigadeMember.objects.filter(brigade=crew.water, person=crew.world.neighbour).exists()
    assert client_for(crew.member_login).get(url).status_code == 403
    other = factories.make_user("otro", commune=crew.world.commune)
    assert client_for(other).get(url).status_code == 404
