from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecyclingConfig(AppConfig):
    name = "comuna.recycling"
    label = "recycling"
    verbose_name = _("The recycling yard")

    def ready(self) -> None:
        from comuna.core.hooks import on_commune_created
        from comuna.core.imports import importer_register
        from comuna.recycling.importing import WEIGHINS
        from comuna.recycling.services import materials_seed

        on_commune_created(materials_seed)
        importer_register(WEIGHINS)
