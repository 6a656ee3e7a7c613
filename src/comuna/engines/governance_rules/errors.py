"""Why a governance rule refused its input.

Each error carries the offending values as attributes as well as an English message, so the
web layer can say the same thing in the user's language without parsing text.
"""

from __future__ import annotations


class GovernanceRuleError(ValueError):
    """Base class: the rule was not applied."""


class InvalidShareError(GovernanceRuleError):
    """A percentage outside 0–100, or a second-call share above the first-call one."""

    def __init__(self, name: str, value: object, problem: str) -> None:
        self.name = name
        self.value = value
        self.problem = problem
        super().__init__(f"Invalid {name} {value!r}: {problem}.")


class InvalidCountError(GovernanceRuleError):
    """A count of people, seats or votes that is not a whole number of at least zero."""

    def __init__(
        self, name: str, value: object, problem: str = "it must be a whole number ≥ 0"
    ) -> None:
        self.name = name
        self.value = value
        self.problem = problem
        super().__init__(f"Invalid {name} {value!r}: {problem}.")


class InvalidCallError(GovernanceRuleError):
    def __init__(self, call: object) -> None:
        self.call = call
        super().__init__(
            f"Invalid call {call!r}: a meeting is held at first (1) or second (2) call."
        )


class TooManyVotesError(GovernanceRuleError):
    """More votes (or ballots) than people or seats present to cast them."""

    def __init__(self, votes: int, present: int) -> None:
        self.votes = votes
        self.present = present
        super().__init__(f"{votes} votes counted but only {present} present to vote.")
