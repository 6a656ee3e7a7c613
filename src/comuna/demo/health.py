"""The demo commune's health work: the Ambulatorio's clinic days of the last three months,
a stock of some twenty medicines and supplies in batches (some expired, some expiring soon),
issues recorded by ``enfermera`` or ``promotora`` and witnessed by the other, monthly counts
with exactly one discrepancy waiting for the comptroller, one issue waiting for its witness,
and a few help cases paid from the emergency fund."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from comuna.census.models import Person
from comuna.core.models import Commune
from comuna.health import services
from comuna.health.models import (
    Appointment,
    AppointmentStatus,
    Batch,
    Clinic,
    ClinicDay,
    Discrepancy,
    Dispensation,
    Item,
    StockCount,
)
from comuna.users.models import User

ITEMS = (
    ("Acetaminofén 500 mg", "tabletas", "tableta"),
    ("Ibuprofeno 400 mg", "tabletas", "tableta"),
    ("Amoxicilina 500 mg", "cápsulas", "cápsula"),
    ("Azitromicina 500 mg", "tabletas", "tableta"),
    ("Losartán 50 mg", "tabletas", "tableta"),
    ("Enalapril 10 mg", "tabletas", "tableta"),
    ("Metformina 850 mg", "tabletas", "tableta"),
    ("Glibenclamida 5 mg", "tabletas", "tableta"),
    ("Salbutamol inhalador", "inhalador", "inhalador"),
    ("Loratadina 10 mg", "tabletas", "tableta"),
    ("Omeprazol 20 mg", "cápsulas", "cápsula"),
    ("Sales de rehidratación oral", "sobres", "sobre"),
    ("Ácido fólico 5 mg", "tabletas", "tableta"),
    ("Sulfato ferroso 300 mg", "tabletas", "tableta"),
    ("Complejo B", "ampollas", "ampolla"),
    ("Gasa estéril 10x10", "paquetes", "paquete"),
    ("Guantes de látex", "cajas", "par"),
    ("Jeringas 5 ml", "unidades", "jeringa"),
    ("Alcohol 70 %", "frascos", "frasco"),
    ("Solución fisiológica 500 ml", "bolsas", "bolsa"),
)
SUPPLIERS = ("Ministerio de Salud, Lara", "Farmacia de alto costo", "Donación parroquial")
PRESCRIBERS = ("Dra. Medina (CDI)", "Dr. Colmenárez (CDI)", "Dra. Yépez (Ambulatorio)")
REASONS = ("Control de tensión", "Control de niño sano", "Fiebre", "Curas", "Control prenatal")
MONTHS = 3


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def health_demo_build(
    commune: Commune,
    rng: random.Random,
    *,
    today: dt.date,
    nurse: User,
    promoter: User,
    admin: User,
) -> None:
    """The commune's health work, recorded by ``nurse`` and ``promoter`` (the ``enfermera``
    and ``promotora`` logins of this commune), its help cases paid by ``admin``."""
    start = today - dt.timedelta(days=MONTHS * 30)
    people = list(Person.objects.of(commune).order_by("pk").values_list("pk", flat=True)[:3000])
    clinic = Clinic.objects.create(commune=commune, name="Ambulatorio Comunal")
    _clinic_days(clinic, rng, people, start=start, today=today, staff=(nurse, promoter))
    items = Item.objects.bulk_create(
        Item(commune=commune, name=name, form=form, unit=unit) for name, form, unit in ITEMS
    )
    batches: list[Batch] = []
    for n, item in enumerate(items):
        old_expiry = today + dt.timedelta(days=rng.choice((-20, 25, 45, 200, 300)))
        batches.append(
            Batch(
                commune=commune,
                item=item,
                lot=f"L{today.year - 1}-{n:03d}",
                expiry=old_expiry,
                received=rng.randint(20, 60) * 10,
                received_on=start - dt.timedelta(days=rng.randint(5, 60)),
                supplier=rng.choice(SUPPLIERS),
            )
        )
        batches.append(
            Batch(
                commune=commune,
                item=item,
                lot=f"L{today.year}-{n:03d}",
                expiry=today + dt.timedelta(days=rng.randint(300, 700)),
                received=rng.randint(20, 60) * 10,
                received_on=start + dt.timedelta(days=rng.randint(20, 60)),
                supplier=rng.choice(SUPPLIERS),
            )
        )
    Batch.objects.bulk_create(batches)
    _issues_and_counts(
        commune, rng, batches, people, start=start, today=today, staff=(nurse, promoter)
    )
    _help_cases(commune, rng, people, today=today, admin=admin)


def _clinic_days(
    clinic: Clinic,
    rng: random.Random,
    people: list[int],
    *,
    start: dt.date,
    today: dt.date,
    staff: tuple[User, User],
) -> None:
    days = [
        ClinicDay(commune_id=clinic.commune_id, clinic=clinic, date=start + dt.timedelta(days=n))
        for n in range((today - start).days + 8)
        if (start + dt.timedelta(days=n)).weekday() in (1, 3)
    ]
    ClinicDay.objects.bulk_create(days)
    through = ClinicDay.attendants.through
    through.objects.bulk_create(
        through(clinicday_id=day.pk, user_id=user.pk) for day in days for user in staff
    )
    appointments = []
    for day in days:
        chosen = rng.sample(people, rng.randint(6, 12))
        for n, person in enumerate(chosen):
            waiting = n >= len(chosen) - 2 and day.date >= today
            if day.date >= today:
                status = AppointmentStatus.WAITING if waiting else AppointmentStatus.BOOKED
            else:
                status = rng.choices(
                    (AppointmentStatus.ATTENDED, AppointmentStatus.MISSED), (9, 1)
                )[0]
            appointments.append(
                Appointment(
                    commune_id=clinic.commune_id,
                    day=day,
                    person_id=person,
                    time=None if waiting else dt.time(8 + n // 3, (n % 3) * 20),
                    reason=rng.choice(REASONS),
                    status=status,
                )
            )
    Appointment.objects.bulk_create(appointments)


def _issues_and_counts(
    commune: Commune,
    rng: random.Random,
    batches: list[Batch],
    people: list[int],
    *,
    start: dt.date,
    today: dt.date,
    staff: tuple[User, User],
) -> None:
    """Issues on the clinic's days, each witnessed by the other login; a count of every batch
    at each month's end; the last month's count of one batch three units short."""
    stock = {batch.pk: 0 for batch in batches}
    issues: list[Dispensation] = []
    counts: list[StockCount] = []
    short: StockCount | None = None
    month_ends = {
        (today.replace(day=1) - dt.timedelta(days=30 * back)).replace(day=1) - dt.timedelta(days=1)
        for back in range(MONTHS)
    }
    day = start
    while day < today:
        for batch in batches:
            if batch.received_on == day:
                stock[batch.pk] += batch.received
        if day.weekday() in (1, 3):
            held = [
                b for b in batches if stock[b.pk] > 0 and b.expiry >= day and b.received_on <= day
            ]
            for _n in range(rng.randint(3, 7)):
                if not held:
                    break
                batch = rng.choice(held)
                quantity = min(stock[batch.pk], rng.choice((1, 2, 5, 10, 14, 20)))
                issuer, witness = rng.sample(staff, 2)
                stock[batch.pk] -= quantity
                issues.append(
                    Dispensation(
                        commune=commune,
                        batch=batch,
                        person_id=rng.choice(people),
                        quantity=quantity,
                        prescription=f"R-{day:%m%d}-{len(issues):03d}",
                        prescriber=rng.choice(PRESCRIBERS),
                        date=day,
                        issuer=issuer,
                        witness=witness,
                        confirmed_at=_at(day, 11),
                    )
                )
        if day in month_ends:
            last = day == max(month_ends)
            for batch in batches:
                if stock[batch.pk] <= 0 or batch.received_on > day:
                    continue
                counted = stock[batch.pk]
                if last and short is None and counted > 10:
                    counted -= 3
                issuer, witness = rng.sample(staff, 2)
                count = StockCount(
                    commune=commune,
                    batch=batch,
                    counted=counted,
                    recorded=stock[batch.pk],
                    date=day,
                    issuer=issuer,
                    witness=witness,
                    confirmed_at=_at(day, 16),
                )
                if counted != stock[batch.pk]:
                    short = count
                stock[batch.pk] = counted
                counts.append(count)
        day += dt.timedelta(days=1)
    Dispensation.objects.bulk_create(issues)
    StockCount.objects.bulk_create(counts)
    if short is not None:
        Discrepancy.objects.create(commune=commune, count=short)
    # One issue of today, waiting for promotora to witness it.
    waiting = next(b for b in batches if stock[b.pk] > 5 and b.expiry > today)
    Dispensation.objects.create(
        commune=commune,
        batch=waiting,
        person_id=people[0],
        quantity=2,
        prescription=f"R-{today:%m%d}-000",
        prescriber=PRESCRIBERS[0],
        date=today,
        issuer=staff[0],
    )


def _help_cases(
    commune: Commune, rng: random.Random, people: list[int], *, today: dt.date, admin: User
) -> None:
    needs = (
        "Gasas, guantes y antibióticos para una operación de vesícula",
        "Insulina y tiras reactivas por un mes",
        "Pañales y material de curas para un adulto mayor encamado",
    )
    for n, needed in enumerate(needs):
        person = Person.objects.of(commune).select_related("household").get(pk=rng.choice(people))
        case = services.helpcase_open(
            commune=commune,
            household=person.household,
            person=person,
            needed=needed,
            amount_cents=rng.randint(120, 350) * 100,
            opened_on=today - dt.timedelta(days=10 - 3 * n),
        )
        if n < 2:
            services.helpcase_pay(case=case, date=today, by=admin)
