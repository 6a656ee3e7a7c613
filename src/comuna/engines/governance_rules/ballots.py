"""Secret paper ballots: two clerks count the same ballots separately, and their two counts
must agree before the result counts. If they disagree, the ballots are counted again."""

from __future__ import annotations

from dataclasses import dataclass

from comuna.engines.governance_rules.errors import TooManyVotesError
from comuna.engines.governance_rules.majority import Tally
from comuna.engines.governance_rules.shares import check_count


@dataclass(frozen=True, slots=True)
class BallotCount:
    """One clerk's count of the ballot box: for, against, abstaining, blank or spoiled."""

    yes: int
    no: int
    abstaining: int = 0
    blank: int = 0

    def __post_init__(self) -> None:
        for name, value in (
            ("votes for", self.yes),
            ("votes against", self.no),
            ("abstentions", self.abstaining),
            ("blank or spoiled ballots", self.blank),
        ):
            check_count(name, value)

    @property
    def ballots(self) -> int:
        return self.yes + self.no + self.abstaining + self.blank

    @property
    def tally(self) -> Tally:
        """The votes that count: blank and spoiled ballots are nobody's vote."""
        return Tally(self.yes, self.no, self.abstaining)


FIELDS = ("yes", "no", "abstaining", "blank")


@dataclass(frozen=True, slots=True)
class Reconciliation:
    first: BallotCount
    second: BallotCount

    @property
    def differences(self) -> tuple[str, ...]:
        """The names (of ``FIELDS``) on which the two counts differ."""
        return tuple(
            name for name in FIELDS if getattr(self.first, name) != getattr(self.second, name)
        )

    @property
    def agreed(self) -> bool:
        return not self.differences

    @property
    def count(self) -> BallotCount | None:
        """The count that stands, once both clerks agree; ``None`` until then."""
        return self.first if self.agreed else None


def reconcile(
    first: BallotCount, second: BallotCount, *, present: int | None = None
) -> Reconciliation:
    """Compare two clerks' counts. Neither may hold more ballots than people present."""
    if present is not None:
        check_count("present", present)
        for count in (first, second):
            if count.ballots > present:
                raise TooManyVotesError(count.ballots, present)
    return Reconciliation(first, second)
