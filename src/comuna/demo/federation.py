"""The demo federation: a communal city of four communes, as a federation server holds them.

FOUNDATION STUB: the federation helper replaces this module.
"""

from __future__ import annotations

from collections.abc import Callable

from comuna.demo.builder import DemoSummary

FEDERATION_DEMO_COMMUNES = 4


def federation_demo_build(*, progress: Callable[[int], None] | None = None) -> list[DemoSummary]:
    raise NotImplementedError("federation demo: to be built")


def federation_demo_describe() -> str:
    raise NotImplementedError("federation demo: to be built")
