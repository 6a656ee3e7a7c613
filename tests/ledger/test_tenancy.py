"""The books of commune B are out of reach of everyone in commune A.

Commune B keeps the same standard chart (1.3.02 is the emergency fund in both) and its journal
numbers entries from 1 as A's does, so entry 1 exists in both; entries 2 to 4 (4 a proposal),
an account, a statement, a sharing rule, a budget line and an upload exist in B alone, with
names and amounts found nowhere in A. Then every access function, every page that takes an
id or a code, every list and count, and the command are asked, as each of A's roles, for what
B holds.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404
from django.test import Client

from comuna.core.imports.access import upload_for_user
from comuna.core.models import Commune, Upload
from comuna.core.tenancy import SESSION_KEY
from comuna.ledger import access, chart, selectors, services
from comuna.ledger.chart import chart_ensure
from comuna.ledger.models import Account, Entry, SharingRule, Statement
from comuna.memberships.selectors import actor_for
from comuna.users.actors import Actor
from comuna.users.models import Role, User
from tests import factories
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 10)
# Found only in commune B: any of them in an answer to A is a leak.
B_NAMES = (
    "Aporte Bravo",
    "Zoraida Bracho",
    "Capital Bravo",
    "Motor Bravo",
    "Bote Bravo",
    "Cierre Bravo",
    "Regla Bravo",
    "Comité Bravo",
    "bravo.csv",
)
B_AMOUNTS = ("77.777,00", "76.543,00", "1.234,00", "900.000,00", "999,00")
B_ONLY_ACCOUNT = "1.5.09"


@dataclass
class B:
    commune: Commune
    statement: Statement
    rule: SharingRule
    upload: Upload
    proposal: Entry  # entry 4 of B's journal: A's has one entry
    both: User  # administrator of A and of B


@pytest.fixture
def b(world: World) -> B:
    cache.clear()
    chart_ensure(world.commune)
    services.transfer_post(
        commune=world.commune, debit=chart.EMERGENCY_FUND, credit=chart.CAPITAL_VES,
        amount=5_000_000, unit="VES", date=DAY, description="Aporte del Panal", author="admin",
    )  # fmt: skip
    commune = factories.make_commune(name="Comuna Bravo", code="bravo")
    chart_ensure(commune)
    services.transfer_post(
        commune=commune, debit=chart.EMERGENCY_FUND, credit=chart.CAPITAL_VES,
        amount=7_777_700, unit="VES", date=DAY, description="Aporte Bravo", author="bravo",
    )  # fmt: skip
    services.transfer_post(
        commune=commune, debit=chart.EXPENSE_EMERGENCY_AID, credit=chart.EMERGENCY_FUND,
        amount=123_400, unit="VES", date=DAY, description="Medicinas de Zoraida Bracho",
        author="bravo",
    )  # fmt: skip
    statement = services.statement_close(
        commune=commune, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31), label="Cierre Bravo"
    )
    services.transfer_post(
        commune=commune, debit=chart.BANK_VES, credit=chart.CAPITAL_VES, amount=90_000_000,
        unit="VES", date=dt.date(2025, 4, 2), description="Capital Bravo", author="bravo",
    )  # fmt: skip
    proposal = services.transfer_propose(
        commune=commune, debit=chart.EXPENSE_MAINTENANCE, credit=chart.BANK_VES,
        amount=99_900, unit="VES", date=dt.date(2025, 4, 3), description="Motor Bravo",
        author="bravo",
    )  # fmt: skip
    services.account_open(
        commune=commune, code=B_ONLY_ACCOUNT, name="Bote Bravo", kind="asset", unit="VES"
    )
    b_accounts = Account.objects.of(commune)
    rule = services.sharing_rule_create(
        commune=commune, name="Regla Bravo", source=b_accounts.get(code=chart.WASTE_CASH)
    )
    services.budget_line_set(
        commune=commune, organ="Comité Bravo", start=dt.date(2025, 3, 1),
        end=dt.date(2025, 3, 31), account=b_accounts.get(code=chart.EXPENSE_EMERGENCY_AID),
        amount=500_000,
    )  # fmt: skip
    both = factories.make_user("ambas", Role.ADMIN, commune=world.commune)
    factories.make_membership(both, Role.ADMIN, commune=commune)
    upload = Upload.objects.create(
        commune=commune,
        uploaded_by=both,
        kind="ledger",
        filename="bravo.csv",
        content=b"x",
        digest="0" * 64,
    )
    return B(commune, statement, rule, upload, proposal, both)


def personas(world: World, b: B) -> dict[str, User]:
    """Everyone of A, and a superuser and a member of both communes, all acting in A."""
    return {
        "admin": world.admin,
        "spokesperson": world.spokesperson,
        "comptroller": world.comptroller,
        "resident": world.resident,
        "outsider": world.outsider,
        "superuser": factories.make_user("raiz", is_superuser=True),
        "both": b.both,
    }


def a_client(world: World, user: User | None) -> Client:
    """A client (logged in as ``user``, if any) with commune A chosen, as the menu would."""
    client = client_for(user)
    session = client.session
    session[SESSION_KEY] = world.commune.pk
    session.save()
    return client


def post(client: Client, url: str, data: Mapping[str, object] | None = None) -> int:
    client.get("/cuentas/")
    token = client.cookies["csrftoken"].value
    return client.post(url, {**(data or {}), "csrfmiddlewaretoken": token}).status_code


def assert_no_b(text: str, where: str) -> None:
    for name in (*B_NAMES, *B_AMOUNTS):
        assert name not in text, f"{name} of commune B in {where}"


# (a) Access functions, for every role of A


def _ledger_upload(actor: Actor, pk: int) -> Upload:
    """A ledger upload as the import pages fetch it: the actor's own, in their commune."""
    if actor.login is None or actor.commune is None:
        raise Http404
    return upload_for_user(actor.login, kind="ledger", commune=actor.commune, pk=pk)


