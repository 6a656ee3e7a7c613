from django.urls import URLPattern, URLResolver

app_name = "brigades"

urlpatterns: list[URLPattern | URLResolver] = []
