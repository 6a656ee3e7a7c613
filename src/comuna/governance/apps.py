from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "comuna.governance"
    label = "governance"
    verbose_name = _("Self-government")

    def ready(self) -> None:
        from comuna.core.decisions import effect_register
        from comuna.governance.models import DecisionKind
        from comuna.governance.services.recalls import recall_carry_out
        from comuna.governance.services.seats import election_carry_out

        effect_register(DecisionKind.ELECTION, election_carry_out)
        effect_register(DecisionKind.RECALL, recall_carry_out)
