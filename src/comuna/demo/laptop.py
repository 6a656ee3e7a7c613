"""A laptop of the demo federation's first commune, as a data folder of its own.

FOUNDATION STUB: the sync helper replaces this module.
"""

from __future__ import annotations

from pathlib import Path


def laptop_build(directory: Path) -> str:
    raise NotImplementedError("laptop demo: to be built")
