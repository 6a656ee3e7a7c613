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
