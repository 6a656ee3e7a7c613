"""The ``comuna`` command: every subcommand is a Django management command of one of our apps."""

from __future__ import annotations

import os
import sys

from comuna.core.home import umask_private


def main(argv: list[str] | None = None) -> None:
    # Before anything is written: the database and the secret key are for this account only.
    umask_private()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comuna.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["comuna", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
