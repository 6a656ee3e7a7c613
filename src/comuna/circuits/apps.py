from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CircuitsConfig(AppConfig):
    name = "comuna.circuits"
    label = "circuits"
    verbose_name = _("Communal circuits")
