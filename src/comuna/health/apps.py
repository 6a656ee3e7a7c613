from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "comuna.health"
    label = "health"
    verbose_name = _("Health")

    def ready(self) -> None:
        from comuna.core.imports import importer_register
        from comuna.core.permissions import permission_register
        from comuna.health.access import health_is_committee, stock_is_readable
        from comuna.health.importing import COUNTS

        permission_register("health.read", stock_is_readable)
        permission_register("health.committee", health_is_committee)
        importer_register(COUNTS)
