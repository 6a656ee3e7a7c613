"""The data of a rationing round: what households claim, and what the rule gives them and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from fractions import Fraction
from typing import Any

from comuna.engines.rationing import texts
from comuna.engines.rationing.errors import InvalidClaimError, NegativeClaimError

RULE = "comuna-rationing/1"
"""Names this version of the rule; printed with every result so a re-run uses the same rule."""


class PriorityClass(IntEnum):
    """Served in this order inside each group; a lower number is served first."""

    MEDICAL = 0
    ELDERLY_ALONE = 1
    SMALL_CHILDREN = 2
    GENERAL = 3

    def label(self, language: str = "es") -> str:
        return texts.CLASS_NAMES[language][self.value]


class Status(StrEnum):
    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"
    NO_CLAIM = "no_claim"


class Reason(StrEnum):
    """Why a household got what it got; stable codes for programs and translations."""

    NO_CLAIM = "no_claim"
    CLASS_COVERED = "class_covered"
    """The group's share reached every claim of the household's class."""
    EQUAL_SHARE_COVERS_CLAIM = "equal_share_covers_claim"
    """The class was short, but the equal level was at least the household's claim."""
    REACHED_IN_QUEUE = "reached_in_queue"
    """The class was short; the household got the level plus one left-over unit."""
    NOT_REACHED_IN_QUEUE = "not_reached_in_queue"
    """The class was short; the left-over units ran out before the household's place."""
    HIGHER_CLASSES_USED_SHARE = "higher_classes_used_share"
    GROUP_SHARE_EMPTY = "group_share_empty"


