"""Push and pull over HTTP, from the laptop: the client of ``/api/sync/``.

A push first asks the server how far it holds the commune and starts there, sending bundles
of at most ``limit`` changes, each acknowledged before the next: a transfer cut mid-way
(the connection lost, the laptop switched off) resumes at the next push where it stopped.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.sync import services

TIMEOUT = 120

Send = Callable[[str, str, bytes | None], tuple[int, bytes]]


def http_send(method: str, url: str, data: bytes | None) -> tuple[int, bytes]:
    request = urllib.request.Request(  # noqa: S310 (the URL is the server the person names)
        url,
        data=data,
        method=method,
        headers={"Content-Type": "application/octet-stream", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, OSError) as error:
        raise Refusal(
            _("Cannot reach the server at %(url)s: %(reason)s") % {"url": url, "reason": error}
        ) from None


def _detail(body: bytes) -> str:
    try:
        return str(json.loads(body).get("detail", ""))
    except (ValueError, AttributeError):
        return body[:200].decode(errors="replace")


@dataclass
class Pushed:
    bundles: int = 0
    changes: int = 0
    seq: int = 0


def push(
    commune: Commune, base: str, *, limit: int = services.DEFAULT_LIMIT, send: Send = http_send
) -> Pushed:
    base = base.rstrip("/")
    status, body = send("GET", f"{base}/api/sync/position/{commune.uuid}", None)
    if status != 200:
        raise Refusal(_("The server refused: %(detail)s") % {"detail": _detail(body)})
    position: dict[str, Any] = json.loads(body)
    seq, upto = int(position["seq"]), int(position["upto"])
    state = services.state_of(commune)
    if seq == 0 and state.acked_seq == 0:
        upto = max(upto, state.acked_upto)  # a laptop made from the server's copy
    services.state_synced(commune, seq=seq, upto=upto)
    result = Pushed(seq=seq)
    while True:
        made = services.bundle_make(commune, seq=seq + 1, start=upto, limit=limit)
        if made is None:
            return result
        data, header = made
        status, body = send("POST", f"{base}/api/sync/bundles", data)
        if status != 200:
            raise Refusal(_("The server refused: %(detail)s") % {"detail": _detail(body)})
        seq, upto = header["seq"], header["changes"][1]
        services.state_synced(commune, seq=seq, upto=upto)
        result.bundles += 1
        result.changes += header["count"]
        result.seq = seq


def pull(commune: Commune, base: str, *, send: Send = http_send) -> dict[str, Any]:
    base = base.rstrip("/")
    since = services.state_of(commune).pulled_upto
    status, body = send("GET", f"{base}/api/sync/published/{commune.uuid}?since={since}", None)
    if status != 200:
        raise Refusal(_("The server refused: %(detail)s") % {"detail": _detail(body)})
    return services.published_apply(data=body)
