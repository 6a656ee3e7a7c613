"""Every write of the incidents: one function each, in one transaction, checks beside it.

A report takes the next number of its commune: the unique (commune, number) constraint
refuses a second report that read the same last number, and the report retries inside a
savepoint, so two reports at once never share a number. Every change of status, priority or
brigade writes an ``IncidentEvent`` (who, when) in the same transaction. A work log that takes
a material from the store posts it to the books (stock → used in repairs), refused when the
store holds less. Refusals raise ``Refusal`` with a message in the reader's language and
change nothing.

Locks, in this order: the incident's row (``incident_lock``), then the commune's posting
lock, which the ledger's services take themselves.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.brigades.models import Brigade
from comuna.census.models import Council, Household, HouseholdStatus, Person, Sector
from comuna.core.language import as_recorded
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.incidents.kinds import STANDARD_KINDS
from comuna.incidents.models import (
    OPEN_STATUSES,
    Incident,
    IncidentEvent,
    IncidentKind,
    IncidentPhoto,
    IncidentPriority,
    IncidentStatus,
    RepairMaterial,
    WorkLog,
)
from comuna.ledger.models import Account, AccountKind
from comuna.ledger.services import account_open, entry_date_check, transfer_post
from comuna.users.models import User

MAX_PHOTOS = 5
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
# Units a repair material may be kept in (the books' units in kind).
MATERIAL_UNITS = ("KG", "L")
_CLOSED = (IncidentStatus.RESOLVED, IncidentStatus.DISMISSED)


def kinds_seed(commune: Commune) -> None:
    """Give ``commune`` the standard kinds it lacks (run when a commune is created)."""
    have = set(IncidentKind.objects.of(commune).values_list("code", flat=True))
    IncidentKind.objects.bulk_create(
        IncidentKind(commune=commune, code=code, name=name, standard=True)
        for code, name in STANDARD_KINDS
        if code not in have
    )


def kind_create(*, commune: Commune, name: str) -> IncidentKind:
    """A kind of incident of the commune's own, beside the standard ones."""
    name = " ".join(name.split())
    if not name:
        raise Refusal(_("Give the kind a name."), field="name")
    taken = [k.display_name.casefold() for k in IncidentKind.objects.of(commune)]
    if name.casefold() in taken:
        raise Refusal(
            _("There is already a kind named %(name)s.") % {"name": name},
            field="name",
            code="duplicate",
        )
    code = f"c-{uuid.uuid4().hex[:10]}"
    with transaction.atomic():
        return IncidentKind.objects.create(commune=commune, code=code, name=name[:100])


def households_in_sector(commune: Commune, sector: Sector | None) -> int:
    """Active households of a sector in the census: what a report affects unless told."""
    if sector is None:
        return 0
    return (
        Household.objects.of(commune).filter(sector=sector, status=HouseholdStatus.ACTIVE).count()
    )


def _event(
    incident: Incident,
    *,
    by: User | None,
    at: dt.datetime,
    note: str = "",
    priority: str = "",
    brigade: Brigade | None = None,
) -> IncidentEvent:
    return IncidentEvent.objects.create(
        incident=incident,
        at=at,
        by=by,
        status=incident.status,
        priority=priority,
        brigade=brigade,
        note=note[:300],
    )


def _place_check(
    commune: Commune,
    council: Council | None,
    sector: Sector | None,
    household: Household | None,
) -> Council:
    if council is None or council.commune_id != commune.pk:
        raise Refusal(_("Choose the council where it happened."), field="council")
    if sector is not None and sector.council_id != council.pk:
        raise Refusal(_("That sector is not in the council chosen."), field="sector")
    if household is not None and household.council_id != council.pk:
        raise Refusal(_("That household is not in the council chosen."), field="household")
    return council


def _point_check(latitude: Decimal | None, longitude: Decimal | None) -> None:
    if (latitude is None) != (longitude is None):
        raise Refusal(_("Give both the latitude and the longitude, or neither."), field="latitude")
    if latitude is not None and not Decimal(-90) <= latitude <= Decimal(90):
        raise Refusal(_("A latitude is between -90 and 90."), field="latitude")
    if longitude is not None and not Decimal(-180) <= longitude <= Decimal(180):
        raise Refusal(_("A longitude is between -180 and 180."), field="longitude")


