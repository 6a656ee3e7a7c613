from django.urls import path

from comuna.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("publico/", views.public, name="public"),
]
