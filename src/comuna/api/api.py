"""The JSON API: one router per capability, assembled here and mounted at ``/api/``.

The OpenAPI document is at ``/api/openapi.json``. The interactive docs at ``/api/docs`` use
the Swagger UI that django-ninja ships (no CDN: the commune may have no internet), which
needs ``"ninja"`` in ``INSTALLED_APPS``; without it the docs page is not served at all.
A new capability adds its router; its services' refusals are answered by ``errors``.
"""

from django.conf import settings
from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer

from comuna.api import (
    brigades,
    census,
    circuits,
    clearing,
    comanaged,
    consultations,
    distribution,
    enterprises,
    errors,
    federation,
    gatherings,
    health,
    incidents,
    ledger,
    letters,
    peace,
    production,
    recycling,
    sync,
    waste,
    waste_trips,
)
from comuna.api.auth import AUTH

DESCRIPTION = """\
The census of the commune, with the same permissions as its pages.

Programs authenticate with a personal token: `comuna token create USERNAME` prints one, to
send as `Authorization: Bearer TOKEN`. A logged-in browser may call the API with its session
(writes then need the `X-CSRFToken` header).

Errors are JSON with a `detail` message in the language of `Accept-Language`: 400 for input
refused, 401 without a valid token, 403 for what the caller may read but not change, 404 for
a record outside the caller's reach, 409 for what was already done. A refusal by the commune's
rules also names the `field` to fix, when there is one, and a stable `code`.
"""

_OFFLINE_DOCS = "ninja" in settings.INSTALLED_APPS


class Utf8JSON(JSONRenderer):
    """Names with accents travel as themselves: shorter, and legible in a terminal."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Comuna API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    renderer=Utf8JSON(),
    # Every operation needs a token or a session unless it says ``auth=None``.
    auth=AUTH,
    # The validator badge would call validator.swagger.io from the browser.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs" if _OFFLINE_DOCS else None,
)
errors.register(api)
api.add_router("/census/", census.router)
api.add_router("/distribution/", distribution.router)
api.add_router("/ledger/", ledger.router)
api.add_router("/enterprises/", enterprises.router)
api.add_router("/production/", production.router)
api.add_router("/waste/", waste.router)
api.add_router("/waste/trips/", waste_trips.router)
api.add_router("/recycling/", recycling.router)
api.add_router("/incidents/", incidents.router)
api.add_router("/letters/", letters.router)
api.add_router("/health/", health.router)
api.add_router("/brigades/", brigades.router)
api.add_router("/peace/", peace.router)
api.add_router("/circuits/", circuits.router)
api.add_router("/comanaged/", comanaged.router)
api.add_router("/clearing/", clearing.router)
api.add_router("/gatherings/", gatherings.router)
api.add_router("/consultations/", consultations.router)
api.add_router("/federation/", federation.router)
api.add_router("/sync/", sync.router)
