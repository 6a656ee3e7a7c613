from django.urls import URLPattern, URLResolver, path

from comuna.consultations.views import commune, federation, results

app_name = "consultations"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", results.index, name="index"),
    path("nueva/", federation.create, name="create"),
    path("<int:pk>/", federation.detail, name="detail"),
    path("<int:pk>/abrir/", federation.open_, name="open"),
    path("<int:pk>/cerrar/", federation.close, name="close"),
    path("<int:pk>/publicar/", federation.publish, name="publish"),
    path("<int:pk>/comuna/", commune.holding, name="holding"),
    path("<int:pk>/comuna/reunion/", commune.holding_start, name="holding_start"),
    path("<int:pk>/comuna/votos/", commune.holding_votes, name="holding_votes"),
    path("<int:pk>/comuna/cerrar/", commune.holding_close, name="holding_close"),
    path("<int:pk>/resultados/", results.results, name="results"),
    path("<int:pk>/resultados.pdf", results.results_pdf, name="results_pdf"),
]
