from django.urls import path

from comuna.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("publico/", views.public, name="public"),
]
