from django.urls import URLPattern, URLResolver

app_name = "clearing"

urlpatterns: list[URLPattern | URLResolver] = []
