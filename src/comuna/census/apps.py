from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CensusConfig(AppConfig):
    name = "comuna.census"
    label = "census"
    verbose_name = _("Census")

    def ready(self) -> None:
        from comuna.census.importing import CENSUS
        from comuna.core.imports import importer_register

        importer_register(CENSUS)

        from comuna.census import access
        from comuna.core.permissions import permission_register

        permission_register("census.export", access.census_is_exportable)
