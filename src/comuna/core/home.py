"""The data folder (``COMUNA_HOME``) belongs to the account that runs Comuna, and to it alone.

It holds the census with its ID numbers (the SQLite database and its ``-wal`` and ``-shm``
files) and the secret key that signs every session: on a laptop shared with other accounts,
none of it may be readable by them. Every ``comuna`` process (and the server's workers, forked
from it) creates files with the umask ``077``, and at start a folder left open by an older
version, a copy or another tool is closed again.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077
FOLDER_MODE = 0o700
FILE_MODE = 0o600
# What Comuna keeps in the folder. Only these are touched: someone may point COMUNA_HOME at a
# folder that holds other things too (their home folder), which are not Comuna's to change.
OWN_FILES = ("secret_key", "static")
OWN_PATTERN = "comuna.sqlite3*"  # the database, its -wal, -shm and -journal


def umask_private() -> None:
    """From now on this process creates files and folders for its owner alone."""
    os.umask(PRIVATE_UMASK)


def home_make_private(home: Path) -> list[Path]:
    """Close ``home`` and what Comuna keeps in it to other accounts (folders 0700, files
    0600): the database with its ``-wal`` and ``-shm`` files, the secret key, the folder of
    static files.

    Returns what was open and is now closed, for the caller to say so. Symbolic links are
    left alone (their target may be anywhere), and so is whatever the owner cannot change.
    """
    if not home.is_dir():
        return []
    own = [home / name for name in OWN_FILES] + sorted(home.glob(OWN_PATTERN))
    closed = []
    for path in [home, *own]:
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode) or not info.st_mode & PRIVATE_UMASK:
            continue
        wanted = FOLDER_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE
        try:
            path.chmod(stat.S_IMODE(info.st_mode) & wanted)
        except OSError:
            continue
        closed.append(path)
    return closed
