from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "comuna.consultations"
    label = "consultations"
    verbose_name = _("Popular consultations")

    def ready(self) -> None:
        from comuna.consultations.models import (
            Consultation,
            Option,
            PublishedCount,
            PublishedResult,
        )
        from comuna.core.published import published_register

        # Parents before children: the sync copies them down in this order.
        for model in (Consultation, Option, PublishedResult, PublishedCount):
            published_register(model)
