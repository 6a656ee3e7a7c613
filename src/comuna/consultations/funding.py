"""Which projects a budget funds, from their votes: plain Python, no database.

The rule (docs/consultations.md): the projects are taken from the most voted down; each is
funded when its cost fits in what is left of the budget, and otherwise passed over, and the
next one is tried, until the list ends. A project nobody voted for is not funded. Ties in
votes go to the cheaper project (more of the budget stays for the next), then to the one
listed first. This is the "greedy" rule most participatory budgets use: simple to count by
hand in front of everyone, and it never funds a less voted project while a more voted one
that fits is left out.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Project:
    key: Hashable
    position: int
    cost: Decimal
    votes: int


def funded_projects(projects: Sequence[Project], budget: Decimal) -> list[Hashable]:
    """The keys of the funded projects, in the order they were funded."""
    left = budget
    funded = []
    for project in sorted(projects, key=lambda p: (-p.votes, p.cost, p.position)):
        if project.votes <= 0:
            break
        if project.cost <= left:
            funded.append(project.key)
            left -= project.cost
    return funded