def test_no_access_function_reaches_anything_of_b_for_any_role(world: World, b: B) -> None:
    for role, user in personas(world, b).items():
        actor = world.actor(user)
        for fetch in (
            lambda: access.account_for_user(actor, B_ONLY_ACCOUNT),  # noqa: B023
            lambda: access.entry_for_user(actor, 3),  # noqa: B023
            lambda: access.statement_for_user(actor, b.statement.pk),  # noqa: B023
            lambda: access.rule_for_user(actor, b.rule.pk),  # noqa: B023
            lambda: _ledger_upload(actor, b.upload.pk),  # noqa: B023
        ):
            with pytest.raises(Http404):
                fetch()
        if access.keeps_books(actor):
            entry = access.entry_for_user(actor, 1)
            assert entry.commune_id == world.commune.pk, role
            account = access.account_for_user(actor, chart.EMERGENCY_FUND)
            assert account.commune_id == world.commune.pk, role


def test_a_member_of_both_reaches_b_only_when_acting_in_b(world: World, b: B) -> None:
    in_b = actor_for(b.both, b.commune)
    assert access.entry_for_user(in_b, 4) == b.proposal
    assert access.statement_for_user(in_b, b.statement.pk) == b.statement
    assert access.rule_for_user(in_b, b.rule.pk) == b.rule
    assert _ledger_upload(in_b, b.upload.pk) == b.upload
    assert access.account_for_user(in_b, B_ONLY_ACCOUNT).commune_id == b.commune.pk


def test_roles_in_b_give_nothing_in_a(world: World, b: B) -> None:
    comptroller_of_b = factories.make_user("contralora-b", Role.COMPTROLLER, commune=b.commune)
    actor = world.actor(comptroller_of_b)
    assert not access.keeps_books(actor) and not access.records_forms(actor)
    with pytest.raises(Http404):
        access.require_books(actor)


def test_an_actor_without_a_commune_reaches_nothing(world: World, b: B) -> None:
    actor = Actor(commune=None, user=world.admin, roles=frozenset({Role.ADMIN}))
    assert not access.keeps_books(actor)
    with pytest.raises(Http404):
        access.statement_for_user(actor, b.statement.pk)


# (b) Every page that takes an id or a code answers 404 for B's records


@pytest.mark.parametrize("persona", ["admin", "comptroller", "both"])
def test_every_page_of_a_record_of_b_is_404(world: World, b: B, persona: str) -> None:
    client = a_client(world, getattr(world, persona) if persona != "both" else b.both)
    for url in (
        f"/cuentas/libro/cuenta/{B_ONLY_ACCOUNT}/",
        "/cuentas/libro/asiento/3/",
        "/cuentas/libro/asiento/4/",
        f"/cuentas/estados/{b.statement.pk}/",
        f"/cuentas/estados/{b.statement.pk}/pdf/",
        f"/cuentas/excedentes/{b.rule.pk}/",
        f"/cuentas/libro/importar/{b.upload.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    before = Entry.objects.of(b.commune).count()
    for url, data in (
        ("/cuentas/libro/asiento/3/revertir/", {}),
        ("/cuentas/propuestas/4/", {"action": "approve"}),
        ("/cuentas/propuestas/4/", {"action": "void", "reason": "no"}),
        (f"/cuentas/estados/{b.statement.pk}/aprobar/", {
            "approved_on": "2025-04-05", "meeting_reference": "Parlamento"}),
        (f"/cuentas/excedentes/{b.rule.pk}/", {"apply": "1", "start": "2025-03-01",
                                               "end": "2025-03-31"}),
        (f"/cuentas/libro/importar/{b.upload.pk}/", {}),
    ):  # fmt: skip
        assert post(client, url, data) == 404, url
    assert Entry.objects.of(b.commune).count() == before
    b.statement.refresh_from_db()
    assert not b.statement.is_approved


def test_a_statement_of_b_is_404_to_the_public_of_a(world: World, b: B) -> None:
    client = a_client(world, None)
    assert client.get(f"/cuentas/estados/{b.statement.pk}/").status_code == 404
    assert client.get(f"/cuentas/estados/{b.statement.pk}/pdf/").status_code == 404


def test_a_book_keeper_in_a_sees_as_entry_1_never_bs(world: World, b: B) -> None:
    page = a_client(world, world.comptroller).get("/cuentas/libro/asiento/1/").content.decode()
    assert Entry.objects.of(world.commune).get(sequence=1).hash in page
    assert Entry.objects.of(b.commune).get(sequence=1).hash not in page


# (c) Lists and counts of A show nothing of B


@pytest.mark.parametrize(
    "url",
    [
        "/cuentas/",
        "/cuentas/libro/",
        "/cuentas/libro/cuenta/1.3.02/",
        "/cuentas/propuestas/",
        "/cuentas/presupuestos/",
        "/cuentas/excedentes/",
        "/cuentas/libro/importar/",
        "/cuentas/libro/transferencia/",
        "/cuentas/registrar/emergencia/",
    ],
)
def test_the_pages_of_a_show_nothing_of_b(world: World, b: B, url: str) -> None:
    for user in (world.admin, b.both):
        response = a_client(world, user).get(url)
        assert response.status_code == 200, url
        assert_no_b(response.content.decode(), url)


def test_the_public_page_of_a_shows_as_balances_and_statements(world: World, b: B) -> None:
    page = a_client(world, None).get("/cuentas/").content.decode()
    assert "50.000,00" in page  # A's emergency fund
    assert_no_b(page, "the public page")


def test_the_counts_of_a_are_as_alone(world: World, b: B) -> None:
    commune = world.commune
    assert selectors.integrity_check(commune).count == 1
    assert selectors.integrity_cached(commune).count == 1
    assert not selectors.open_proposals(commune).exists()
    assert selectors.budget_organs(commune) == []
    assert selectors.budget_periods(commune) == []
    assert selectors.balances_as_of(commune, DAY)[chart.EMERGENCY_FUND] == 5_000_000
    assert [a.commune_id for a in selectors.accounts_of(commune)] == [commune.pk] * len(
        chart.standard_chart()
    )
    totals = selectors.period_totals(commune, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31))
    fund = next(r for r in totals["accounts"] if r["code"] == chart.EMERGENCY_FUND)
    assert fund["closing"] == 5_000_000
    assert selectors.integrity_check(b.commune).count == 4


