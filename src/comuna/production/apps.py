from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductionConfig(AppConfig):
    name = "comuna.production"
    label = "production"
    verbose_name = _("Production plans")

    def ready(self) -> None:
        from comuna.core.permissions import permission_register
        from comuna.production import access

        permission_register("production.read", access.production_is_readable)
        permission_register("production.manage", access.production_is_managed)
