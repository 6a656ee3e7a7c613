from __future__ import annotations

import re

from django.conf import settings
from django.test import Client

from tests.conftest import World

CENSUS_PATHS = {
    "/api/census/stats",
    "/api/census/councils",
    "/api/census/households",
    "/api/census/households/{household_id}",
    "/api/census/households/by-card/{card_code}",
    "/api/census/households/{household_id}/people",
    "/api/census/people",
    "/api/census/people/{person_id}",
}


def test_the_openapi_document_describes_the_census_and_the_token(db: None) -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Comuna API"
    assert CENSUS_PATHS <= set(document["paths"])
    schemes = document["components"]["securitySchemes"]
    assert schemes["BearerToken"]["type"] == "http"
    assert schemes["BearerToken"]["scheme"] == "bearer"
    create = document["paths"]["/api/census/households"]["post"]
    assert {"BearerToken": []} in create["security"]
    assert {"201", "400", "401", "403", "404"} <= set(create["responses"])
    assert "security" not in document["paths"]["/api/census/stats"]["get"]


def test_every_reference_in_the_openapi_document_resolves(db: None) -> None:
    document = Client().get("/api/openapi.json").json()
    references = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', str(document)))
    references |= set(re.findall(r"'\$ref': '#/components/schemas/([^']+)'", str(document)))
    assert references
    assert references <= set(document["components"]["schemas"])


def test_the_docs_page_loads_nothing_from_the_internet(world: World) -> None:
    response = Client().get("/api/docs")
    if "ninja" not in settings.INSTALLED_APPS:
        assert response.status_code == 404  # no page rather than one that needs a CDN
        return
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert not re.search(r"""(src|href)=["']https?://""", page)
