from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComanagedConfig(AppConfig):
    name = "comuna.comanaged"
    label = "comanaged"
    verbose_name = _("Co-managed enterprises")

    def ready(self) -> None:
        from comuna.comanaged import access
        from comuna.core.permissions import permission_register

        permission_register("comanaged.list", access.comanaged_are_listed)
