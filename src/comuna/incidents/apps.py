from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "comuna.incidents"
    label = "incidents"
    verbose_name = _("Public services: incidents")

    def ready(self) -> None:
        from comuna.core.hooks import on_commune_created
        from comuna.core.permissions import permission_register
        from comuna.incidents import access
        from comuna.incidents.services import kinds_seed

        on_commune_created(kinds_seed)
        permission_register("incidents.list", access.incidents_are_listed)
        permission_register("incidents.report", access.incidents_are_reportable)
        permission_register("incidents.manage", access.incidents_are_managed)
