"""Every write of the health work: one function each, in one transaction, checks beside it.

Two keys: an issue of medicine or a count is recorded by one login (``*_record``) and confirmed
by another (``*_confirm``); only the confirmation moves the stock. The witness is never the
issuer: checked here under the row's lock, and held by the database's check constraints.

Locks, in this order (``batch_lock``, then ``_row_lock``): the batch's row, so that two
confirmations of the same batch read its stock one after the other; then the issue's or
count's own row, so that two witnesses never confirm it twice. The ledger's services take the
commune's posting lock themselves, after these.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.census.models import Household, Person
from comuna.core.language import as_recorded
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.health import selectors
from comuna.health.models import (
    Appointment,
    AppointmentStatus,
    Batch,
    Clinic,
    ClinicDay,
    Discrepancy,
    Dispensation,
    HelpCase,
    Item,
    StockCount,
)
from comuna.ledger import chart
from comuna.ledger.services import entry_date_check, transfer_post
from comuna.users.models import User

# More units than a clinic receives or hands over at once: a typo.
MAX_QUANTITY = 1_000_000
MAX_HELP_CENTS = 10**12

_R = TypeVar("_R", Dispensation, StockCount)


def _text(value: str) -> str:
    return " ".join(value.split())


def _quantity_check(quantity: int, field: str = "quantity") -> None:
    if quantity <= 0:
        raise Refusal(_("The quantity must be at least one."), field=field, code="quantity")
    if quantity > MAX_QUANTITY:
        raise Refusal(_("That quantity is too large: check it."), field=field, code="quantity")


def item_create(*, commune: Commune, name: str, form: str = "", unit: str) -> Item:
    name, form, unit = _text(name), _text(form), _text(unit)
    if not name:
        raise Refusal(_("Give the item a name."), field="name")
    if not unit:
        raise Refusal(_("Say the unit it is counted in."), field="unit")
    if Item.objects.of(commune).filter(name__iexact=name).exists():
        raise Refusal(
            _("There is already an item named %(name)s.") % {"name": name},
            field="name",
            code="duplicate",
        )
    with transaction.atomic():
        return Item.objects.create(commune=commune, name=name, form=form, unit=unit)


def batch_receive(
    *,
    commune: Commune,
    item: Item | None,
    lot: str,
    expiry: dt.date,
    received: int,
    received_on: dt.date,
    supplier: str,
) -> Batch:
    """A lot of an item that arrived at the clinic."""
    if item is None or item.commune_id != commune.pk:
        raise Refusal(_("Choose an item from the list."), field="item", code="item")
    lot, supplier = _text(lot), _text(supplier)
    if not lot:
        raise Refusal(_("Write the lot number."), field="lot")
    if not supplier:
        raise Refusal(_("Say who sent it."), field="supplier")
    _quantity_check(received, "received")
    if received_on > timezone.localdate():
        raise Refusal(_("That date has not come yet."), field="received_on", code="future")
    if Batch.objects.of(commune).filter(item=item, lot__iexact=lot).exists():
        raise Refusal(
            _("Lot %(lot)s of %(item)s is already recorded.") % {"lot": lot, "item": item},
            field="lot",
            code="duplicate",
        )
    with transaction.atomic():
        return Batch.objects.create(
            commune=commune,
            item=item,
            lot=lot,
            expiry=expiry,
            received=received,
            received_on=received_on,
            supplier=supplier,
        )


def batch_lock(batch: Batch) -> Batch:
    """Take the batch's row lock (first of the locks) and read it afresh."""
    return Batch.objects.of(batch.commune_id).select_for_update().get(pk=batch.pk)


def _row_lock(row: _R) -> _R:
    return type(row).objects.of(row.commune_id).select_for_update().get(pk=row.pk)


def _batch_check(commune: Commune, batch: Batch | None) -> Batch:
    if batch is None or batch.commune_id != commune.pk:
        raise Refusal(_("Choose a batch from the list."), field="batch", code="batch")
    return batch


def _issuable_check(batch: Batch, quantity: int, on: dt.date) -> None:
    """Refused on an expired batch or more units than it holds (read under its lock)."""
    if batch.expiry < on:
        raise Refusal(
            _("Lot %(lot)s of %(item)s expired on %(date)s: it is not handed out.")
            % {"lot": batch.lot, "item": batch.item, "date": batch.expiry.isoformat()},
            field="batch",
            code="expired",
        )
    stock = selectors.batch_stock(batch)
    if quantity > stock:
        raise Refusal(
            _("Lot %(lot)s holds %(stock)s on record: %(quantity)s cannot be handed out.")
            % {"lot": batch.lot, "stock": stock, "quantity": quantity},
            field="quantity",
            code="beyond_stock",
        )


