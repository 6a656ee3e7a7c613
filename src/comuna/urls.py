from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from comuna.api.api import api

urlpatterns = [
    path("", include("comuna.portal.urls")),
    path("cuenta/", include("comuna.users.urls")),
    path("", include("comuna.memberships.urls")),
    path("censo/", include("comuna.census.urls")),
    path("gobierno/", include("comuna.governance.urls")),
    path("cuentas/", include("comuna.ledger.urls")),
    path("reparto/", include("comuna.distribution.urls")),
    path("empresas/", include("comuna.enterprises.urls")),
    path("recoleccion/", include("comuna.waste.urls")),
    path("reciclaje/", include("comuna.recycling.urls")),
    path("produccion/", include("comuna.production.urls")),
    path("brigadas/", include("comuna.brigades.urls")),
    path("incidencias/", include("comuna.incidents.urls")),
    path("oficios/", include("comuna.letters.urls")),
    path("salud/", include("comuna.health.urls")),
    path("paz/", include("comuna.peace.urls")),
    path("cogestion/", include("comuna.comanaged.urls")),
    path("circuitos/", include("comuna.circuits.urls")),
    path("compensacion/", include("comuna.clearing.urls")),
    path("federacion/", include("comuna.federation.urls")),
    path("consultas/", include("comuna.consultations.urls")),
    path("encuentros/", include("comuna.gatherings.urls")),
    path("sincronizar/", include("comuna.sync.urls")),
    path("api/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

# Every refusal is a page in the user's language, inside the layout, with a way back.
handler400 = "comuna.core.errors.bad_request"
handler403 = "comuna.core.errors.forbidden"
handler404 = "comuna.core.errors.not_found"
handler500 = "comuna.core.errors.server_error"
