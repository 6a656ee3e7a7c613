from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "comuna.federation"
    label = "federation"
    verbose_name = _("Federation")

    def ready(self) -> None:
        from comuna.core.published import published_register
        from comuna.federation.models import CommuneUnit, Unit

        # The levels, and which city each commune is in, are the server's: the sync copies
        # them down to the communes' laptops.
        published_register(Unit)
        published_register(CommuneUnit)
