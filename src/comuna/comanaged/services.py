"""Every write of the co-managed enterprises: one function each, in one transaction, checks
beside it.

The enterprise keeps its books in the host commune's chart: registering one creates an
``enterprises.Enterprise`` of the host (with its cash account) and opens its income, costs,
fund and shared-surplus accounts through the ledger's ``account_open``; each served commune
gets an earmarked infrastructure account and an income account in its own chart.

Applying a period's rule (``result_apply``) posts the period to the enterprise's books and each
share to the served commune's own books, all in one transaction, once: the period's row is
locked first (``locks``), and every posting carries an idempotency key naming the period.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.census.models import Person
from comuna.comanaged import locks
from comuna.comanaged.models import (
    BoardSeat,
    Comanaged,
    PeriodKind,
    PeriodResult,
    PeriodShare,
    ServedCommune,
    Side,
    StageStatus,
    TransitionStage,
)
from comuna.core.language import as_recorded
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines.ledger import Transfer
from comuna.enterprises.models import EnterpriseKind
from comuna.enterprises.services import enterprise_create
from comuna.governance.models import Decision, Organ, OrganKind, ProposalStatus, Seat
from comuna.governance.services import seat_assign
from comuna.ledger.models import Account, AccountKind
from comuna.ledger.services import account_open
from comuna.ledger.services.posting import _apply
from comuna.users.models import User

UNIT = "VES"
ALL = 10000  # basis points in 100%


def _percent(basis_points: int) -> str:
    return f"{basis_points / 100:g}"


def _next_code(commune: Commune, group: str) -> str:
    taken = (
        Account.objects.of(commune).filter(code__startswith=group).values_list("code", flat=True)
    )
    numbers = [int(code[len(group) :]) for code in taken if code[len(group) :].isdigit()]
    return f"{group}{max(numbers, default=0) + 1:02d}"


def _open(commune: Commune, group: str, kind: str, name: str) -> str:
    code = _next_code(commune, group)
    account_open(
        commune=commune,
        code=code,
        name=name,
        kind=kind,
        unit=UNIT,
        floor=0 if kind == AccountKind.ASSET else None,
    )
    return code


def _share_check(basis_points: int) -> None:
    if basis_points <= 0:
        raise Refusal(_("A commune's share must be more than 0%."), field="percent")
    if basis_points > ALL:
        raise Refusal(
            _("A commune's share cannot be more than 100%% (%(share)s%%).")
            % {"share": _percent(basis_points)},
            field="percent",
            code="shares_above_all",
        )


def _shares_total_check(total: int) -> None:
    if total > ALL:
        raise Refusal(
            _(
                "The communes' shares would add up to %(total)s%%: together they cannot be "
                "more than 100%% of the surplus."
            )
            % {"total": _percent(total)},
            field="percent",
            code="shares_above_all",
        )


def _served_open(comanaged: Comanaged, served: Commune, basis_points: int) -> ServedCommune:
    name = comanaged.enterprise.name
    earmarked = _open(
        served,
        "1.3.",
        AccountKind.ASSET,
        as_recorded(gettext_lazy("Surplus of %(enterprise)s for infrastructure"), enterprise=name),
    )
    income = _open(
        served,
        "4.3.",
        AccountKind.INCOME,
        as_recorded(gettext_lazy("Surplus received from %(enterprise)s"), enterprise=name),
    )
    return ServedCommune.objects.create(
        comanaged=comanaged,
        served=served,
        basis_points=basis_points,
        earmarked_account=earmarked,
        income_account=income,
    )


def comanaged_register(
    *,
    commune: Commune,
    name: str,
    activity: str,
    registered_on: dt.date,
    fund_basis_points: int,
    served: Sequence[tuple[Commune, int]],
) -> Comanaged:
    """Register a co-managed enterprise hosted by ``commune``: the enterprise with its
    accounts in the host's books, its board (an organ of the host), and the communes it
    serves with their shares (basis points), each with its accounts opened in its own books.

    Refused: no activity, a fund's share above 100%, no commune served, a commune served
    twice, a share not above 0 or the shares together above 100%.
    """
    activity = " ".join(activity.split())
    if not activity:
        raise Refusal(_("Say what the enterprise does."), field="activity")
    if not 0 <= fund_basis_points <= ALL:
        raise Refusal(
            _("The social investment fund's share is between 0% and 100%."), field="fund_percent"
        )
    if not served:
        raise Refusal(_("Name at least one commune the enterprise serves."), field="served")
    seen: set[int] = set()
    for other, share in served:
        if other.pk in seen:
            raise Refusal(
                _("%(commune)s is served twice: give each commune one share.")
                % {"commune": other.name},
                field="served",
                code="served_twice",
            )
        seen.add(other.pk)
        _share_check(share)
    _shares_total_check(sum(share for _c, share in served))
    with transaction.atomic():
        enterprise = enterprise_create(
            commune=commune, name=name, kind=EnterpriseKind.PRODUCTION, description=activity
        )
        board_name = as_recorded(gettext_lazy("Board of %(enterprise)s"), enterprise=enterprise)
        if Organ.objects.of(commune).filter(name=board_name).exists():
            raise Refusal(_("There is already an organ with that name."), field="name")
        board = Organ.objects.create(
            commune=commune,
            kind=OrganKind.COMMITTEE,
            name=board_name,
            description=as_recorded(
                gettext_lazy("Board of the co-managed enterprise: state and community seats.")
            ),
        )

        def opened(group: str, kind: str, label: Promise) -> str:
            return _open(commune, group, kind, as_recorded(label, enterprise=enterprise.name))

        comanaged = Comanaged.objects.create(
            enterprise=enterprise,
            activity=activity[:200],
            registered_on=registered_on,
            board=board,
            fund_basis_points=fund_basis_points,
            income_account=opened(
                "4.3.", AccountKind.INCOME, gettext_lazy("Sales, %(enterprise)s")
            ),
            wages_account=opened(
                "5.3.", AccountKind.EXPENSE, gettext_lazy("Wages, %(enterprise)s")
            ),
            maintenance_account=opened(
                "5.3.", AccountKind.EXPENSE, gettext_lazy("Maintenance, %(enterprise)s")
            ),
            materials_account=opened(
                "5.3.", AccountKind.EXPENSE, gettext_lazy("Raw materials, %(enterprise)s")
            ),
            fund_account=opened(
                "1.3.", AccountKind.ASSET, gettext_lazy("Social investment fund, %(enterprise)s")
            ),
            shared_account=opened(
                "5.3.",
                AccountKind.EXPENSE,
                gettext_lazy("Surplus shared with communes, %(enterprise)s"),
            ),
        )
        for other, share in sorted(served, key=lambda pair: pair[0].pk):
            _served_open(comanaged, other, share)
        return comanaged


@transaction.atomic
def served_commune_add(
    *, comanaged: Comanaged, served: Commune, basis_points: int
) -> ServedCommune:
    """One more commune served, with its share; refused when it is served already or the
    shares would pass 100%."""
    comanaged = locks.comanaged_lock(comanaged)
    _share_check(basis_points)
    rows = ServedCommune.objects.of(comanaged.commune_id).filter(comanaged=comanaged)
    if rows.filter(served=served).exists():
        raise Refusal(
            _("%(commune)s is already served by this enterprise.") % {"commune": served.name},
            field="served",
            code="served_twice",
        )
    _shares_total_check(sum(r.basis_points for r in rows) + basis_points)
    try:
        with transaction.atomic():
            return _served_open(comanaged, served, basis_points)
    except IntegrityError:
        raise Refusal(
            _("%(commune)s is already served by this enterprise.") % {"commune": served.name},
            field="served",
            code="served_twice",
        ) from None


@transaction.atomic
def served_share_set(*, row: ServedCommune, basis_points: int) -> ServedCommune:
    """Change a served commune's share (periods already shared keep theirs)."""
    comanaged = locks.comanaged_lock(row.comanaged)
    _share_check(basis_points)
    others = (
        ServedCommune.objects.of(comanaged.commune_id)
        .filter(comanaged=comanaged)
        .exclude(pk=row.pk)
    )
    _shares_total_check(sum(r.basis_points for r in others) + basis_points)
    row.basis_points = basis_points
    row.save(update_fields=["basis_points"])
    return row


