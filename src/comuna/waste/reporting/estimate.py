"""What a ration would serve: the month as it was, and a proportional estimate for a larger one.

The method, as the letter states it:

- the **current ration** is the diesel received in the month (when the books record none, the
  litres the trucks burnt);
- the **need** is what the day's plans say would have served every point every planned day
  (their ``litres_to_serve_all``, added up over the month); with the need, every point-day
  left unserved would have been served;
- between the two, a ration serves a share of the point-days left unserved in proportion to
  the share of the gap it closes: a ration half-way from the current one to the need serves
  half of them;
- each extra service collects what a service collected on average in the month;
- the days a point waits shrink in proportion to how often it is served (twice the services,
  half the wait), never below one day.

A straight line between two measured ends: the plans' litres are the one firm figure; the
rest is an estimate and the letter says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from comuna.waste.reporting.selectors import MonthReport, litres


@dataclass(frozen=True, slots=True)
class RationOutcome:
    """What a monthly ration serves (measured for the current one, estimated for others)."""

    ration_ml: int
    share: Decimal  # of the gap between the current ration and the need closed, 0 to 1
    services: int  # point-days served
    kg: int
    mean_wait: Decimal | None
    estimated: bool

    @property
    def litres(self) -> Decimal:
        return litres(self.ration_ml)


def current_ration_ml(report: MonthReport) -> int:
    return report.received_ml or report.litres_ml


def ration_outcome(report: MonthReport, ration_ml: int) -> RationOutcome:
    """What ``ration_ml`` a month would serve, by the method of the module docstring."""
    current = current_ration_ml(report)
    need = report.need_ml
    if ration_ml <= current or need <= current:
        share = Decimal(0) if ration_ml <= current else Decimal(1)
    else:
        share = min(Decimal(ration_ml - current) / Decimal(need - current), Decimal(1))
    services_now = report.services
    extra = int((share * report.points_left).to_integral_value(ROUND_HALF_UP))
    kg_per_service = Decimal(report.kg) / services_now if services_now else Decimal(0)
    kg = report.kg + int((kg_per_service * extra).to_integral_value(ROUND_HALF_UP))
    mean_wait = report.mean_wait
    if mean_wait is not None and services_now and extra:
        mean_wait = max(
            (mean_wait * services_now / (services_now + extra)).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            ),
            Decimal(1),
        )
    return RationOutcome(
        ration_ml=ration_ml,
        share=share,
        services=services_now + extra,
        kg=kg,
        mean_wait=mean_wait,
        estimated=ration_ml != current,
    )


def ration_outcomes(report: MonthReport, asked_ml: int) -> list[tuple[str, RationOutcome]]:
    """The current ration, the one asked for and the need, each with what it serves; keyed
    ``current``, ``asked``, ``need`` (the asked one left out when it is one of the others)."""
    current = current_ration_ml(report)
    rows = [("current", ration_outcome(report, current))]
    if asked_ml not in (current, report.need_ml):
        rows.append(("asked", ration_outcome(report, asked_ml)))
    if report.need_ml > current:
        rows.append(("need", ration_outcome(report, report.need_ml)))
    return rows
