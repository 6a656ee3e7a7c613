from __future__ import annotations

import datetime as dt

from django import template

from comuna.engines.governance_rules import Quorum
from comuna.governance import documents

register = template.Library()


@register.filter
def quorum_rule(quorum: Quorum) -> str:
    """The quorum rule in words: 30% of the 412 residents of age; more than half of 28 seats."""
    return documents.quorum_rule_text(quorum)


@register.filter
def long_date(day: dt.date) -> str:
    return documents.long_date(day)