@transaction.atomic
def board_seat_add(
    *,
    comanaged: Comanaged,
    title: str,
    side: str,
    represents: Commune | None = None,
    institution: str = "",
    holder: Person | None = None,
    outside_holder: str = "",
    term_start: dt.date | None = None,
    term_end: dt.date | None = None,
    by: User | None = None,
) -> BoardSeat:
    """A seat on the board, for the state or the community: a governance ``Seat`` of the
    board's organ. A person of the host's census takes it through governance's
    ``seat_assign`` (with its term); someone outside it is named in ``outside_holder``."""
    title = " ".join(title.split())
    if not title:
        raise Refusal(_("Name the seat."), field="title")
    if side not in Side.values:
        raise Refusal(_("Say whether the seat is the state's or the community's."), field="side")
    if represents is not None and side != Side.COMMUNITY:
        raise Refusal(_("Only a community seat speaks for a commune."), field="represents")
    if (
        represents is not None
        and not ServedCommune.objects.of(comanaged.commune_id)
        .filter(comanaged=comanaged, served=represents)
        .exists()
    ):
        raise Refusal(_("That commune is not served by this enterprise."), field="represents")
    if Seat.objects.of(comanaged.commune_id).filter(organ=comanaged.board, title=title).exists():
        raise Refusal(_("The board already has a seat with that name."), field="title")
    if holder is not None and outside_holder.strip():
        raise Refusal(
            _("Choose a person of the census or write a name, not both."), field="outside_holder"
        )
    seat = Seat.objects.create(organ=comanaged.board, title=title[:150])
    row = BoardSeat.objects.create(
        comanaged=comanaged,
        seat=seat,
        side=side,
        represents=represents,
        institution=institution.strip()[:200],
        outside_holder=" ".join(outside_holder.split())[:200],
    )
    if holder is not None:
        start = term_start or timezone.localdate()
        end = term_end or start.replace(year=start.year + 2)
        seat_assign(
            seat=seat, holder=holder, substitute=None, term_start=start, term_end=end, by=by
        )
    return row