def incident_report(
    *,
    commune: Commune,
    kind: IncidentKind | None,
    council: Council | None,
    sector: Sector | None = None,
    household: Household | None = None,
    address: str,
    description: str,
    since: dt.date,
    households_affected: int | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    by: User | None = None,
    reporter: Person | None = None,
    at: dt.datetime | None = None,
) -> Incident:
    """Record an incident with the next number of the commune and its first event.

    ``households_affected`` None counts the active households of the sector. Refused on a
    kind or place of another commune, a sector or household outside the council, a date
    after today, an empty description or address, a point with one coordinate only.
    """
    if kind is None or kind.commune_id != commune.pk:
        raise Refusal(_("Choose what failed."), field="kind")
    council = _place_check(commune, council, sector, household)
    address, description = " ".join(address.split()), description.strip()
    if not address:
        raise Refusal(_("Write the address where it happened."), field="address")
    if not description:
        raise Refusal(_("Say what happened."), field="description")
    if since > timezone.localdate():
        raise Refusal(_("The date it started cannot be in the future."), field="since")
    _point_check(latitude, longitude)
    if households_affected is None:
        households_affected = households_in_sector(commune, sector)
    if households_affected < 0:
        raise Refusal(_("The households affected cannot be negative."), field="households")
    at = at or timezone.now()
    for attempt in range(20):
        try:
            with transaction.atomic():
                last = Incident.objects.of(commune).aggregate(n=Max("number"))["n"] or 0
                incident = Incident.objects.create(
                    commune=commune,
                    number=last + 1,
                    kind=kind,
                    council=council,
                    sector=sector,
                    household=household,
                    address=address[:200],
                    description=description[:4000],
                    since=since,
                    households_affected=households_affected,
                    latitude=latitude,
                    longitude=longitude,
                    reported_by=by,
                    reporter=reporter,
                    reported_at=at,
                )
                _event(incident, by=by, at=at)
                return incident
        except IntegrityError:
            # Another report took the number: read the last one again.
            if attempt == 19:
                raise
    raise AssertionError("unreachable")


def incident_lock(incident: Incident) -> Incident:
    """Take the incident's row lock (first, before the posting lock) and read it afresh."""
    return Incident.objects.of(incident.commune_id).select_for_update().get(pk=incident.pk)


def incident_triage(
    *, incident: Incident, priority: str, by: User | None, note: str = ""
) -> Incident:
    """Set the priority of a reported incident; a reported one becomes triaged."""
    if priority not in IncidentPriority.values:
        raise Refusal(_("Choose a priority."), field="priority")
    with transaction.atomic():
        incident = incident_lock(incident)
        if incident.status in _CLOSED:
            raise Refusal(_("This incident is closed."), code="closed", status=409)
        incident.priority = priority
        if incident.status == IncidentStatus.REPORTED:
            incident.status = IncidentStatus.TRIAGED
        incident.save(update_fields=["priority", "status"])
        _event(incident, by=by, at=timezone.now(), priority=priority, note=note)
        return incident


def incident_assign(
    *, incident: Incident, brigade: Brigade | None, by: User | None, note: str = ""
) -> Incident:
    """Hand the incident to a brigade of its commune (again, to change brigade)."""
    if brigade is None or brigade.commune_id != incident.commune_id or not brigade.active:
        raise Refusal(_("Choose a brigade of the commune."), field="brigade")
    with transaction.atomic():
        incident = incident_lock(incident)
        if incident.status in _CLOSED:
            raise Refusal(_("This incident is closed."), code="closed", status=409)
        now = timezone.now()
        incident.brigade = brigade
        if incident.assigned_at is None:
            incident.assigned_at = now
        if incident.status in (IncidentStatus.REPORTED, IncidentStatus.TRIAGED):
            incident.status = IncidentStatus.ASSIGNED
        incident.save(update_fields=["brigade", "assigned_at", "status"])
        _event(incident, by=by, at=now, brigade=brigade, note=note)
        return incident


# Where each status may go next.
_NEXT: dict[str, tuple[str, ...]] = {
    IncidentStatus.REPORTED: (IncidentStatus.TRIAGED, IncidentStatus.DISMISSED),
    IncidentStatus.TRIAGED: (IncidentStatus.DISMISSED,),
    IncidentStatus.ASSIGNED: (IncidentStatus.IN_PROGRESS, IncidentStatus.RESOLVED),
    IncidentStatus.IN_PROGRESS: (IncidentStatus.RESOLVED,),
    IncidentStatus.RESOLVED: (IncidentStatus.IN_PROGRESS,),
    IncidentStatus.DISMISSED: (IncidentStatus.REPORTED,),
}


