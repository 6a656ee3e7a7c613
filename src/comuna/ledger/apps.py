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

        from comuna.core.hooks import on_commune_created
        from comuna.ledger import chart

        chart.chart_contribute(chart.LEDGER_CHART)
        on_commune_created(chart.chart_ensure)
        # Self-government decides on the books without either importing the other: the
        # books say, through core's registries, what an approval of accounts names and what
        # it does once carried.
        from comuna.core.books import books_register
        from comuna.core.decisions import effect_register
        from comuna.ledger.governance import ACCOUNTS, BOOKS, accounts_approve

        books_register(BOOKS)
        effect_register(ACCOUNTS, accounts_approve)
