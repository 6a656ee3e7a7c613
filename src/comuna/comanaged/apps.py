from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComanagedConfig(AppConfig):
    name = "comuna.comanaged"
    label = "comanaged"
    verbose_name = _("Co-managed enterprises")