def next_statuses(incident: Incident) -> tuple[str, ...]:
    return _NEXT.get(incident.status, ())


def incident_status_set(
    *,
    incident: Incident,
    status: str,
    by: User | None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Incident:
    """Move the incident to ``status``: being worked on, resolved, dismissed, or reopened.

    Refused on a step the incident cannot take from where it stands (a reported incident is
    assigned before it is resolved). Resolving records the time; reopening clears it.
    """
    with transaction.atomic():
        incident = incident_lock(incident)
        if status not in _NEXT.get(incident.status, ()):
            raise Refusal(
                _("An incident that is “%(now)s” cannot become “%(next)s”.")
                % {
                    "now": IncidentStatus(incident.status).label,
                    "next": IncidentStatus(status).label
                    if status in IncidentStatus.values
                    else status,
                },
                field="status",
                code="status",
                status=409,
            )
        at = at or timezone.now()
        incident.status = status
        incident.resolved_at = max(at, incident.reported_at) if status in _CLOSED else None
        incident.save(update_fields=["status", "resolved_at"])
        _event(incident, by=by, at=at, note=note)
        return incident


def _next_code(commune: Commune, group: str) -> str:
    taken = (
        Account.objects.of(commune).filter(code__startswith=group).values_list("code", flat=True)
    )
    numbers = [int(code[len(group) :]) for code in taken if code[len(group) :].isdigit()]
    return f"{group}{max(numbers, default=0) + 1:02d}"


_ACCOUNT_NAMES = {
    "received": gettext_lazy("Received for repairs: %(material)s"),
    "stock": gettext_lazy("Stock: %(material)s for repairs"),
    "used": gettext_lazy("Used in repairs: %(material)s"),
}


def repair_material_create(*, commune: Commune, name: str, unit: str) -> RepairMaterial:
    """A material of the store for repairs, with its three accounts opened in the books."""
    name = " ".join(name.split())
    if not name:
        raise Refusal(_("Give the material a name."), field="name")
    if unit not in MATERIAL_UNITS:
        raise Refusal(_("Choose the unit it is counted in."), field="unit")
    if RepairMaterial.objects.of(commune).filter(name__iexact=name).exists():
        raise Refusal(
            _("There is already a material named %(name)s.") % {"name": name},
            field="name",
            code="duplicate",
        )
    with transaction.atomic():
        codes: dict[str, str] = {}
        for purpose, group, kind, floor in (
            ("received", "4.2.", AccountKind.INCOME, None),
            ("stock", "1.4.", AccountKind.ASSET, 0),
            ("used", "5.2.", AccountKind.EXPENSE, None),
        ):
            codes[purpose] = _next_code(commune, group)
            account_open(
                commune=commune,
                code=codes[purpose],
                name=as_recorded(_ACCOUNT_NAMES[purpose], material=name)[:150],
                kind=kind,
                unit=unit,
                floor=floor,
            )
        return RepairMaterial.objects.create(
            commune=commune,
            name=name[:100],
            unit=unit,
            received_account=codes["received"],
            stock_account=codes["stock"],
            used_account=codes["used"],
        )


def repair_material_receive(
    *,
    material: RepairMaterial,
    quantity: int,
    date: dt.date,
    source: str,
    by: User | None,
) -> None:
    """Put ``quantity`` (minor units) of the material into the store, posted to the books."""
    if quantity <= 0:
        raise Refusal(_("The quantity must be more than zero."), field="quantity")
    source = " ".join(source.split())
    if not source:
        raise Refusal(_("Say where it came from."), field="source")
    entry_date_check(date)
    transfer_post(
        commune=material.commune,
        debit=material.stock_account,
        credit=material.received_account,
        amount=quantity,
        unit=material.unit,
        date=date,
        description=as_recorded(
            gettext_lazy("%(material)s received from %(source)s"),
            material=material.name,
            source=source,
        )[:300],
        author=by.get_username() if by is not None else "comuna",
    )


def worklog_record(
    *,
    incident: Incident,
    date: dt.date,
    hours: Decimal,
    people: int,
    done: str,
    material: RepairMaterial | None = None,
    quantity: int = 0,
    by: User | None,
) -> WorkLog:
    """Record a day's work on an incident; a material taken from the store is posted out of
    its stock into what was used in repairs, refused when the store holds less.

    Refused on a closed or unassigned incident, hours not in (0, 24], no people, nothing
    said, a date before the incident or after today, a material of another commune or a
    material without a quantity.
    """
    done = done.strip()
    if not done:
        raise Refusal(_("Say what was done."), field="done")
    if not Decimal(0) < hours <= Decimal(24):
        raise Refusal(_("Hours are more than 0 and at most 24 for a day."), field="hours")
    if people < 1:
        raise Refusal(_("At least one person did the work."), field="people")
    if date > timezone.localdate():
        raise Refusal(_("The date of the work cannot be in the future."), field="date")
    if material is not None and material.commune_id != incident.commune_id:
        raise Refusal(_("Choose a material from the list."), field="material")
    if (material is None) != (quantity <= 0):
        raise Refusal(
            _("Give the quantity of the material taken, or no material."), field="quantity"
        )
    with transaction.atomic():
        incident = incident_lock(incident)
        if incident.status not in OPEN_STATUSES or incident.brigade_id is None:
            raise Refusal(
                _("Work is logged on an open incident assigned to a brigade."),
                code="not_assigned",
                status=409,
            )
        if date < incident.reported_at.date() - dt.timedelta(days=1):
            raise Refusal(_("The work cannot be dated before the report."), field="date")
        entry = None
        if material is not None:
            entry = transfer_post(
                commune=incident.commune,
                debit=material.used_account,
                credit=material.stock_account,
                amount=quantity,
                unit=material.unit,
                date=date,
                description=as_recorded(
                    gettext_lazy("%(material)s used on %(incident)s"),
                    material=material.name,
                    incident=incident.reference,
                )[:300],
                author=by.get_username() if by is not None else "comuna",
                reference=incident.reference,
            )
        log = WorkLog.objects.create(
            incident=incident,
            date=date,
            hours=hours,
            people=people,
            done=done[:2000],
            material=material,
            quantity=quantity if material is not None else 0,
            entry=entry,
            by=by,
            recorded_at=timezone.now(),
        )
        if incident.status == IncidentStatus.ASSIGNED:
            incident.status = IncidentStatus.IN_PROGRESS
            incident.save(update_fields=["status"])
            _event(incident, by=by, at=log.recorded_at)
        return log


def photos_root() -> Path:
    return Path(settings.COMUNA_HOME) / "incidents"


def incident_photo_add(*, incident: Incident, content: bytes, by: User | None) -> IncidentPhoto:
    """Keep a photo of the incident, checked to be a real image (Pillow) of at most 5 MB.

    Refused beyond ``MAX_PHOTOS`` photos, a file too big, or one that is not a JPEG, PNG or
    WebP image. The file is written before the row, and removed if the row is refused.
    """
    from PIL import Image, UnidentifiedImageError

    if len(content) > MAX_PHOTO_BYTES:
        raise Refusal(_("A photo is at most 5 MB: send a smaller one."), field="photo")
    try:
        with Image.open(BytesIO(content)) as image:
            image.verify()
            found = image.format
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        found = None
    if found not in PHOTO_FORMATS:
        raise Refusal(_("That file is not a photo (JPEG, PNG or WebP)."), field="photo")
    extension, content_type = PHOTO_FORMATS[found]
    relative = f"{incident.commune_id}/{incident.pk}/{uuid.uuid4().hex}.{extension}"
    target = photos_root() / relative
    with transaction.atomic():
        incident = incident_lock(incident)
        if (
            IncidentPhoto.objects.of(incident.commune_id).filter(incident=incident).count()
            >= MAX_PHOTOS
        ):
            raise Refusal(
                _("An incident keeps at most %(n)s photos.") % {"n": MAX_PHOTOS},
                field="photo",
                code="too_many",
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        try:
            return IncidentPhoto.objects.create(
                incident=incident,
                path=relative,
                content_type=content_type,
                size=len(content),
                uploaded_by=by,
                uploaded_at=timezone.now(),
            )
        except Exception:
            target.unlink(missing_ok=True)
            raise
