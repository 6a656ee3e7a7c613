"""Every write of the distribution: one named function each, atomic, with its checks beside it.

Locks are taken in one order: the round first, then (in ``round_close``) the ledger's posting
lock. ``delivery_record`` takes no lock at all: the UNIQUE (round, household) constraint is
what keeps several tables from handing the same household a second bag.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from comuna.census.models import Household, HouseholdStatus
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.distribution import postings
from comuna.distribution.entitlement import HouseholdFacts, Terms, priority_of, units_claimed
from comuna.distribution.models import (
    Collector,
    Currency,
    Delivery,
    Entitlement,
    NonDelivery,
    NonDeliveryReason,
    Programme,
    ProgrammeKind,
    ProgrammeUnit,
    Round,
    RoundStatus,
)
from comuna.distribution.selectors import households_facts, short_history
from comuna.engines.rationing import Allocation, Claim, RationingError, ration
from comuna.users.models import User

MAX_TABLES = 50


def programme_terms(programme: Programme) -> Terms:
    return Terms(
        base_quantity=programme.base_quantity,
        per_member=programme.per_member,
        cap=programme.cap,
        vulnerable_only=programme.vulnerable_only,
        cylinder_kg=programme.cylinder_kg,
        exclude_piped_gas=programme.exclude_piped_gas,
    )


def _check_programme(*, name: str, kind: str, unit: str, cap: int, cylinder_kg: int | None) -> str:
    name = " ".join(name.split())
    if not name:
        raise Refusal(_("The programme needs a name."), field="name")
    if kind not in ProgrammeKind.values:
        raise Refusal(_("Unknown kind of programme."), field="kind")
    if unit not in ProgrammeUnit.values:
        raise Refusal(_("Unknown unit."), field="unit")
    if cap < 1:
        raise Refusal(_("A household gets at least one unit."), field="cap")
    if cylinder_kg is not None and cylinder_kg not in (10, 18, 43):
        raise Refusal(_("Cylinders are of 10, 18 or 43 kg."), field="cylinder_kg")
    if cylinder_kg is not None and unit != ProgrammeUnit.CYL:
        raise Refusal(_("A programme for one cylinder size counts in cylinders."), field="unit")
    return name


@transaction.atomic
def programme_save(
    *,
    commune: Commune,
    programme: Programme | None = None,
    name: str,
    kind: str,
    unit: str,
    base_quantity: int,
    per_member: int,
    cap: int,
    vulnerable_only: bool = False,
    cylinder_kg: int | None = None,
    exclude_piped_gas: bool = False,
    fee_minor: int = 0,
    fee_currency: str = Currency.VES,
    active: bool = True,
) -> Programme:
    """Create a programme, or change one (``programme``); rounds already open keep their list."""
    name = _check_programme(name=name, kind=kind, unit=unit, cap=cap, cylinder_kg=cylinder_kg)
    if fee_currency not in Currency.values:
        raise Refusal(_("Unknown currency."), field="fee_currency")
    if programme is not None and programme.commune_id != commune.pk:
        raise Refusal(_("No such programme."))
    clash = Programme.objects.of(commune).filter(name=name)
    if programme is not None:
        clash = clash.exclude(pk=programme.pk)
    if clash.exists():
        raise Refusal(_("There is already a programme with that name."), field="name")
    target = programme or Programme(commune=commune)
    for attr, value in {
        "name": name,
        "kind": kind,
        "unit": unit,
        "base_quantity": base_quantity,
        "per_member": per_member,
        "cap": cap,
        "vulnerable_only": vulnerable_only,
        "cylinder_kg": cylinder_kg,
        "exclude_piped_gas": exclude_piped_gas,
        "fee_minor": fee_minor,
        "fee_currency": fee_currency,
        "active": active,
    }.items():
        setattr(target, attr, value)
    target.save()
    return target


@transaction.atomic
def round_create(
    *,
    programme: Programme,
    stock_received: int,
    received_on: dt.date,
    distribution_on: dt.date,
    points: str = "",
    tables: int = 1,
) -> Round:
    if not programme.active:
        raise Refusal(_("This programme is no longer active."))
    if stock_received < 0:
        raise Refusal(_("The stock cannot be negative."), field="stock_received")
    if not 1 <= tables <= MAX_TABLES:
        raise Refusal(
            _("A round has between 1 and %(n)d tables.") % {"n": MAX_TABLES}, field="tables"
        )
    if distribution_on < received_on:
        raise Refusal(
            _("The distribution day cannot come before the stock arrives."),
            field="distribution_on",
        )
    return Round.objects.create(
        programme=programme,
        stock_received=stock_received,
        received_on=received_on,
        distribution_on=distribution_on,
        points=points.strip(),
        tables=tables,
    )


def _lock_round(round_: Round) -> Round:
    locked: Round = (
        Round.objects.of(round_.commune_id)
        .select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=round_.pk)
    )
    return locked


def round_claims_build(
    round_: Round, *, today: dt.date, census: Sequence[HouseholdFacts] | None = None
) -> list[Claim]:
    """The claims of every active household, as the census says today, with their history."""
    programme = round_.programme
    terms = programme_terms(programme)
    carried = short_history(programme, before=round_)
    claims = []
    for facts in households_facts(programme.commune) if census is None else census:
        units = units_claimed(terms, facts, today)
        if units == 0:
            continue
        streak, total = carried.get(facts.household_id, (0, 0))
        claims.append(
            Claim(
                household_id=str(facts.household_id),
                group=facts.council_code,
                priority=priority_of(facts, today),
                units=units,
                short_streak=streak,
                short_total=total,
            )
        )
    return claims


@transaction.atomic
def round_open(
    *,
    round: Round,
    seed: str,
    by: User | None,
    today: dt.date | None = None,
    census: Sequence[HouseholdFacts] | None = None,
) -> Round:
    """Freeze the list of entitled households, ration the stock among them, post the stock.

    The seed is best drawn in the assembly after the list's hash is published; it is recorded
    with the hash so that anyone can re-run the rule and get the same list. ``census`` is the
    census as read by ``households_facts`` when the caller already holds it (the demo opens a
    year of rounds on the census it has just written); by default it is read here.
    """
    round_ = _lock_round(round)
    if round_.status != RoundStatus.DRAFT:
        raise Refusal(_("This round is already open."))
    seed = seed.strip()
    if not seed or any(ch in seed for ch in "\t\r\n"):
        raise Refusal(_("Write the lottery seed drawn in the assembly."), field="seed")
    day = today or timezone.localdate()
    claims = round_claims_build(round_, today=day, census=census)
    try:
        result = ration(claims, round_.stock_received, seed)
    except RationingError as error:
        raise Refusal(str(error)) from None
    _entitlements_insert(round_, result.allocations)
    round_.status = RoundStatus.OPEN
    round_.seed = seed
    round_.input_hash = result.input_hash
    round_.rule = result.rule
    round_.opened_at = timezone.now()
    round_.opened_by = by
    round_.save(update_fields=["status", "seed", "input_hash", "rule", "opened_at", "opened_by"])
    postings.stock_received_post(round_=round_, author=by.username if by else "comuna")
    return round_


_ENTITLEMENT_COLUMNS = (
    "commune_id",
    "uuid",
    "round_id",
    "household_id",
    "group",
    "priority",
    "claimed",
    "short_streak",
    "short_total",
    "awarded",
    "status",
    "reason",
    "queue_position",
    "queue_size",
    "lottery_key",
    "next_short_streak",
    "next_short_total",
    "group_share",
    "class_level",
    "leftover",
    "queue_reached",
)


def _entitlements_insert(round_: Round, allocations: Iterable[Allocation]) -> None:
    """One row per allocation, in one executemany.

    A commune's round is some 7,000 rows; Django's bulk_create spends most of its time
    preparing each field of each object, which made opening a round (and building the demo's
    year of rounds) several times slower than the insert itself. Each row carries the round's
    commune and a UUID of its own, as ``CommunalModel`` would give it.
    """
    quote = connection.ops.quote_name
    # Names come from the model and the constant above, never from input.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(Entitlement._meta.db_table),
        ", ".join(quote(c) for c in _ENTITLEMENT_COLUMNS),
        ", ".join(["%s"] * len(_ENTITLEMENT_COLUMNS)),
    )
    native_uuid = connection.features.has_native_uuid_field
    rows = [
        (
            round_.commune_id,
            uuid.uuid4() if native_uuid else uuid.uuid4().hex,
            round_.pk,
            int(a.household_id),
            a.group,
            int(a.priority),
            a.claimed,
            a.short_streak,
            a.short_total,
            a.awarded,
            a.status.value,
            a.reason.value,
            a.queue_position,
            a.queue_size,
            a.lottery_key,
            a.next_short_streak,
            a.next_short_total,
            a.group_share,
            a.class_level,
            a.leftover,
            a.queue_reached,
        )
        for a in allocations
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _household_in_round(round_: Round, household: Household) -> Entitlement:
    """The household's entitlement, read with the round's current status (one query)."""
    try:
        entitlement: Entitlement | None = (
            Entitlement.objects.of(round_.commune_id)
            .select_related("round")
            .get(round=round_, household=household)
        )
    except Entitlement.DoesNotExist:
        entitlement = None
    _check_open((entitlement.round if entitlement is not None else round_).status)
    if entitlement is None or entitlement.awarded == 0:
        if entitlement is None:
            message = _("Household %(h)s is not on this round's list.")
        else:
            message = _("Household %(h)s is not served in this round: %(why)s")
        raise Refusal(
            message
            % {
                "h": household.label,
                "why": entitlement.explanation(get_language() or "es") if entitlement else "",
            },
            field="household",
            code="not_entitled",
        )
    return entitlement


def _round_held_open(round_: Round) -> None:
    """Inside a delivery's transaction: the round is still open and stays open until the
    delivery commits, so that a closing counts every delivery it lets in.

    On PostgreSQL a shared lock on the round's row makes ``round_close`` (which locks it for
    update) wait for the deliveries in flight, while deliveries never wait for each other.
    SQLite runs one writing transaction at a time: reading the status is enough.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT status FROM {Round._meta.db_table} WHERE id = %s FOR SHARE",  # noqa: S608
                [round_.pk],
            )
            row = cursor.fetchone()
        status = row[0] if row else None
    else:
        status = (
            Round.objects.of(round_.commune_id).values_list("status", flat=True).get(pk=round_.pk)
        )
    _check_open(status)