def _date_check(date: dt.date) -> None:
    if date > timezone.localdate():
        raise Refusal(_("That date has not come yet."), field="date", code="future")


def dispensation_record(
    *,
    commune: Commune,
    batch: Batch | None,
    person: Person | None,
    quantity: int,
    prescription: str,
    prescriber: str,
    date: dt.date,
    by: User,
) -> Dispensation:
    """Record medicine handed to ``person``; it waits for a witness before the stock moves.

    Refused on a batch of another commune, an expired batch, more units than the batch holds,
    a person not of the commune's census, or no prescription.
    """
    batch = _batch_check(commune, batch)
    if person is None or person.commune_id != commune.pk:
        raise Refusal(_("Choose the person from the census."), field="person", code="person")
    _quantity_check(quantity)
    prescription, prescriber = _text(prescription), _text(prescriber)
    if not prescription:
        raise Refusal(_("Write the prescription's reference."), field="prescription")
    if not prescriber:
        raise Refusal(_("Write who prescribed it."), field="prescriber")
    _date_check(date)
    with transaction.atomic():
        batch = batch_lock(batch)
        _issuable_check(batch, quantity, date)
        return Dispensation.objects.create(
            commune=commune,
            batch=batch,
            person=person,
            quantity=quantity,
            prescription=prescription,
            prescriber=prescriber,
            date=date,
            issuer=by,
        )


def _witness_check(row: Dispensation | StockCount, by: User) -> None:
    if row.confirmed_at is not None:
        raise Refusal(
            _("This was already confirmed by %(witness)s.")
            % {"witness": row.witness.get_username() if row.witness else ""},
            code="already_confirmed",
            status=409,
        )
    if row.issuer_id == by.pk:
        raise Refusal(
            _("You recorded this: a second person must confirm it as witness."),
            code="witness_is_issuer",
            status=403,
        )


def dispensation_confirm(*, dispensation: Dispensation, by: User) -> Dispensation:
    """The witness confirms an issue: the stock moves now. Refused when ``by`` recorded it,
    when it is already confirmed, or when the batch no longer holds the units or has expired.
    Takes the batch's lock, then the issue's."""
    with transaction.atomic():
        batch = batch_lock(dispensation.batch)
        row = _row_lock(dispensation)
        _witness_check(row, by)
        _issuable_check(batch, row.quantity, row.date)
        row.witness = by
        row.confirmed_at = timezone.now()
        row.save(update_fields=["witness", "confirmed_at"])
        return row


def count_record(
    *, commune: Commune, batch: Batch | None, counted: int, date: dt.date, by: User
) -> StockCount:
    """Record what was found of a batch on the shelf; it waits for a witness."""
    batch = _batch_check(commune, batch)
    if counted < 0:
        raise Refusal(_("A count cannot be negative."), field="counted", code="quantity")
    if counted > MAX_QUANTITY:
        raise Refusal(_("That quantity is too large: check it."), field="counted", code="quantity")
    _date_check(date)
    with transaction.atomic():
        return StockCount.objects.create(
            commune=commune, batch=batch, counted=counted, date=date, issuer=by
        )


def count_confirm(*, count: StockCount, by: User) -> StockCount:
    """The witness confirms a count: it is set against the record as it stands now, the stock
    takes the counted figure, and a difference opens a discrepancy for the comptroller."""
    with transaction.atomic():
        batch = batch_lock(count.batch)
        row = _row_lock(count)
        _witness_check(row, by)
        row.recorded = selectors.batch_stock(batch)
        row.witness = by
        row.confirmed_at = timezone.now()
        row.save(update_fields=["recorded", "witness", "confirmed_at"])
        if row.recorded != row.counted:
            Discrepancy.objects.create(commune_id=row.commune_id, count=row)
        return row


def discrepancy_close(*, discrepancy: Discrepancy, finding: str, by: User) -> Discrepancy:
    """The comptroller closes a discrepancy with what they found."""
    finding = finding.strip()
    if not finding:
        raise Refusal(_("Write the finding."), field="finding")
    with transaction.atomic():
        row = (
            Discrepancy.objects.of(discrepancy.commune_id)
            .select_for_update()
            .get(pk=discrepancy.pk)
        )
        if row.closed_at is not None:
            raise Refusal(_("This discrepancy is already closed."), code="closed", status=409)
        row.finding = finding
        row.closed_at = timezone.now()
        row.closed_by = by
        row.save(update_fields=["finding", "closed_at", "closed_by"])
        return row


