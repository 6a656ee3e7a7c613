"""A decompression bomb given to ``comuna census import`` (and ``ledger import``) is refused
with a Spanish message naming the limit, the process stays far below 400 MB, and nothing
changes. Each command runs in a process of its own, as a user runs it; its peak memory is
the kernel's count for that process (``wait4``), not an estimate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests import bombs
from tests.processes import COMUNA, comuna_env, migrated_home

MAX_RSS = 400 * 1024 * 1024
COUNTS = (
    "from comuna.census.models import Household, Person; from comuna.core.models import Upload;"
    "from comuna.ledger.models import Entry;"
    "print(Household.objects.count(), Person.objects.count(), Upload.objects.count(),"
    " Entry.objects.count())"
)


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMUNA, *args], env=comuna_env(home, "es"), capture_output=True, text=True, check=False
    )


def counts(home: Path) -> str:
    """Households, people, uploads and ledger entries in ``home``'s database."""
    return run(home, "shell", "-c", COUNTS).stdout.strip().splitlines()[-1]


# Runs ``comuna`` and, as it exits, writes the peak of its own memory (VmHWM) to a file. Not
# wait4's ru_maxrss: Linux carries the parent's peak into a child across fork and exec, so a
# large test process would be counted as the import's.
_MEASURED = """
import atexit, os, sys
def _peak():
    with open(os.environ["COMUNA_TEST_PEAK_FILE"], "w") as out:
        out.write(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:")))
atexit.register(_peak)
sys.argv = ["comuna", *sys.argv[1:]]
from comuna.cli import main
main()
"""


def run_measured(home: Path, *args: str) -> tuple[int, str, int]:
    """Exit status, standard error and peak resident memory (bytes) of one ``comuna`` run."""
    peak_file = home / "peak.txt"
    env = {**comuna_env(home, "es"), "COMUNA_TEST_PEAK_FILE": str(peak_file)}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    return done.returncode, done.stderr, int(peak_file.read_text()) * 1024


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("bomb-home")
    migrated_home(home)
    created = run(
        home,
        "shell",
        "-c",
        "from comuna.core.models import Commune; Commune.objects.create(code='c', name='C')",
    )
    assert created.returncode == 0, created.stderr
    return home


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    made = {
        "single_cell": bombs.single_cell_bomb(),
        "rows": bombs.rows_bomb(),
        "lying": bombs.lying_bomb(),
    }
    paths: dict[str, Path] = {}
    for name, content in made.items():
        paths[name] = folder / f"{name}.xlsx"
        paths[name].write_bytes(content)
    return paths


EXPECTED = {
    "single_cell": "Descomprimido, el archivo ocuparía más de 256,0\xa0MB",
    "rows": "Una parte del archivo se descomprime a más de 100 veces su tamaño comprimido",
    "lying": "se descomprime a más de los 1000\xa0bytes que declara su índice",
}
# The books take files of up to 512 MiB unpacked: the 400 MiB cell is refused on its ratio.
EXPECTED_LEDGER = {**EXPECTED, "single_cell": EXPECTED["rows"]}


@pytest.mark.embedded
@pytest.mark.parametrize("bomb", sorted(EXPECTED))
@pytest.mark.parametrize("command", ["census", "ledger"])
def test_a_bomb_is_refused_on_the_command_line_under_400_mb_and_changes_nothing(
    home: Path, files: dict[str, Path], bomb: str, command: str
) -> None:
    before = counts(home)
    status, err, peak = run_measured(home, command, "import", str(files[bomb]))
    assert status == 1, err
    assert (EXPECTED if command == "census" else EXPECTED_LEDGER)[bomb] in err
    assert "nada" in err.splitlines()[-1]  # "…: nothing was imported / posted"
    assert "Traceback" not in err
    assert peak < MAX_RSS, f"{peak / 2**20:.0f} MiB"
    assert counts(home) == before == "0 0 0 0"
