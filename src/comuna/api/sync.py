"""The synchronisation over HTTP: a commune's laptop pushes its bundles and pulls what the
federation publishes. No login: a bundle is authenticated by its commune's signature, and
what is read here (how far the server holds a commune, the published rows) is public.

- ``GET /position/{commune}``: the last bundle applied for the commune (by its uuid) and the
  change it reached, so that a push cut mid-way resumes there;
- ``POST /bundles``: a bundle (``application/octet-stream``, at most ``MAX_BUNDLE`` bytes),
  applied all or nothing; refusals answer with a ``code`` (``truncated``, ``signature``,
  ``unregistered``, ``replayed``, ``out_of_order``, ``rewritten``, ``cut_short``, ``chain``…);
- ``GET /published/{commune}?since=N``: the server's signed bundle of the published rows
  changed after its change ``N``, with its acknowledgement of the commune.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import P, QueryEx, Router, Schema
from ninja.errors import HttpError

from comuna.api.errors import ErrorOut
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.sync import services

router = Router(tags=["sync"])
# Every refusal answers ``{"detail", "field", "code"}``: a malformed request or bundle (400),
# a signature that is not the commune's (403), no such commune (404), a bundle replayed, out
# of order or carrying rewritten books (409), one too large (413).
READ_ERRORS = {400: ErrorOut, 404: ErrorOut}
PUSH_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut}
_ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
MAX_BUNDLE = 256 * 1024 * 1024
# A change's sequence is a database bigint: a ``since`` beyond it names no change at all.
MAX_CHANGE = 2**63 - 1


class SyncPositionOut(Schema):
    seq: int
    upto: int


class AppliedOut(Schema):
    seq: int
    upto: int
    changes: int


def _commune(key: uuid.UUID) -> Commune:
    commune = Commune.objects.filter(uuid=key).first()
    if commune is None:
        raise HttpError(404, _("There is no such commune on this server."))
    return commune


@router.get("/position/{commune}", response={200: SyncPositionOut, **READ_ERRORS}, auth=None)
def position(request: HttpRequest, commune: uuid.UUID) -> SyncPositionOut:
    seq, upto = services.server_position(_commune(commune))
    return SyncPositionOut(seq=seq, upto=upto)


@router.post(
    "/bundles",
    response={200: AppliedOut, **PUSH_ERRORS},
    auth=None,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
            "required": True,
        }
    },
)
def bundle_push(request: HttpRequest) -> AppliedOut:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BUNDLE:
        raise Refusal(
            _("The bundle is larger than a bundle may be: nothing was applied."),
            code="too_large",
            status=413,
        )
    data = request.read(MAX_BUNDLE + 1)
    if len(data) > MAX_BUNDLE:
        raise Refusal(
            _("The bundle is larger than a bundle may be: nothing was applied."),
            code="too_large",
            status=413,
        )
    applied = services.bundle_apply(data=data)
    return AppliedOut(seq=applied.seq, upto=applied.upto, changes=applied.changes)


@router.get(
    "/published/{commune}",
    auth=None,
    openapi_extra={
        "responses": {
            200: {
                "description": "The server's signed bundle.",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            },
            400: {"description": "Bad request", "content": _ERROR_CONTENT},
            404: {"description": "Not found", "content": _ERROR_CONTENT},
        }
    },
)
def published(
    request: HttpRequest,
    commune: uuid.UUID,
    since: QueryEx[int, P(ge=0, le=MAX_CHANGE)] = 0,
) -> HttpResponse:
    data = services.published_bundle(commune=_commune(commune), since=since)
    return HttpResponse(data, content_type="application/octet-stream")
