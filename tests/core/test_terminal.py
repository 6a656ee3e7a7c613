"""The progress of a long command: a bar on a terminal, a line now and then elsewhere."""

from __future__ import annotations

import io
import os
import pty
import subprocess
from pathlib import Path

import pytest
from django.core.management.base import OutputWrapper
from django.utils import translation

from comuna.core.terminal import Progress
from tests.processes import COMUNA, comuna_env, demo_home_copy


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_on_a_terminal_a_bar_is_redrawn_in_place_and_cleared_at_the_end() -> None:
    screen, clock = Terminal(), Clock()
    with translation.override("es"):
        with Progress(OutputWrapper(screen), "Personas escritas", total=2_000, clock=clock) as bar:
            clock.now = 1.0
            bar.reach(500)
            assert screen.getvalue().endswith(
                "\r\x1b[K[######..................] Personas escritas: 500 de 2\xa0000 (25 %)"
            )
            bar.reach(600)  # too soon after the last drawing: not drawn again
            assert "600" not in screen.getvalue()
    assert screen.getvalue().endswith("\r\x1b[K")
    assert "\n" not in screen.getvalue()


def test_elsewhere_a_short_run_writes_nothing_and_a_long_one_a_line_every_ten_seconds() -> None:
    log, clock = io.StringIO(), Clock()
    with (
        translation.override("en"),
        Progress(OutputWrapper(log), "Rows read", clock=clock) as progress,
    ):
        clock.now = 5.0
        progress.reach(1_000)
        assert log.getvalue() == ""
        clock.now = 11.0
        progress.reach(30_000)
        clock.now = 12.0
        progress.reach(31_000)
    assert log.getvalue() == "Rows read: 30,000\n"


@pytest.mark.embedded
def test_the_census_export_draws_its_bar_on_a_terminal_and_nothing_in_a_pipe(
    tmp_path: Path,
) -> None:
    env = comuna_env(demo_home_copy(tmp_path / "home"))
    out = tmp_path / "censo.xlsx"
    piped = subprocess.run(
        [*COMUNA, "census", "export", str(out)], env=env, capture_output=True, text=True
    )
    assert piped.returncode == 0 and piped.stderr == ""
    # The same command with its standard error on a terminal.
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*COMUNA, "census", "export", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes with the process
            break
        if not chunk:
            break
        drawn += chunk
    assert process.wait() == 0
    os.close(leader)
    assert b"\r\x1b[K[" in drawn and b"People written: " in drawn