def _check_open(status: str | None) -> None:
    if status != RoundStatus.OPEN:
        raise Refusal(_("This round is not open: nothing can be delivered."))


def delivery_record(
    *,
    round: Round,
    household: Household,
    by: User,
    table: int = 1,
    collected_by: str = Collector.HEAD,
    proxy_name: str = "",
) -> Delivery:
    """Record that ``household`` received its award in ``round``; at most once, ever.

    Two tables may scan the same card at the same moment: both checks may pass, but the
    database's UNIQUE (round, household) lets only one insert in, and the other is told.
    The round's status is read again with the entitlement, not trusted from the caller's
    copy, so a table that loaded the round before it closed cannot deliver after the close.
    The writes (the delivery, and the removal of a reason recorded earlier) are one
    transaction; the checks before it only read, so they need none (nor a savepoint).
    """
    _check_open(round.status)
    if household.status != HouseholdStatus.ACTIVE:
        raise Refusal(
            _("This household has left the commune."), field="household", code="not_entitled"
        )
    proxy_name = " ".join(proxy_name.split())
    if collected_by not in Collector.values:
        raise Refusal(_("Say who collected."), field="collected_by")
    if collected_by == Collector.PROXY and not proxy_name:
        raise Refusal(_("Write the name of the person collecting."), field="proxy_name")
    if collected_by == Collector.HEAD:
        proxy_name = ""
    if not 1 <= table <= round.tables:
        raise Refusal(_("This round has tables 1 to %(n)d.") % {"n": round.tables}, field="table")
    entitlement = _household_in_round(round, household)
    try:
        with transaction.atomic():
            _round_held_open(round)
            delivery = Delivery.objects.create(
                round=round,
                household=household,
                quantity=entitlement.awarded,
                collected_by=collected_by,
                proxy_name=proxy_name,
                table=table,
                fee_minor=entitlement.awarded * round.programme.fee_minor,
                recorded_by=by,
            )
            NonDelivery.objects.of(round.commune_id).filter(
                round=round, household=household
            ).delete()
    except IntegrityError:
        raise Refusal(
            _("Household %(h)s already received in this round.") % {"h": household.label},
            field="household",
            code="already_delivered",
            status=409,
        ) from None
    return delivery


