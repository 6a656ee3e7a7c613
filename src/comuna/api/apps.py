from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "comuna.api"
    label = "api"
