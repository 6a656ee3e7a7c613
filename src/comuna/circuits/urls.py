from django.urls import URLPattern, URLResolver

app_name = "circuits"

urlpatterns: list[URLPattern | URLResolver] = []