def period_end(kind: str, start: dt.date) -> dt.date:
    """The last day of the month or quarter that begins on ``start`` (the first of a month)."""
    months = 3 if kind == PeriodKind.QUARTER else 1
    month_index = start.month - 1 + months - 1
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@transaction.atomic
def result_record(
    *,
    comanaged: Comanaged,
    kind: str,
    start: dt.date,
    income: int,
    wages: int,
    maintenance: int,
    materials: int,
    by: User | None = None,
) -> PeriodResult:
    """A month's or a quarter's results (cents of VES), before they are shared.

    Refused: a period that does not start on the first of a month (or of a quarter's first
    month, January, April, July, October), one not yet ended, a negative amount, a period that
    overlaps one already recorded. A period not yet shared may be recorded again (corrected).
    """
    comanaged = locks.comanaged_lock(comanaged)
    if kind not in PeriodKind.values:
        raise Refusal(_("Choose a month or a quarter."), field="kind")
    if start.day != 1 or (kind == PeriodKind.QUARTER and start.month % 3 != 1):
        raise Refusal(
            _("A month starts on its first day; a quarter in January, April, July or October."),
            field="start",
        )
    end = period_end(kind, start)
    if end >= timezone.localdate():
        raise Refusal(_("The period has not ended yet."), field="start")
    figures = {
        "income": income,
        "wages": wages,
        "maintenance": maintenance,
        "materials": materials,
    }
    for field, value in figures.items():
        if value < 0:
            raise Refusal(_("The amounts cannot be negative."), field=field, code="negative")
    periods = PeriodResult.objects.of(comanaged.commune_id).filter(comanaged=comanaged)
    same = periods.filter(start=start, end=end).first()
    if same is not None:
        if same.applied:
            raise Refusal(
                _("That period was already shared: its results can no longer change."),
                field="start",
                code="already_shared",
            )
        if same.kind != kind:
            raise Refusal(_("That period was recorded as another kind."), field="kind")
        for field, value in figures.items():
            setattr(same, field, value)
        same.recorded_by = by
        same.save(update_fields=[*figures, "recorded_by"])
        return same
    if periods.filter(start__lte=end, end__gte=start).exists():
        raise Refusal(
            _("That period overlaps results already recorded."), field="start", code="overlap"
        )
    return PeriodResult.objects.create(
        comanaged=comanaged, kind=kind, start=start, end=end, recorded_by=by, **figures
    )


