from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "comuna.demo"
    label = "demo"
