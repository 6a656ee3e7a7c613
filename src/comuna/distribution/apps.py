from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "comuna.distribution"
    label = "distribution"
    verbose_name = _("Distribution of scarce goods")

    def ready(self) -> None:
        from comuna.distribution.accounts import DISTRIBUTION_CHART
        from comuna.ledger.chart import chart_contribute

        chart_contribute(DISTRIBUTION_CHART)

        from comuna.core.permissions import permission_register
        from comuna.distribution import access

        permission_register("distribution.reconciliation", access.reconciliation_is_readable)
        permission_register("distribution.reports", access.reports_are_readable)
