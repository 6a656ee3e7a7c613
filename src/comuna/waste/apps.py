from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WasteConfig(AppConfig):
    name = "comuna.waste"
    label = "waste"
    verbose_name = _("Waste collection")
