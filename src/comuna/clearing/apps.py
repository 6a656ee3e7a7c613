from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClearingConfig(AppConfig):
    name = "comuna.clearing"
    label = "clearing"
    verbose_name = _("Exchange and clearing")
