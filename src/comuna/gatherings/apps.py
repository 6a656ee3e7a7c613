from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    name = "comuna.gatherings"
    label = "gatherings"
    verbose_name = _("Coordination and gatherings")
