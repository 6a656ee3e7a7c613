from django.urls import URLPattern, URLResolver

app_name = "gatherings"

urlpatterns: list[URLPattern | URLResolver] = []