def _check_text(household_id: str, name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidClaimError(str(household_id), f"the {name} must be a non-empty text")
    # Tabs and line breaks would make the canonical list (and so its hash) ambiguous.
    if any(ch in value for ch in "\t\n\r"):
        raise InvalidClaimError(str(household_id), f"the {name} cannot contain tabs or line breaks")
    try:
        value.encode()
    except UnicodeEncodeError:
        raise InvalidClaimError(str(household_id), f"the {name} is not valid text") from None


def _check_count(household_id: str, name: str, value: object) -> None:
    # bool is an int subclass, and True as "1 unit" is almost certainly a caller's bug.
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidClaimError(household_id, f"the {name} must be a whole number, got {value!r}")
    if value < 0:
        raise InvalidClaimError(household_id, f"the {name} cannot be negative, got {value}")


@dataclass(frozen=True, slots=True)
class Claim:
    """One household's claim in one round.

    ``short_streak`` is how many rounds in a row, up to the previous one, the household got
    less than it claimed (0 if it was served in full last time); ``short_total`` is how many
    rounds of this programme it was left short in all. Both come from the previous round's
    ``Allocation.next_short_streak`` / ``next_short_total``.
    """

    household_id: str
    group: str
    priority: PriorityClass
    units: int
    short_streak: int = 0
    short_total: int = 0

    def __post_init__(self) -> None:
        _check_text(self.household_id, "household id", self.household_id)
        _check_text(self.household_id, "group code", self.group)
        if isinstance(self.units, int) and not isinstance(self.units, bool) and self.units < 0:
            raise NegativeClaimError(self.household_id, self.units)
        _check_count(self.household_id, "claim", self.units)
        _check_count(self.household_id, "short streak", self.short_streak)
        _check_count(self.household_id, "short total", self.short_total)
        if not isinstance(self.priority, PriorityClass):
            try:
                priority = PriorityClass(self.priority)
            except ValueError:
                raise InvalidClaimError(
                    self.household_id,
                    f"unknown priority class {self.priority!r}; expected 0 to 3",
                ) from None
            # Accepting the plain number keeps callers that store it as an integer simple.
            object.__setattr__(self, "priority", priority)


@dataclass(frozen=True, slots=True)
class Allocation:
    """What one household gets this round, with everything needed to say why."""

    household_id: str
    group: str
    priority: PriorityClass
    claimed: int
    awarded: int
    status: Status
    reason: Reason
    lottery_key: str
    """SHA-256 hex of ``seed:household_id``; the last tie-break of the queue."""
    queue_position: int | None
    """1-based place in the queue of its group and class; None if it claimed nothing."""
    queue_size: int
    group_share: int
    class_level: int | None
    """The equal level of its class when the class was short, else None."""
    leftover: int | None
    """Units left below one full level and handed out one each in queue order, if short."""
    queue_reached: int | None
    """Last queue position that received a left-over unit (0: none), if the class was short."""
    short_streak: int
    short_total: int
    next_short_streak: int
    next_short_total: int

    @property
    def left_short(self) -> bool:
        return self.awarded < self.claimed

    @property
    def explanation(self) -> str:
        return self.explain("en")

    def explain(self, language: str = "es") -> str:
        return texts.explain(
            texts.Facts(
                reason=self.reason.value,
                group=self.group,
                priority=int(self.priority),
                claimed=self.claimed,
                awarded=self.awarded,
                group_share=self.group_share,
                class_level=self.class_level,
                leftover=self.leftover,
                queue_reached=self.queue_reached,
                queue_position=self.queue_position,
                queue_size=self.queue_size,
                short_streak=self.short_streak,
            ),
            language,
        )


@dataclass(frozen=True, slots=True)
class ApportionmentLine:
    """One group's arithmetic in one stage of the largest-remainder apportionment."""

    group: str
    households: int
    claimed: int
    lottery_key: str
    quota: Fraction
    floor: int
    remainder: Fraction
    extra_unit: bool
    allotted: int
    capped: bool
    """True when ``allotted`` exceeded the group's claim: it gets its claim and leaves."""


@dataclass(frozen=True, slots=True)
class ApportionmentStage:
    number: int
    stock: int
    households: int
    lines: tuple[ApportionmentLine, ...]


@dataclass(frozen=True, slots=True)
class GroupShare:
    """A group's final share, with the arithmetic of the stage that settled it."""

    group: str
    households: int
    claimed: int
    share: int
    capped: bool
    stage: int
    quota: Fraction
    floor: int
    remainder: Fraction
    extra_unit: bool


@dataclass(frozen=True, slots=True)
class RationingResult:
    rule: str
    seed: str
    stock: int
    input_hash: str
    """SHA-256 hex of ``canonical_input(claims)``: pins down the list that was rationed."""
    total_claimed: int
    total_awarded: int
    shares: tuple[GroupShare, ...]
    stages: tuple[ApportionmentStage, ...]
    allocations: tuple[Allocation, ...]
    """Ordered by group code, then priority class, then queue position (the printed list)."""

    @property
    def unused(self) -> int:
        return self.stock - self.total_awarded

    @property
    def stock_was_short(self) -> bool:
        return self.stock < self.total_claimed

    def by_household(self) -> Mapping[str, Allocation]:
        return {a.household_id: a for a in self.allocations}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form; fractions are written as ``"numerator/denominator"`` strings."""
        return {
            "rule": self.rule,
            "seed": self.seed,
            "stock": self.stock,
            "input_hash": self.input_hash,
            "total_claimed": self.total_claimed,
            "total_awarded": self.total_awarded,
            "unused": self.unused,
            "shares": [
                {
                    "group": s.group,
                    "households": s.households,
                    "claimed": s.claimed,
                    "share": s.share,
                    "capped": s.capped,
                    "stage": s.stage,
                    "quota": str(s.quota),
                    "floor": s.floor,
                    "remainder": str(s.remainder),
                    "extra_unit": s.extra_unit,
                }
                for s in self.shares
            ],
            "stages": [
                {
                    "number": st.number,
                    "stock": st.stock,
                    "households": st.households,
                    "lines": [
                        {
                            "group": ln.group,
                            "households": ln.households,
                            "claimed": ln.claimed,
                            "lottery_key": ln.lottery_key,
                            "quota": str(ln.quota),
                            "floor": ln.floor,
                            "remainder": str(ln.remainder),
                            "extra_unit": ln.extra_unit,
                            "allotted": ln.allotted,
                            "capped": ln.capped,
                        }
                        for ln in st.lines
                    ],
                }
                for st in self.stages
            ],
            "allocations": [
                {
                    "household_id": a.household_id,
                    "group": a.group,
                    "priority": a.priority.name.lower(),
                    "claimed": a.claimed,
                    "awarded": a.awarded,
                    "status": a.status.value,
                    "reason": a.reason.value,
                    "explanation": {lang: a.explain(lang) for lang in texts.LANGUAGES},
                    "lottery_key": a.lottery_key,
                    "queue_position": a.queue_position,
                    "queue_size": a.queue_size,
                    "group_share": a.group_share,
                    "class_level": a.class_level,
                    "leftover": a.leftover,
                    "queue_reached": a.queue_reached,
                    "short_streak": a.short_streak,
                    "short_total": a.short_total,
                    "next_short_streak": a.next_short_streak,
                    "next_short_total": a.next_short_total,
                }
                for a in self.allocations
            ],
        }
