from django.urls import URLPattern, URLResolver

app_name = "comanaged"

urlpatterns: list[URLPattern | URLResolver] = []
