from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClearingConfig(AppConfig):
    name = "comuna.clearing"
    label = "clearing"
    verbose_name = _("Exchange and clearing")

    def ready(self) -> None:
        from comuna.clearing import access
        from comuna.clearing.importing import OBLIGATIONS
        from comuna.core.imports import importer_register
        from comuna.core.permissions import permission_register

        permission_register("clearing.read", access.exchange_is_readable)
        importer_register(OBLIGATIONS)
