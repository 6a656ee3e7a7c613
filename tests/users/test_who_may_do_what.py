"""The README's table of who may do what, kept true: each role's writes, asked of the access
rules, must be exactly those its row of the table names."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from comuna.census.access import council_is_editable
from comuna.circuits.access import circuits_are_organised
from comuna.clearing.access import obligations_are_recordable
from comuna.distribution.access import distribution_is_managed, tables_are_workable
from comuna.governance.access import organ_is_manageable, seats_are_editable, statute_is_editable
from comuna.governance.models import Organ, OrganKind
from comuna.incidents.access import incidents_are_reportable
from comuna.ledger.access import keeps_books, records_findings, records_forms
from comuna.memberships.access import memberships_are_manageable
from comuna.users.actors import Actor
from tests.conftest import World

README = Path(__file__).resolve().parents[2] / "README.md"

Check = Callable[[Actor, World, Organ, Organ], bool]

# What each role records, in the README's own words, and the access rule that decides it.
WRITES: dict[str, Check] = {
    "the census of every council": lambda a, w, _c, _a: council_is_editable(a, w.other_council),
    "the census of their council": lambda a, w, _c, _a: (
        council_is_editable(a, w.council) and not council_is_editable(a, w.other_council)
    ),
    "the meetings of every organ": lambda a, _w, commune_organ, _a: organ_is_manageable(
        a, commune_organ
    ),
    "the meetings of their council's organs": lambda a, _w, commune_organ, assembly: (
        organ_is_manageable(a, assembly) and not organ_is_manageable(a, commune_organ)
    ),
    "seats, elections and recalls": lambda a, *_: seats_are_editable(a),
    "the statute": lambda a, *_: statute_is_editable(a),
    "programmes and rounds": lambda a, *_: distribution_is_managed(a),
    "the distribution tables": lambda a, *_: tables_are_workable(a),
    "the books (": lambda a, *_: keeps_books(a),
    "the books' short forms": lambda a, *_: records_forms(a),
    "findings": lambda a, *_: records_findings(a),
    "members and roles": lambda a, *_: memberships_are_manageable(a),
    "incident reports": lambda a, *_: incidents_are_reportable(a),
    "the communal circuits": lambda a, *_: circuits_are_organised(a),
    "agreements and obligations between communes": lambda a, *_: obligations_are_recordable(a),
}

# The README's rows, by the persona that holds each role in the tests' world.
ROWS = {
    "administrator": "admin",
    "council spokesperson": "spokesperson",
    "treasurer of the communal bank": "treasurer",
    "comptroller": "comptroller",
    "resident": "resident",
}


def _records_column() -> dict[str, str]:
    table = README.read_text().split("## Who may do what")[1].split("\n\n")[2]
    rows = {}
    for line in table.splitlines()[2:]:
        role, _reads, records = (cell.strip() for cell in line.strip("|").split("|"))
        rows[role] = records
    return rows


def test_the_table_has_a_row_for_every_role() -> None:
    assert set(ROWS) <= set(_records_column())


@pytest.mark.parametrize(("row", "persona"), ROWS.items())
def test_each_role_records_what_its_row_says_and_nothing_else(
    world: World, row: str, persona: str
) -> None:
    commune_organ = Organ.objects.create(
        commune=world.commune, kind=OrganKind.EXECUTIVE, name="Consejo Ejecutivo"
    )
    assembly = Organ.objects.create(
        commune=world.commune, council=world.council, kind=OrganKind.ASSEMBLY, name="Asamblea"
    )
    actor = world.actor(getattr(world, persona))
    written = _records_column()[row]
    allowed = {
        phrase for phrase, check in WRITES.items() if check(actor, world, commune_organ, assembly)
    }
    said = {phrase for phrase in WRITES if phrase in written}
    assert allowed == said, f"{row}: the access rules allow {allowed}, the README says {said}"
    if not allowed:
        assert re.match(r"nothing\b", written)
