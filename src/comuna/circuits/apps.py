from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CircuitsConfig(AppConfig):
    name = "comuna.circuits"
    label = "circuits"
    verbose_name = _("Communal circuits")

    def ready(self) -> None:
        from comuna.circuits import access
        from comuna.circuits.accounts import CIRCUITS_CHART
        from comuna.circuits.importing import NEEDS, OFFERS
        from comuna.core.imports import importer_register
        from comuna.core.permissions import permission_register
        from comuna.ledger.chart import chart_contribute

        chart_contribute(CIRCUITS_CHART)
        importer_register(OFFERS)
        importer_register(NEEDS)
        permission_register("circuits.read", access.circuits_are_readable)
