from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrigadesConfig(AppConfig):
    name = "comuna.brigades"
    label = "brigades"
    verbose_name = _("Brigades and committees")
