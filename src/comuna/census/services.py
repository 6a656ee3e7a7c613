"""Every change to the census: one function each, in one transaction, checks beside it.

Each function records a ``CensusEvent`` so the census keeps its history; nothing is deleted.
Errors a person can fix raise ``Refusal`` with a message in their language.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.census import locks
from comuna.census.access import council_is_editable
from comuna.census.identity import (
    InvalidNationalId,
    clean_name,
    normalize_national_id,
    person_search_text,
)
from comuna.census.models import (
    CensusEvent,
    Council,
    EventKind,
    Household,
    HouseholdStatus,
    Person,
    PersonStatus,
    Sector,
)
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.users.actors import Actor
from comuna.users.models import User

EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)


def _today() -> dt.date:
    return timezone.localdate()


def check_national_id(
    raw: str | None, *, commune: Commune | int, exclude_person: Person | None = None
) -> str | None:
    """The ID number normalised, or ``Refusal`` when it is malformed or already taken in
    ``commune``. Another commune may hold the same number: an ID is unique per commune, and the
    federation, not this check, reconciles people registered in two."""
    try:
        national_id = normalize_national_id(raw)
    except InvalidNationalId:
        raise Refusal(
            _("“%(value)s” is not an ID number (V or E and up to nine digits).") % {"value": raw},
            field="national_id",
        ) from None
    if national_id is None:
        return None
    clash = Person.objects.of(commune).filter(national_id=national_id)
    if exclude_person is not None:
        clash = clash.exclude(pk=exclude_person.pk)
    if clash.exists():
        raise Refusal(
            _("ID number %(value)s is already in the census.") % {"value": national_id},
            field="national_id",
        )
    return national_id


def check_birth_date(birth_date: dt.date) -> None:
    if birth_date > _today():
        raise Refusal(_("The birth date is in the future."), field="birth_date")
    if birth_date < EARLIEST_BIRTH_DATE:
        raise Refusal(_("The birth date is before 1900."), field="birth_date")


def _check_name(first_names: str, last_names: str) -> tuple[str, str]:
    first, last = clean_name(first_names), clean_name(last_names)
    if not first:
        raise Refusal(_("The first names are missing."), field="first_names")
    if not last:
        raise Refusal(_("The last names are missing."), field="last_names")
    return first, last


def _check_sector(council: Council, sector: Sector | None) -> None:
    if sector is not None and sector.council_id != council.pk:
        raise Refusal(_("That sector belongs to another council."), field="sector")


def _check_reference_free(council: Council, reference: str, *, exclude: Household | None) -> str:
    reference = clean_name(reference)
    if not reference:
        raise Refusal(_("The household reference is missing."), field="reference")
    clash = council.households.filter(reference=reference)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        raise Refusal(
            _("Council %(council)s already has a household %(reference)s.")
            % {"council": council.code, "reference": reference},
            field="reference",
        )
    return reference


def _check_same_commune(destination: int, origin: int) -> None:
    """A move stays within the commune: leaving it is a departure, and the other commune
    registers the newcomers in its own census."""
    if destination != origin:
        raise Refusal(_("That destination is in another commune."))


def _check_destination(actor: Actor, council: Council, *, field: str) -> None:
    """A move lands only in a council whose census the actor keeps: a spokesperson moves
    people and households within her council; between councils is the administrator's."""
    if not council_is_editable(actor, council):
        raise Refusal(
            _(
                "You keep the census of your own council only: moving into %(council)s is "
                "done by the commune's administrator."
            )
            % {"council": council.code},
            field=field,
            code="other_council",
        )


def _check_active_household(household: Household) -> None:
    if household.status != HouseholdStatus.ACTIVE:
        raise Refusal(_("This household has left the commune."))


def _check_active_person(person: Person) -> None:
    if person.status != PersonStatus.ACTIVE:
        raise Refusal(
            _("%(name)s is no longer in the census (%(status)s).")
            % {"name": person.full_name, "status": person.get_status_display()}
        )


@transaction.atomic
def household_create(
    *,
    council: Council,
    reference: str,
    address: str,
    sector: Sector | None = None,
    by: User | None = None,
) -> Household:
    _check_sector(council, sector)
    reference = _check_reference_free(council, reference, exclude=None)
    address = clean_name(address)
    if not address:
        raise Refusal(_("The address is missing."), field="address")
    try:
        with transaction.atomic():
            household = Household.objects.create(
                council=council, sector=sector, reference=reference, address=address
            )
    except IntegrityError:
        # Another table registered the same reference between our check and our insert.
        raise Refusal(
            _("Council %(council)s already has a household %(reference)s.")
            % {"council": council.code, "reference": reference},
            field="reference",
        ) from None
    CensusEvent.objects.create(
        kind=EventKind.REGISTERED, occurred_on=_today(), household=household, recorded_by=by
    )
    return household


