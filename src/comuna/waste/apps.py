from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WasteConfig(AppConfig):
    name = "comuna.waste"
    label = "waste"
    verbose_name = _("Waste collection")

    def ready(self) -> None:
        from comuna.core.imports import importer_register
        from comuna.waste.importing import POINTS

        importer_register(POINTS)
        from comuna.waste.trips.importing import TRIPS

        importer_register(TRIPS)

        from comuna.core.permissions import permission_register
        from comuna.waste import access

        permission_register("waste.read", access.waste_is_readable)
        permission_register("waste.manage", access.waste_is_managed)
        permission_register("waste.trips", access.waste_is_readable)
