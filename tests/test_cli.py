"""``comuna --help``: the commune's commands first, by what they are for, one line each, in the
command line's language; Django's own only named, and listed with ``comuna help --all``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

from comuna.cli import GROUPS
from tests.processes import COMUNA, comuna_env


def _help(tmp_path: Path, *args: str, language: str = "es") -> str:
    env = comuna_env(tmp_path, language)
    if language == "":
        env.pop("COMUNA_LANGUAGE")
        for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
            env.pop(name, None)
    done = subprocess.run(  # noqa: S603 - our own command
        [*COMUNA, *args], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def test_every_command_of_the_list_exists() -> None:
    commands = get_commands()
    assert [name for _g, group in GROUPS for name, _l in group if name not in commands] == []


@pytest.mark.embedded
@pytest.mark.parametrize("args", [("--help",), ("help",), ()])
def test_help_lists_the_communes_commands_by_group_in_spanish_by_default(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    text = _help(tmp_path, *args, language="")
    lines = text.splitlines()
    groups = [line for line in lines if line.endswith(":") and not line.startswith(" ")]
    assert groups == [
        "Puesta en marcha:",
        "Censo:",
        "Cuentas:",
        "Reuniones:",
        "Distribución:",
        "Empresas:",
        "Producción:",
        "Recolección de desechos:",
        "Centro de acopio:",
        "Brigadas:",
        "Servicios públicos:",
        "Salud:",
        "Circuitos comunales:",
        "Federación:",
        "Empresas de gestión compartida:",
        "Intercambio y compensación:",
        "API:",
    ]
    start = lines.index("Puesta en marcha:")
    assert [line.split()[0] for line in lines[start + 1 : start + 6]] == [
        "demo", "serve", "commune", "createsuperuser", "migrate",
    ]  # fmt: skip
    assert "  ledger" in text and "libros de la comuna" in text
    # Django's own commands are counted, not listed.
    assert "dumpdata" not in text and "squashmigrations" not in text
    assert "comuna help --all" in text.splitlines()[-1]


@pytest.mark.embedded
def test_help_all_lists_djangos_commands_after_the_communes(tmp_path: Path) -> None:
    text = _help(tmp_path, "help", "--all")
    internal = text.index("Comandos internos de Django:")
    assert text.index("  census") < internal < text.index("dumpdata")
    assert "squashmigrations" in text[internal:]


@pytest.mark.embedded
def test_help_speaks_the_command_lines_language(tmp_path: Path) -> None:
    text = _help(tmp_path, "--help", language="en")
    assert "Getting started:" in text and "Census:" in text
    assert "Puesta en marcha" not in text
