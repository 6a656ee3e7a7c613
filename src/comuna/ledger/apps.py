from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "comuna.ledger"
    label = "ledger"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from comuna.core.imports import importer_register
        from comuna.ledger.importing import LEDGER

        importer_register(LEDGER)

        from comuna.core.hooks import on_commune_created
        from comuna.ledger import chart

        chart.chart_contribute(chart.LEDGER_CHART)
        on_commune_created(chart.chart_ensure)
        if apps.is_installed("comuna.governance"):
            # Self-government decides on the books without importing them: the books say
            # what an approval of accounts names and what it does once carried.
            from comuna.governance.books import books_register
            from comuna.governance.effects import effect_register
            from comuna.governance.models import DecisionKind
            from comuna.ledger.governance import BOOKS, accounts_approve

            books_register(BOOKS)
            effect_register(DecisionKind.ACCOUNTS, accounts_approve)
