from django.urls import URLPattern, URLResolver

app_name = "peace"

urlpatterns: list[URLPattern | URLResolver] = []