def helpcase_open(
    *,
    commune: Commune,
    household: Household | None,
    person: Person | None,
    needed: str,
    amount_cents: int,
    opened_on: dt.date,
) -> HelpCase:
    """A family's need (gauze, gloves, antibiotics for an operation), to be paid from the
    emergency fund."""
    if household is None or household.commune_id != commune.pk:
        raise Refusal(_("Choose the household from the census."), field="household")
    if person is not None and person.household_id != household.pk:
        raise Refusal(_("That person does not live in this household."), field="person")
    needed = needed.strip()
    if not needed:
        raise Refusal(_("Say what is needed."), field="needed")
    if amount_cents <= 0 or amount_cents > MAX_HELP_CENTS:
        raise Refusal(_("Give an amount above zero."), field="amount", code="amount")
    _date_check(opened_on)
    with transaction.atomic():
        return HelpCase.objects.create(
            commune=commune,
            household=household,
            person=person,
            needed=needed,
            amount_cents=amount_cents,
            opened_on=opened_on,
        )


def helpcase_pay(*, case: HelpCase, date: dt.date, by: User) -> HelpCase:
    """Pay a help case from the emergency fund: the books' entry is kept on the case. Paying
    twice posts nothing more (the case's lock, and the entry's idempotency key)."""
    entry_date_check(date)
    with transaction.atomic():
        row = HelpCase.objects.of(case.commune_id).select_for_update().get(pk=case.pk)
        if row.entry_id is not None:
            raise Refusal(_("This help case is already paid."), code="paid", status=409)
        row.entry = transfer_post(
            commune=row.commune,
            debit=chart.EXPENSE_EMERGENCY_AID,
            credit=chart.EMERGENCY_FUND,
            amount=row.amount_cents,
            unit="VES",
            date=date,
            description=as_recorded(
                gettext_lazy("Health help case %(number)s"), number=str(row.pk)
            ),
            author=by.get_username(),
            idempotency_key=f"health:helpcase:{row.uuid}",
        )
        row.save(update_fields=["entry"])
        return row


def clinic_create(*, commune: Commune, name: str) -> Clinic:
    """A place where the committee attends, named once in the commune."""
    name = _text(name)
    if not name:
        raise Refusal(_("Give the clinic a name."), field="name")
    with transaction.atomic():
        if Clinic.objects.of(commune).filter(name__iexact=name).exists():
            raise Refusal(
                _("The commune already has a clinic called %(name)s.") % {"name": name},
                field="name",
                code="duplicate",
            )
        return Clinic.objects.create(commune=commune, name=name)


def clinicday_create(
    *, clinic: Clinic | None, date: dt.date, by: User, notes: str = ""
) -> ClinicDay:
    """A day the clinic attends; ``by``, who plans it, attends it (others join it with
    ``clinicday_attend``)."""
    if clinic is None:
        raise Refusal(_("Choose the clinic."), field="clinic")
    if ClinicDay.objects.of(clinic.commune_id).filter(clinic=clinic, date=date).exists():
        raise Refusal(
            _("%(clinic)s already has a day on %(date)s.")
            % {"clinic": clinic, "date": date.isoformat()},
            field="date",
            code="duplicate",
        )
    with transaction.atomic():
        day = ClinicDay.objects.create(
            commune_id=clinic.commune_id, clinic=clinic, date=date, notes=_text(notes)
        )
        day.attendants.add(by)
        return day


def clinicday_attend(*, day: ClinicDay, by: User) -> ClinicDay:
    """``by`` attends the clinic day too (once, however often they say so)."""
    with transaction.atomic():
        day.attendants.add(by)
        return day


def appointment_book(
    *, day: ClinicDay, person: Person | None, time: dt.time | None, reason: str
) -> Appointment:
    """A person of the census booked on a clinic day at ``time``, or on its waiting list."""
    if person is None or person.commune_id != day.commune_id:
        raise Refusal(_("Choose the person from the census."), field="national_id")
    reason = _text(reason)
    if not reason:
        raise Refusal(_("Say why they come."), field="reason")
    if Appointment.objects.of(day.commune_id).filter(day=day, person=person).exists():
        raise Refusal(
            _("%(person)s is already on this day's list.") % {"person": person.full_name},
            field="national_id",
            code="duplicate",
        )
    status = AppointmentStatus.BOOKED if time is not None else AppointmentStatus.WAITING
    with transaction.atomic():
        return Appointment.objects.create(
            commune_id=day.commune_id,
            day=day,
            person=person,
            time=time,
            reason=reason,
            status=status,
        )


def appointment_status_set(*, appointment: Appointment, status: str) -> Appointment:
    """Mark an appointment attended or missed (a waiting one is attended when seen)."""
    if status not in (AppointmentStatus.ATTENDED, AppointmentStatus.MISSED):
        raise Refusal(_("Choose attended or missed."), field="status")
    with transaction.atomic():
        row = (
            Appointment.objects.of(appointment.commune_id)
            .select_for_update()
            .get(pk=appointment.pk)
        )
        row.status = status
        row.save(update_fields=["status"])
        return row
