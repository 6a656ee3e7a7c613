from django.urls import path

from comuna.incidents.views import actions, pages, store

app_name = "incidents"

urlpatterns = [
    path("", pages.incident_list, name="list"),
    path("mapa/", pages.incidents_map, name="map"),
    path("reportar/", actions.report, name="report"),
    path("publico/", pages.public, name="public"),
    path("tipos/", store.kinds, name="kinds"),
    path("materiales/", store.materials, name="materials"),
    path("<int:pk>/", pages.incident_detail, name="detail"),
    path("<int:pk>/triaje/", actions.triage, name="triage"),
    path("<int:pk>/asignar/", actions.assign, name="assign"),
    path("<int:pk>/estado/", actions.status, name="status"),
    path("<int:pk>/trabajo/", actions.worklog, name="worklog"),
    path("<int:pk>/fotos/", actions.photo_add, name="photo_add"),
    path("<int:pk>/fotos/<int:photo>/", pages.photo, name="photo"),
]
