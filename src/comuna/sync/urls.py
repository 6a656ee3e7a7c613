from django.urls import URLPattern, URLResolver, path

from comuna.sync import views

app_name = "sync"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("paquete/", views.download, name="download"),
    path("subir/", views.upload, name="upload"),
]