@dataclass(frozen=True)
class ShareLine:
    served: Commune
    basis_points: int
    amount: int
    remainder_e4: int  # what rounding down left, in ten-thousandths of a cent

    @property
    def percent(self) -> str:
        return _percent(self.basis_points)

    def how(self, surplus: int) -> str:
        return f"{surplus} × {self.percent}% = {self.amount}"


@dataclass(frozen=True)
class Preview:
    """What applying the rule would post: the fund's share of what is left after the costs,
    the surplus, each commune's share (rounded down to the cent) and what the enterprise
    keeps (the unshared part and the cents rounding left)."""

    income: int
    costs: int
    left: int
    fund: int
    surplus: int
    lines: list[ShareLine]
    kept: int
    unshared_basis_points: int

    @property
    def rounding(self) -> int:
        return self.kept - self.surplus * self.unshared_basis_points // ALL


def rule_preview(result: PeriodResult) -> Preview:
    """The rule applied to ``result`` on paper: nothing is written."""
    comanaged = result.comanaged
    left = result.income - result.costs
    base = max(left, 0)
    fund = base * comanaged.fund_basis_points // ALL
    surplus = base - fund
    rows = ServedCommune.objects.of(result.commune_id).filter(comanaged=comanaged)
    lines = []
    for row in rows.select_related("served").order_by("served_id"):
        amount, remainder = divmod(surplus * row.basis_points, ALL)
        lines.append(ShareLine(row.served, row.basis_points, amount, remainder))
    shared = sum(line.amount for line in lines)
    return Preview(
        income=result.income,
        costs=result.costs,
        left=left,
        fund=fund,
        surplus=surplus,
        lines=lines,
        kept=surplus - shared,
        unshared_basis_points=ALL - sum(line.basis_points for line in lines),
    )


def _host_transfers(
    result: PeriodResult, preview: Preview, by: str, day: dt.date
) -> list[Transfer]:
    comanaged = result.comanaged
    cash = comanaged.enterprise.cash_account
    name = comanaged.enterprise.name
    period = f"{result.start:%Y-%m}"
    key = f"comanaged:{result.uuid}"
    moves: list[tuple[str, str, int, Promise | str]] = [
        (cash, comanaged.income_account, result.income, gettext_lazy("Income")),
        (comanaged.wages_account, cash, result.wages, gettext_lazy("Wages")),
        (comanaged.maintenance_account, cash, result.maintenance, gettext_lazy("Maintenance")),
        (comanaged.materials_account, cash, result.materials, gettext_lazy("Raw materials")),
        (comanaged.fund_account, cash, preview.fund, gettext_lazy("Social investment fund")),
    ]
    for line in preview.lines:
        moves.append(
            (
                comanaged.shared_account,
                cash,
                line.amount,
                as_recorded(
                    gettext_lazy("Surplus to %(commune)s (%(percent)s%%)"),
                    commune=line.served.name,
                    percent=line.percent,
                ),
            )
        )
    return [
        Transfer(
            debit=debit,
            credit=credit,
            amount=amount,
            unit=UNIT,
            date=day,
            description=as_recorded(
                gettext_lazy("%(enterprise)s, %(period)s: %(what)s"),
                enterprise=name,
                period=period,
                what=as_recorded(what),
            ),
            author=by,
            reference=f"comanaged:{result.pk}",
            idempotency_key=f"{key}:host:{i}",
        )
        for i, (debit, credit, amount, what) in enumerate(moves)
        if amount > 0
    ]


