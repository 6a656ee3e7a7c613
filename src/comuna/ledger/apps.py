from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "comuna.ledger"
    label = "ledger"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from comuna.core.imports import importer_register
        from comuna.ledger.importing import LEDGER

        importer_register(LEDGER)
