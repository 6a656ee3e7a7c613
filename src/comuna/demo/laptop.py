"""A laptop of the demo federation's first commune, as a data folder of its own.

``laptop_build(DIR)`` makes DIR the data folder of a laptop that holds the server's first
commune: its own SQLite database (made by ``comuna migrate`` in a process of its own), a copy
of the commune's rows and logins (so the same people log in), its own signing key in
``DIR/sync/`` (mode 600), registered at the server as the commune's key, and the copy marked
as already synchronised. The newcomer then starts it, changes something and pushes.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.engines.sync import key_generate, key_public


def _comuna(directory: Path, *arguments: str) -> None:
    environment = {**os.environ, "COMUNA_HOME": str(directory)}
    environment.pop("DATABASE_URL", None)
    environment.pop("DATABASE_REPLICA_URL", None)
    subprocess.run(  # noqa: S603 (this very program, with fixed arguments)
        [sys.executable, "-m", "comuna", *arguments],
        env=environment,
        check=True,
        capture_output=True,
    )


def laptop_build(directory: Path) -> str:
    from comuna.sync import services

    directory = Path(directory).resolve()
    commune = Commune.objects.order_by("id").first()
    if commune is None:
        raise RuntimeError("There is no commune on this server to make a laptop of.")
    directory.mkdir(parents=True, exist_ok=True)
    _comuna(directory, "migrate", "--verbosity", "0")
    private = key_generate()
    keys = directory / "sync"
    keys.mkdir(mode=0o700, exist_ok=True)
    key_file = keys / f"commune-{commune.uuid}.key"
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(base64.b64encode(private).decode() + "\n")
    data = services.clone_bundle(commune=commune, private_key=private)
    clone = directory / "clone.sync"
    clone.write_bytes(data)
    _comuna(directory, "sync", "clone", str(clone))
    clone.unlink()
    services.commune_key_register(commune=commune, public_key=key_public(private))
    from comuna.engines.sync import bundle_verify

    names = list(bundle_verify(data, key_public(private)).body.get("logins", {}))
    services.logins_identity_map(commune=commune, names=names)
    return _(
        "A laptop of %(commune)s is ready in %(dir)s (its own database and key).\n"
        "Start it:      COMUNA_HOME=%(dir)s comuna serve --port 8001\n"
        "Change something there (a household, an entry in the books), then send it:\n"
        "               COMUNA_HOME=%(dir)s comuna sync push http://127.0.0.1:8000\n"
        "or carry it:   COMUNA_HOME=%(dir)s comuna sync export paquete.sync, and upload it at "
        "/sincronizar/ on the server."
    ) % {"commune": commune.name, "dir": directory}