@transaction.atomic
def household_update(
    *,
    household: Household,
    address: str,
    sector: Sector | None,
    by: User | None = None,
    cylinders_10kg: int | None = None,
    cylinders_18kg: int | None = None,
    cylinders_43kg: int | None = None,
    piped_gas: bool | None = None,
) -> Household:
    """Change a household's address and sector, and its gas profile when given (None keeps it)."""
    household = locks.household_lock(household)
    _check_active_household(household)
    _check_sector(household.council, sector)
    address = clean_name(address)
    if not address:
        raise Refusal(_("The address is missing."), field="address")
    household.address = address
    household.sector = sector
    fields = ["address", "sector"]
    for name, count in (
        ("cylinders_10kg", cylinders_10kg),
        ("cylinders_18kg", cylinders_18kg),
        ("cylinders_43kg", cylinders_43kg),
    ):
        if count is None:
            continue
        if not 0 <= count <= 9:
            raise Refusal(_("A household uses between 0 and 9 cylinders."), field=name)
        setattr(household, name, count)
        fields.append(name)
    if piped_gas is not None:
        household.piped_gas = piped_gas
        fields.append("piped_gas")
    household.save(update_fields=fields)
    CensusEvent.objects.create(
        kind=EventKind.EDITED, occurred_on=_today(), household=household, recorded_by=by
    )
    return household


@transaction.atomic
def household_move(
    *,
    household: Household,
    council: Council,
    reference: str,
    address: str,
    actor: Actor,
    sector: Sector | None = None,
    on: dt.date | None = None,
    by: User | None = None,
) -> Household:
    """Move a whole household to another council (or another address in the same one), one
    whose census ``actor`` keeps."""
    household = locks.household_lock(household)
    _check_active_household(household)
    _check_same_commune(council.commune_id, household.commune_id)
    _check_destination(actor, council, field="council")
    _check_sector(council, sector)
    reference = _check_reference_free(council, reference, exclude=household)
    address = clean_name(address)
    if not address:
        raise Refusal(_("The address is missing."), field="address")
    from_council = household.council
    household.council, household.sector = council, sector
    household.reference, household.address = reference, address
    household.save(update_fields=["council", "sector", "reference", "address"])
    CensusEvent.objects.create(
        kind=EventKind.HOUSEHOLD_MOVED,
        occurred_on=on or _today(),
        household=household,
        from_council=from_council,
        to_council=council,
        recorded_by=by,
    )
    return household


@transaction.atomic
def household_leave(
    *, household: Household, on: dt.date | None = None, by: User | None = None
) -> Household:
    """The household left the commune: it and every member still here are marked, not deleted."""
    household = locks.household_lock(household)
    _check_active_household(household)
    day = on or _today()
    household.status, household.status_date = HouseholdStatus.DEPARTED, day
    household.save(update_fields=["status", "status_date"])
    household.members.filter(status=PersonStatus.ACTIVE).update(
        status=PersonStatus.DEPARTED, status_date=day
    )
    CensusEvent.objects.create(
        kind=EventKind.HOUSEHOLD_LEFT, occurred_on=day, household=household, recorded_by=by
    )
    return household


@transaction.atomic
def person_create(
    *,
    household: Household,
    first_names: str,
    last_names: str,
    birth_date: dt.date,
    national_id: str | None = None,
    sex: str = "",
    is_head: bool = False,
    disability: bool = False,
    pregnant: bool = False,
    chronic_illness: bool = False,
    by: User | None = None,
) -> Person:
    household = locks.household_lock(household)
    _check_active_household(household)
    first, last = _check_name(first_names, last_names)
    check_birth_date(birth_date)
    normalized_id = check_national_id(national_id, commune=household.commune_id)
    if is_head:
        household.members.filter(is_head=True).update(is_head=False)
    try:
        with transaction.atomic():
            person = Person.objects.create(
                household=household,
                first_names=first,
                last_names=last,
                national_id=normalized_id,
                birth_date=birth_date,
                sex=sex,
                is_head=is_head,
                disability=disability,
                pregnant=pregnant,
                chronic_illness=chronic_illness,
                search_text=person_search_text(first, last, normalized_id),
            )
    except IntegrityError:
        raise Refusal(
            _("ID number %(value)s is already in the census.") % {"value": normalized_id},
            field="national_id",
        ) from None
    CensusEvent.objects.create(
        kind=EventKind.REGISTERED,
        occurred_on=_today(),
        person=person,
        household=household,
        recorded_by=by,
    )
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    first_names: str,
    last_names: str,
    birth_date: dt.date,
    national_id: str | None,
    sex: str,
    is_head: bool,
    disability: bool,
    pregnant: bool,
    chronic_illness: bool,
    by: User | None = None,
) -> Person:
    locks.household_lock(person.household)
    person = locks.person_lock(person)
    _check_active_person(person)
    first, last = _check_name(first_names, last_names)
    check_birth_date(birth_date)
    normalized_id = check_national_id(national_id, commune=person.commune_id, exclude_person=person)
    if is_head and not person.is_head:
        person.household.members.filter(is_head=True).update(is_head=False)
    person.first_names, person.last_names = first, last
    person.birth_date, person.national_id, person.sex = birth_date, normalized_id, sex
    person.is_head, person.disability = is_head, disability
    person.pregnant, person.chronic_illness = pregnant, chronic_illness
    person.search_text = person_search_text(first, last, normalized_id)
    person.save(
        update_fields=[
            "first_names",
            "last_names",
            "birth_date",
            "national_id",
            "sex",
            "is_head",
            "disability",
            "pregnant",
            "chronic_illness",
            "search_text",
        ]
    )
    CensusEvent.objects.create(
        kind=EventKind.EDITED,
        occurred_on=_today(),
        person=person,
        household=person.household,
        recorded_by=by,
    )
    return person