@transaction.atomic
def non_delivery_record(
    *, round: Round, household: Household, reason: str, by: User, note: str = ""
) -> NonDelivery:
    _check_open(round.status)
    if reason not in NonDeliveryReason.values:
        raise Refusal(_("Choose a reason."), field="reason")
    _household_in_round(round, household)
    if Delivery.objects.of(round.commune_id).filter(round=round, household=household).exists():
        raise Refusal(
            _("Household %(h)s already received in this round.") % {"h": household.label},
            code="already_delivered",
            status=409,
        )
    row, _created = NonDelivery.objects.update_or_create(
        round=round,
        household=household,
        defaults={"reason": reason, "note": note.strip()[:200], "recorded_by": by},
    )
    return row


@transaction.atomic
def round_close(*, round: Round, remaining_counted: int, by: User | None) -> Round:
    """Close the round with the stock counted after the day, and post the day to the books.

    A count that differs from stock in − delivered is recorded as counted and flagged to the
    comptroller on the reconciliation page; it is never adjusted here.
    """
    round_ = _lock_round(round)
    if round_.status != RoundStatus.OPEN:
        raise Refusal(_("Only an open round can be closed."))
    if not 0 <= remaining_counted <= round_.stock_received:
        raise Refusal(
            _("The stock counted must be between 0 and the %(n)d units received.")
            % {"n": round_.stock_received},
            field="remaining_counted",
        )
    round_.status = RoundStatus.CLOSED
    round_.remaining_counted = remaining_counted
    round_.closed_at = timezone.now()
    round_.save(update_fields=["status", "remaining_counted", "closed_at"])
    postings.round_day_post(round_=round_, author=by.username if by else "comuna")
    return round_