def test_the_books_page_counts_only_as_entries(world: World, b: B) -> None:
    page = a_client(world, world.comptroller).get("/cuentas/libro/").content.decode()
    assert "Last check: 1 entries verify" in page
    assert "proposal waits" not in page


def test_a_period_closed_in_b_is_still_open_in_a(world: World, b: B) -> None:
    entry = services.transfer_post(
        commune=world.commune, debit=chart.BANK_VES, credit=chart.CAPITAL_VES, amount=100,
        unit="VES", date=dt.date(2025, 3, 15), description="Marzo en A", author="admin",
    )  # fmt: skip
    assert entry.commune_id == world.commune.pk


# (d) The command acts on the commune named, and asks when there are several


IMPORTED = (
    "fecha;descripcion;debe;haber;monto;moneda\n2025-05-02;Aporte importado;1.1.01;3.1.01;10;VES\n"
)


def ledger(*args: str) -> str:
    out = io.StringIO()
    call_command("ledger", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMUNA_LANGUAGE", "en")


@pytest.mark.parametrize("name", ["verify", "accounts", "import", "export"])
def test_the_command_refuses_when_several_communes_and_none_named(
    world: World, b: B, english: None, name: str, tmp_path: Path
) -> None:
    path = tmp_path / "libro.csv"
    path.write_text(IMPORTED, encoding="utf-8")
    action = [name, str(path)] if name in ("import", "export") else [name]
    with pytest.raises(CommandError) as raised:
        ledger(*action)
    assert raised.value.returncode == 2
    assert "--commune" in str(raised.value)
    with pytest.raises(CommandError) as unknown:
        ledger(*action, "--commune", "nowhere")
    assert unknown.value.returncode == 2
    assert Entry.objects.count() == 5


def test_the_command_picks_the_commune_named(
    world: World, b: B, english: None, tmp_path: Path
) -> None:
    assert "verify: 4 entries" in ledger("verify", "--commune", "bravo")
    assert "verify: 1 entries" in ledger("verify", "--commune", world.commune.code)
    assert B_ONLY_ACCOUNT in ledger("accounts", "--commune", "BRAVO")
    assert B_ONLY_ACCOUNT not in ledger("accounts", "--commune", world.commune.code)
    out = tmp_path / "bravo.csv"
    ledger("export", "--commune", "bravo", str(out))
    assert "Aporte Bravo" in out.read_text() and "Aporte del Panal" not in out.read_text()


def test_an_import_posts_into_the_commune_named_only(
    world: World, b: B, english: None, tmp_path: Path
) -> None:
    path = tmp_path / "libro.csv"
    path.write_text(IMPORTED, encoding="utf-8")
    ledger("import", str(path), "--commune", world.commune.code)
    assert Entry.objects.of(world.commune).filter(description="Aporte importado").exists()
    assert not Entry.objects.of(b.commune).filter(description="Aporte importado").exists()
    # The same file is still new to B: each commune keeps its own record of imports.
    ledger("import", str(path), "--commune", "bravo")
    assert Entry.objects.of(b.commune).filter(description="Aporte importado").exists()
