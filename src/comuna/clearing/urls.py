from django.urls import URLPattern, URLResolver, path

from comuna.clearing.views import importing, pages

app_name = "clearing"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", pages.index, name="index"),
    path("unidades/nueva/", pages.unit_create, name="unit_create"),
    path("acuerdos/", pages.agreements, name="agreements"),
    path("acuerdos/nuevo/", pages.agreement_create, name="agreement_create"),
    path("acuerdos/<int:pk>/", pages.agreement_detail, name="agreement"),
    path("obligaciones/", pages.obligations, name="obligations"),
    path("obligaciones/nueva/", pages.obligation_create, name="obligation_create"),
    path("obligaciones/importar/", importing.upload, name="import"),
    path("obligaciones/importar/<int:pk>/", importing.preview, name="import_preview"),
    path("obligaciones/<int:pk>/", pages.obligation_detail, name="obligation"),
    path("corridas/", pages.runs, name="runs"),
    path("corridas/nueva/", pages.run_create, name="run_create"),
    path("corridas/<int:pk>/", pages.run_detail, name="run"),
]
