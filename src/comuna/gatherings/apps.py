from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    name = "comuna.gatherings"
    label = "gatherings"
    verbose_name = _("Coordination and gatherings")

    def ready(self) -> None:
        from comuna.core.published import published_register
        from comuna.gatherings.models import (
            Action,
            ActionOrganisation,
            Amendment,
            Gathering,
            Organisation,
            Paragraph,
            Session,
        )

        # Parents before children: the sync copies them down in this order.
        for model in (
            Organisation,
            Action,
            ActionOrganisation,
            Gathering,
            Paragraph,
            Session,
            Amendment,
        ):
            published_register(model)
