from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrigadesConfig(AppConfig):
    name = "comuna.brigades"
    label = "brigades"
    verbose_name = _("Brigades and committees")

    def ready(self) -> None:
        from comuna.brigades import access
        from comuna.brigades.importing import MEMBERS
        from comuna.core.imports import importer_register
        from comuna.core.permissions import permission_register

        permission_register("brigades.list", access.brigades_are_listed)
        permission_register("brigades.manage", access.brigades_are_managed)
        importer_register(MEMBERS)
