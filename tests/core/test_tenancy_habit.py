"""Tenancy is a habit, not a decision in each query: no query of communal data in the code
starts anywhere but at ``objects.of(commune)``.

The rule is read from the source: for every model built on ``CommunalModel`` (and the
ledger's ``Entry``), ``Model.objects`` may only be followed by ``of`` (one commune),
``all_communes`` (every commune, on purpose and said so), or a write that names its rows
(``create``, ``bulk_create``, ``bulk_update``, ``get_or_create``, ``update_or_create``), or
``none``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps

import comuna
from comuna.core.models import CommunalModel
from comuna.ledger.models import Entry

SOURCE = Path(comuna.__file__).parent
ALLOWED = {
    "of",
    "all_communes",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "none",
}


def _communal_model_names() -> set[str]:
    names = {m.__name__ for m in apps.get_models() if issubclass(m, CommunalModel)}
    return names | {Entry.__name__}


def _unscoped_queries() -> list[str]:
    communal = _communal_model_names()
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)):
                continue
            if node.value.attr != "objects" or node.attr in ALLOWED:
                continue
            model = node.value.value
            name = model.id if isinstance(model, ast.Name) else getattr(model, "attr", None)
            if name in communal:
                where = path.relative_to(SOURCE.parent)
                found.append(f"{where}:{node.lineno}: {name}.objects.{node.attr}")
    return found


@pytest.mark.django_db
def test_every_query_of_communal_data_starts_with_its_commune() -> None:
    assert _unscoped_queries() == []


def test_the_scan_knows_the_communal_models() -> None:
    names = _communal_model_names()
    assert {"Council", "Household", "Person", "Meeting", "Round", "Membership"} <= names
