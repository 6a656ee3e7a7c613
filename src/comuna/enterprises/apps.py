from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "comuna.enterprises"
    label = "enterprises"
    verbose_name = _("Communal enterprises")

    def ready(self) -> None:
        from comuna.core.permissions import permission_register
        from comuna.enterprises import access

        permission_register("enterprises.list", access.enterprises_are_listed)
        permission_register("enterprises.manage", access.enterprises_are_managed)
        permission_register("enterprises.diesel", access.diesel_is_recorded)
