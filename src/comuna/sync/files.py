"""The files a commune's rows name (an incident's photos): their bytes travel in the bundle
beside the rows, so that the server shows the photo the brigade took, not only its name.

A bundle carries the bytes of the photos whose rows it carries (``body["files"]``: the
photo's path, relative to the incidents' folder, to its bytes in base64). So that a bundle stays
well under its size limit however many photos wait, a bundle's changes stop before the photo
that would take its files past :data:`FILES_PER_BUNDLE` (a bundle always holds at least one
change, so one photo of the largest size still travels). On arrival each file must be named by
a photo row of the same bundle, with the size the row says, under the incidents' folder: else
the bundle is refused with nothing applied. A file is written beside its place and renamed
into it, so a power cut leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.incidents.models import IncidentPhoto
from comuna.incidents.services import photos_root
from comuna.sync.models import Change

FILES_PER_BUNDLE = 64 * 1024 * 1024
# What ``incident_photo_add`` writes: ``<commune id>/<incident id>/<hex uuid>.<extension>``.
_PHOTO_PATH = re.compile(r"[0-9]{1,19}/[0-9]{1,19}/[0-9a-f]{32}\.(jpg|png|webp)")


def _photo_table() -> str:
    return IncidentPhoto._meta.db_table


def files_end(commune: Commune, start: int, end: int) -> int:
    """The last change of a bundle that would hold the changes ``start`` < id <= ``end``:
    ``end``, or earlier so that the photos it carries stay within the budget."""
    photo_changes = list(
        Change.objects.filter(
            commune_id=commune.pk, table_name=_photo_table(), id__gt=start, id__lte=end
        )
        .order_by("id")
        .values_list("id", "key")
    )
    if not photo_changes:
        return end
    keys = [(change_id, uuid.UUID(key)) for change_id, key in photo_changes]
    sizes = dict(
        IncidentPhoto.objects.of(commune)
        .filter(uuid__in={key for _, key in keys})
        .values_list("uuid", "size")
    )
    carried: set[uuid.UUID] = set()
    total = 0
    for change_id, key in keys:
        if key in carried:
            continue
        size = sizes.get(key, 0)  # a photo deleted since: nothing to carry
        if carried and total + size > FILES_PER_BUNDLE:
            return change_id - 1
        carried.add(key)
        total += size
    return end


def _rows(part: Any) -> Iterable[dict[str, Any]]:
    if not isinstance(part, dict):
        return []
    columns = list(part.get("columns", []))
    return (dict(zip(columns, row, strict=False)) for row in part.get("rows", []))


def files_read(body_rows: dict[str, Any]) -> dict[str, str]:
    """The bytes (base64) of the photos ``body_rows`` carries, those this machine holds."""
    root = photos_root()
    found: dict[str, str] = {}
    for row in _rows(body_rows.get(_photo_table())):
        path = str(row.get("path", ""))
        if not _PHOTO_PATH.fullmatch(path):
            continue
        try:
            content = (root / path).read_bytes()
        except OSError:
            continue  # a photo lost on this machine: its row still travels
        found[path] = base64.b64encode(content).decode()
    return found


def files_check(files: Any, body_rows: dict[str, Any]) -> dict[Path, bytes]:
    """Where each file of a bundle goes and its bytes, after checking that a photo row of the
    bundle names it with its size; a Refusal (nothing applied) when one does not."""
    if not files:
        return {}
    if not isinstance(files, dict):
        raise Refusal(
            _("The bundle's files cannot be read: nothing was applied."), code="malformed"
        )
    sizes = {str(row.get("path")): row.get("size") for row in _rows(body_rows.get(_photo_table()))}
    root = photos_root()
    checked: dict[Path, bytes] = {}
    for path, encoded in files.items():
        try:
            content = base64.b64decode(str(encoded), validate=True)
        except (binascii.Error, ValueError):
            content = None
        if (
            content is None
            or not _PHOTO_PATH.fullmatch(str(path))
            or sizes.get(path) != len(content)
        ):
            raise Refusal(
                _(
                    "The bundle carries a file that none of its photos names as it is "
                    "(%(path)s): nothing was applied."
                )
                % {"path": str(path)[:80]},
                code="malformed",
            )
        checked[root / path] = content
    return checked


def files_write(checked: dict[Path, bytes]) -> int:
    """Write the checked files, each beside its place then renamed into it; returns how many
    were new or changed."""
    written = 0
    for target, content in checked.items():
        try:
            if target.stat().st_size == len(content) and target.read_bytes() == content:
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.part")
        with open(partial, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
        written += 1
    return written