@transaction.atomic
def person_move(
    *,
    person: Person,
    household: Household,
    actor: Actor,
    on: dt.date | None = None,
    by: User | None = None,
) -> Person:
    """Move a person to another household, in this council or another whose census ``actor``
    keeps (a spokesperson: her own council only)."""
    target = locks.household_lock(household)
    person = locks.person_lock(person)
    _check_active_person(person)
    _check_active_household(target)
    _check_same_commune(target.commune_id, person.commune_id)
    _check_destination(actor, target.council, field="household")
    if target.pk == person.household_id:
        raise Refusal(_("%(name)s already lives in that household.") % {"name": person})
    origin = person.household
    person.household, person.is_head = target, False
    person.save(update_fields=["household", "is_head"])
    CensusEvent.objects.create(
        kind=EventKind.PERSON_MOVED,
        occurred_on=on or _today(),
        person=person,
        household=target,
        from_household=origin,
        from_council_id=origin.council_id,
        to_council_id=target.council_id,
        recorded_by=by,
    )
    return person


def _person_close(
    *, person: Person, status: PersonStatus, kind: EventKind, on: dt.date | None, by: User | None
) -> Person:
    person = locks.person_lock(person)
    _check_active_person(person)
    day = on or _today()
    if day > _today():
        raise Refusal(_("The date is in the future."), field="on")
    if day < person.birth_date:
        raise Refusal(_("The date is before the birth date."), field="on")
    person.status, person.status_date = status, day
    person.save(update_fields=["status", "status_date"])
    CensusEvent.objects.create(
        kind=kind, occurred_on=day, person=person, household_id=person.household_id, recorded_by=by
    )
    return person


@transaction.atomic
def person_mark_deceased(
    *, person: Person, on: dt.date | None = None, by: User | None = None
) -> Person:
    return _person_close(
        person=person, status=PersonStatus.DECEASED, kind=EventKind.DIED, on=on, by=by
    )


@transaction.atomic
def person_mark_departed(
    *, person: Person, on: dt.date | None = None, by: User | None = None
) -> Person:
    return _person_close(
        person=person, status=PersonStatus.DEPARTED, kind=EventKind.PERSON_LEFT, on=on, by=by
    )


_COUNCIL_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,11}$")


def _check_council_fields(code: str, name: str) -> tuple[str, str]:
    code, name = code.strip().upper(), clean_name(name)
    if not _COUNCIL_CODE.match(code):
        raise Refusal(
            _("A council code is up to 12 letters, digits or dashes, e.g. CC01."), field="code"
        )
    if not name:
        raise Refusal(_("The name is missing."), field="name")
    return code, name


@transaction.atomic
def council_create(*, commune: Commune, code: str, name: str) -> Council:
    code, name = _check_council_fields(code, name)
    if Council.objects.of(commune).filter(code=code).exists():
        raise Refusal(_("There is already a council %(code)s.") % {"code": code}, field="code")
    return Council.objects.create(commune=commune, code=code, name=name)


@transaction.atomic
def council_update(*, council: Council, name: str) -> Council:
    _code, name = _check_council_fields(council.code, name)
    council.name = name
    council.save(update_fields=["name"])
    return council


@transaction.atomic
def sector_create(*, council: Council, name: str) -> Sector:
    name = clean_name(name)
    if not name:
        raise Refusal(_("The name is missing."), field="name")
    if council.sectors.filter(name=name).exists():
        raise Refusal(
            _("Council %(council)s already has a sector %(name)s.")
            % {"council": council.code, "name": name},
            field="name",
        )
    return Sector.objects.create(council=council, name=name)


@transaction.atomic
def sector_rename(*, sector: Sector, name: str) -> Sector:
    name = clean_name(name)
    if not name:
        raise Refusal(_("The name is missing."), field="name")
    if sector.council.sectors.filter(name=name).exclude(pk=sector.pk).exists():
        raise Refusal(
            _("Council %(council)s already has a sector %(name)s.")
            % {"council": sector.council.code, "name": name},
            field="name",
        )
    sector.name = name
    sector.save(update_fields=["name"])
    return sector
