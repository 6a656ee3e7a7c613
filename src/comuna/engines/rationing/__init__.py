"""Fair rationing when stock is short: a rule an assembly can follow, check and re-run.

See docs/rationing.md for the rule in plain words. Entry point: ``ration(claims, stock, seed)``.
"""

from comuna.engines.rationing.engine import ration
from comuna.engines.rationing.errors import (
    DuplicateHouseholdError,
    InvalidClaimError,
    InvalidSeedError,
    InvalidStockError,
    NegativeClaimError,
    NegativeStockError,
    RationingError,
)
from comuna.engines.rationing.lottery import canonical_input, input_hash, lottery_key, seed_text
from comuna.engines.rationing.models import (
    RULE,
    Allocation,
    ApportionmentLine,
    ApportionmentStage,
    Claim,
    GroupShare,
    PriorityClass,
    RationingResult,
    Reason,
    Status,
)

__all__ = [
    "RULE",
    "Allocation",
    "ApportionmentLine",
    "ApportionmentStage",
    "Claim",
    "DuplicateHouseholdError",
    "GroupShare",
    "InvalidClaimError",
    "InvalidSeedError",
    "InvalidStockError",
    "NegativeClaimError",
    "NegativeStockError",
    "PriorityClass",
    "RationingError",
    "RationingResult",
    "Reason",
    "Status",
    "canonical_input",
    "input_hash",
    "lottery_key",
    "ration",
    "seed_text",
]