def result_apply(*, result: PeriodResult, by: str, on: dt.date | None = None) -> PeriodResult:
    """Apply the rule to a period: post its income, costs, fund and shares to the enterprise's
    books, and each share to the served commune's own books (its infrastructure account), all
    in one transaction, dated ``on`` (the day it is shared: today by default; after the
    period, never inside a period the books have closed). Once per period: a second call, or
    the second of two racing requests, is refused and posts nothing.

    A period with no surplus still posts its income and costs (every share is then zero).
    Refused, with nothing posted anywhere, when a book refuses a posting: the enterprise's
    cash would go below zero, a date in a closed period, a spend above the four-eyes
    threshold.
    """
    with transaction.atomic():
        locks.comanaged_lock(result.comanaged)
        result = locks.result_lock(result)
        if result.applied:
            raise Refusal(
                _("That period was already shared: nothing was posted again."),
                code="already_shared",
            )
        comanaged = result.comanaged
        day = on or timezone.localdate()
        if day <= result.end:
            raise Refusal(_("A period is shared after it ends."), field="on")
        preview = rule_preview(result)
        served_rows = {
            row.served_id: row
            for row in ServedCommune.objects.of(comanaged.commune_id).filter(comanaged=comanaged)
        }
        host_transfers = _host_transfers(result, preview, by, day)
        paid = [line for line in preview.lines if line.amount > 0]
        # Each share's two postings, by (commune, index in that commune's list).
        host_index = {
            line.served.pk: len(host_transfers) - len(paid) + i for i, line in enumerate(paid)
        }
        by_commune: dict[int, tuple[Commune, list[Transfer]]] = {
            comanaged.commune_id: (comanaged.commune, host_transfers)
        }
        served_index: dict[int, int] = {}
        for line in paid:
            row = served_rows[line.served.pk]
            transfers = by_commune.setdefault(line.served.pk, (line.served, []))[1]
            served_index[line.served.pk] = len(transfers)
            transfers.append(
                Transfer(
                    debit=row.earmarked_account,
                    credit=row.income_account,
                    amount=line.amount,
                    unit=UNIT,
                    date=day,
                    description=as_recorded(
                        gettext_lazy("Surplus of %(enterprise)s, %(period)s: %(percent)s%%"),
                        enterprise=comanaged.enterprise.name,
                        period=f"{result.start:%Y-%m}",
                        percent=line.percent,
                    ),
                    author=by,
                    reference=f"comanaged:{result.pk}",
                    idempotency_key=f"comanaged:{result.uuid}:served",
                )
            )
        # The books' posting locks, in the order of the communes' ids (see ``locks``).
        entries: dict[int, list[int]] = {}
        for commune_id in sorted(by_commune):
            commune, transfers = by_commune[commune_id]
            if transfers:
                entries[commune_id] = [e.sequence for e in _apply(commune, transfers, "post")]
        for line in preview.lines:
            host_entry = served_entry = None
            if line.amount > 0:
                host_entry = entries[comanaged.commune_id][host_index[line.served.pk]]
                served_entry = entries[line.served.pk][served_index[line.served.pk]]
            PeriodShare.objects.create(
                result=result,
                served=line.served,
                basis_points=line.basis_points,
                amount=line.amount,
                host_entry=host_entry,
                served_entry=served_entry,
            )
        result.fund, result.surplus, result.kept = preview.fund, preview.surplus, preview.kept
        result.explanation = [
            {
                "commune": line.served.name,
                "percent": line.percent,
                "amount": line.amount,
                "how": line.how(preview.surplus),
                "remainder_e4": line.remainder_e4,
            }
            for line in preview.lines
        ]
        result.applied_at = timezone.now()
        result.applied_by = by[:150]
        result.save(
            update_fields=["fund", "surplus", "kept", "explanation", "applied_at", "applied_by"]
        )
        return result


