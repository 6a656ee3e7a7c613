"""The commune's statute: quorums, majorities, terms and the parliament's day."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines.governance_rules import (
    InvalidShareError,
    Majority,
    QuorumBasis,
    QuorumRule,
    recall_signatures_needed,
)
from comuna.governance import locks
from comuna.governance.models import (
    DecisionKind,
    Statute,
)
from comuna.users.models import User


@transaction.atomic
def statute_update(
    *,
    commune: Commune,
    first_call_quorum_percent: Decimal,
    second_call_quorum_percent: Decimal,
    assembly_minimum_age: int,
    seat_quorum: str,
    recall_petition_percent: Decimal,
    term_years: int,
    parliament_weekday: int,
    parliament_week: int,
    majorities: dict[str, str],
    by: User,
) -> Statute:
    """Write the commune's statute. ``majorities`` maps each ``DecisionKind`` to a majority."""
    try:
        QuorumRule(
            QuorumBasis.ELECTORATE_SHARE, first_call_quorum_percent, second_call_quorum_percent
        )
        recall_signatures_needed(1, recall_petition_percent)
    except InvalidShareError as error:
        if error.name == "second-call share" and "higher" in error.problem:
            raise Refusal(
                _("The quorum at second call cannot be higher than at first call."),
                field="second_call_quorum_percent",
            ) from None
        raise Refusal(_("A share must be more than 0% and at most 100%."), field=None) from None
    if not 12 <= assembly_minimum_age <= 21:
        raise Refusal(_("The minimum age must be between 12 and 21."), field="assembly_minimum_age")
    if not 1 <= term_years <= 10:
        raise Refusal(_("A term lasts 1 to 10 years."), field="term_years")
    statute = locks.statute_lock(commune)
    if statute is None:
        statute = Statute(commune=commune)
    statute.first_call_quorum_percent = first_call_quorum_percent
    statute.second_call_quorum_percent = second_call_quorum_percent
    statute.assembly_minimum_age = assembly_minimum_age
    statute.seat_quorum = seat_quorum
    statute.recall_petition_percent = recall_petition_percent
    statute.term_years = term_years
    statute.parliament_weekday = parliament_weekday
    statute.parliament_week = parliament_week
    for kind in DecisionKind.values:
        setattr(statute, f"majority_{kind}", Majority(majorities[kind]).value)
    statute.updated_by = by
    statute.save()
    return statute
