from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeaceConfig(AppConfig):
    name = "comuna.peace"
    label = "peace"
    verbose_name = _("Peace and mediation")

    def ready(self) -> None:
        from comuna.core.permissions import permission_register
        from comuna.peace import access

        permission_register("peace.rounds", access.rounds_are_readable)
        permission_register("peace.cases", access.cases_are_listed)