@transaction.atomic
def stage_add(
    *,
    comanaged: Comanaged,
    title: str,
    condition: str,
    target_date: dt.date,
    community_seats: int | None = None,
) -> TransitionStage:
    """A new stage at the end of the transition plan."""
    comanaged = locks.comanaged_lock(comanaged)
    title, condition = " ".join(title.split()), " ".join(condition.split())
    if not title:
        raise Refusal(_("Name the stage."), field="title")
    if not condition:
        raise Refusal(_("Say what condition completes the stage."), field="condition")
    seats = BoardSeat.objects.of(comanaged.commune_id).filter(comanaged=comanaged).count()
    if community_seats is not None and (community_seats < 1 or (seats and community_seats > seats)):
        raise Refusal(
            _("The community seats needed must be between 1 and the board's seats."),
            field="community_seats",
        )
    stages = TransitionStage.objects.of(comanaged.commune_id).filter(comanaged=comanaged)
    position = max(stages.values_list("position", flat=True), default=0) + 1
    return TransitionStage.objects.create(
        comanaged=comanaged,
        position=position,
        title=title[:200],
        condition=condition[:300],
        community_seats=community_seats,
        target_date=target_date,
    )


@transaction.atomic
def stage_start(*, stage: TransitionStage) -> TransitionStage:
    """The stage is under way."""
    if stage.status != StageStatus.PLANNED:
        raise Refusal(_("Only a planned stage can start."))
    stage.status = StageStatus.IN_PROGRESS
    stage.save(update_fields=["status"])
    return stage


def community_seats_held(comanaged: Comanaged) -> int:
    """The board's community seats that someone holds."""
    rows = BoardSeat.objects.of(comanaged.commune_id).filter(
        comanaged=comanaged, side=Side.COMMUNITY
    )
    return sum(1 for row in rows.select_related("seat") if row.holder_name)


@transaction.atomic
def stage_complete(*, stage: TransitionStage, decision: Decision, on: dt.date) -> TransitionStage:
    """The stage is completed, approved by ``decision``: a decision carried by the host's
    communal parliament or one of its assemblies. Refused without such a decision, when the
    earlier stages are not completed, or when the board does not meet the stage's condition
    of community seats."""
    stage = TransitionStage.objects.of(stage.commune_id).select_for_update().get(pk=stage.pk)
    if stage.status == StageStatus.DONE:
        raise Refusal(_("That stage is already completed."))
    if decision.commune_id != stage.commune_id:
        raise Refusal(_("The decision must be one of this commune."), field="decision")
    proposal = decision.proposal
    if proposal.status != ProposalStatus.CARRIED or proposal.meeting.organ.kind not in (
        OrganKind.PARLIAMENT,
        OrganKind.ASSEMBLY,
    ):
        raise Refusal(
            _("A stage is approved by a decision of the communal parliament or an assembly."),
            field="decision",
        )
    earlier = TransitionStage.objects.of(stage.commune_id).filter(
        comanaged=stage.comanaged, position__lt=stage.position
    )
    if earlier.exclude(status=StageStatus.DONE).exists():
        raise Refusal(_("Complete the earlier stages first."))
    if stage.community_seats is not None:
        held = community_seats_held(stage.comanaged)
        if held < stage.community_seats:
            raise Refusal(
                _(
                    "The condition is not met: the community holds %(held)s board seats, "
                    "%(needed)s are needed."
                )
                % {"held": held, "needed": stage.community_seats},
                code="condition_unmet",
            )
    if on < decision.decided_on:
        raise Refusal(_("A stage cannot be completed before its decision."), field="on")
    stage.status, stage.decision, stage.completed_on = StageStatus.DONE, decision, on
    stage.save(update_fields=["status", "decision", "completed_on"])
    return stage
