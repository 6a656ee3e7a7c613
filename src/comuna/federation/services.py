"""Every write of the federation: its levels, officers, communes' places and keys,
registrations and identity flags. Each is one function in one transaction, its checks beside it.
"""

from __future__ import annotations

import hashlib
import re
import uuid as uuid_module
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import DEFAULT_DB_ALIAS, IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.census.models import Person
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.services import commune_create
from comuna.federation.models import (
    ACTA_MAX_BYTES,
    CommuneKey,
    CommuneTally,
    CommuneUnit,
    IdentityFlag,
    Officer,
    Registration,
    RegistrationSpokesperson,
    RegistrationStatus,
    Unit,
)
from comuna.federation.selectors import commune_counts, tallies_stale
from comuna.users.models import User

PUBLIC_KEY_BYTES = 32
# Words a level's code may not be: they name the federation's other pages (``urls.py``).
RESERVED_CODES = ("registro", "registros", "identidad", "comunas")
# Below each level, the level its parent must be.
_PARENT_LEVEL = {Unit.Level.CITY: Unit.Level.STATE, Unit.Level.STATE: Unit.Level.NATION}


def unit_create(*, code: str, name: str, level: str, parent: Unit | None = None) -> Unit:
    """A level of the federation: the nation (with no parent), a state in the nation, a
    communal city in a state."""
    code, name = code.strip().lower(), name.strip()
    if not code or not name:
        raise Refusal(_("A level needs a code and a name."), field="code")
    if code in RESERVED_CODES or not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", code):
        raise Refusal(
            _("“%(code)s” cannot be a level's code: use letters, digits and hyphens.")
            % {"code": code},
            field="code",
        )
    if level not in Unit.Level.values:
        raise Refusal(_("The level must be city, state or nation."), field="level")
    expected = _PARENT_LEVEL.get(Unit.Level(level))
    if expected is None and parent is not None:
        raise Refusal(_("The nation is part of no other level."), field="parent")
    if expected is not None and (parent is None or parent.level != expected):
        raise Refusal(
            _("A %(level)s must be part of a %(parent)s.")
            % {"level": Unit.Level(level).label, "parent": expected.label},
            field="parent",
        )
    try:
        with transaction.atomic():
            return Unit.objects.create(code=code, name=name, level=level, parent=parent)
    except IntegrityError:
        raise Refusal(
            _("There is already a level with code %(code)s.") % {"code": code},
            field="code",
            code="duplicate",
        ) from None


def commune_place(*, commune: Commune, unit: Unit) -> CommuneUnit:
    """Place ``commune`` in the communal city ``unit`` (moving it if it was in another)."""
    if unit.level != Unit.Level.CITY:
        raise Refusal(_("A commune is placed in a communal city."), field="unit")
    with transaction.atomic():
        placed, _created = CommuneUnit.objects.update_or_create(
            commune=commune, defaults={"unit": unit}
        )
        return placed


def officer_add(*, user: User, unit: Unit) -> Officer:
    """Make ``user`` an officer of ``unit`` (nothing changes when they already are)."""
    if not user.is_active:
        raise Refusal(_("That login is not active."), field="user")
    with transaction.atomic():
        officer, _created = Officer.objects.get_or_create(user=user, unit=unit)
        return officer


def officer_remove(*, user: User, unit: Unit) -> bool:
    """``user`` no longer acts for ``unit``; whether they did."""
    with transaction.atomic():
        deleted, _kinds = Officer.objects.filter(user=user, unit=unit).delete()
        return deleted > 0


def public_key_check(public_key: bytes) -> bytes:
    if len(public_key) != PUBLIC_KEY_BYTES:
        raise Refusal(
            _("An Ed25519 public key is 32 bytes; this one is %(n)s.") % {"n": len(public_key)},
            field="public_key",
        )
    return bytes(public_key)


def commune_key_set(*, commune: Commune, public_key: bytes) -> CommuneKey:
    """Set or replace the commune's public key (32 bytes of Ed25519)."""
    public_key = public_key_check(public_key)
    with transaction.atomic():
        key, _created = CommuneKey.objects.update_or_create(
            commune=commune, defaults={"public_key": public_key}
        )
        return key


@dataclass(frozen=True)
class SpokespersonIn:
    name: str
    national_id: str
    council: str
    role: str


@dataclass(frozen=True)
class RegistrationIn:
    """What a registration form sends."""

    commune_uuid: uuid_module.UUID
    code: str
    name: str
    municipality: str
    state: str
    city: Unit
    public_key: bytes
    acta: bytes
    assembly_on: date
    registered_voters: int
    present: int
    votes_for: int
    votes_against: int
    abstentions: int
    spokespeople: tuple[SpokespersonIn, ...]


def acta_check(acta: bytes) -> bytes:
    if len(acta) > ACTA_MAX_BYTES:
        raise Refusal(_("The acta is larger than 5 MB."), field="acta")
    if not acta.startswith(b"%PDF"):
        raise Refusal(_("The acta must be a PDF file."), field="acta")
    return acta


def _registration_check(data: RegistrationIn) -> None:
    acta_check(data.acta)
    public_key_check(data.public_key)
    if data.city.level != Unit.Level.CITY:
        raise Refusal(_("Choose a communal city."), field="city")
    if data.present > data.registered_voters:
        raise Refusal(
            _("More people present than registered voters."), field="present", code="vote"
        )
    if data.votes_for + data.votes_against + data.abstentions != data.present:
        raise Refusal(
            _("The votes for, against and abstentions must add up to those present."),
            field="votes_for",
            code="vote",
        )
    if data.votes_for <= data.votes_against:
        raise Refusal(
            _("The founding was not carried: fewer votes for than against."),
            field="votes_for",
            code="vote",
        )
    if not data.spokespeople:
        raise Refusal(_("Name the commune's spokespeople."), field="spokespeople")
    if data.assembly_on > timezone.localdate():
        raise Refusal(_("The founding assembly cannot be in the future."), field="assembly_on")


def registration_submit(
    *, data: RegistrationIn, token: str | None = None, resubmit: Registration | None = None
) -> Registration:
    """Record a commune's registration, waiting for an officer's review; or, with
    ``resubmit``, send a returned registration again, corrected. A second submit of the same
    form (the same ``token``) answers the registration the first one made."""
    if token and (done := Registration.objects.filter(form_token=token).first()) is not None:
        return done
    _registration_check(data)
    fields = {
        "commune_uuid": data.commune_uuid,
        "code": data.code.strip().lower(),
        "name": data.name.strip(),
        "municipality": data.municipality.strip(),
        "state": data.state.strip(),
        "city": data.city,
        "public_key": data.public_key,
        "acta": data.acta,
        "acta_sha256": hashlib.sha256(data.acta).hexdigest(),
        "assembly_on": data.assembly_on,
        "registered_voters": data.registered_voters,
        "present": data.present,
        "votes_for": data.votes_for,
        "votes_against": data.votes_against,
        "abstentions": data.abstentions,
        "submitted_at": timezone.now(),
    }
    try:
        with transaction.atomic():
            if resubmit is not None:
                registration = Registration.objects.select_for_update().get(pk=resubmit.pk)
                if registration.status != RegistrationStatus.RETURNED:
                    raise Refusal(
                        _("Only a returned registration is corrected and sent again."),
                        code="not_returned",
                        status=409,
                    )
                fields["commune_uuid"] = registration.commune_uuid
                for name, value in fields.items():
                    setattr(registration, name, value)
                registration.status = RegistrationStatus.PENDING
                registration.form_token = token
                registration.save()
                registration.spokespeople.all().delete()
            else:
                registered = CommuneUnit.objects.filter(commune__uuid=data.commune_uuid)
                if registered.exists():
                    raise Refusal(
                        _("A commune with this id is already part of the federation here."),
                        field="commune_uuid",
                        code="duplicate",
                    )
                registration = Registration.objects.create(**fields, form_token=token)
            RegistrationSpokesperson.objects.bulk_create(
                RegistrationSpokesperson(
                    registration=registration,
                    name=s.name.strip(),
                    national_id=s.national_id.strip(),
                    council=s.council.strip(),
                    role=s.role.strip(),
                )
                for s in data.spokespeople
            )
            return registration
    except IntegrityError:
        done = Registration.objects.filter(form_token=token).first() if token else None
        if done is not None:
            return done
        raise Refusal(
            _("This commune has already sent a registration."),
            field="commune_uuid",
            code="duplicate",
        ) from None


def _locked_pending(registration: Registration) -> Registration:
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status != RegistrationStatus.PENDING:
        raise Refusal(
            _("This registration was already decided."), code="already_decided", status=409
        )
    return locked


def registration_accept(*, registration: Registration, by: User) -> Commune:
    """Accept a pending registration: the commune (with the id its laptop gave it), its place
    in the communal city and its key, all in one transaction. Two officers accepting at once
    make one commune: the registration's row is locked, and the second finds it decided.

    A commune already on this server with the registration's id (built here before it was
    registered, as the demo's are) is placed and keyed, not made again."""
    with transaction.atomic():
        locked = _locked_pending(registration)
        commune = Commune.objects.filter(uuid=locked.commune_uuid).first()
        if commune is None:
            commune = commune_create(
                code=locked.code,
                name=locked.name,
                municipality=locked.municipality,
                state=locked.state,
                uuid=locked.commune_uuid,
            )
        commune_place(commune=commune, unit=locked.city)
        commune_key_set(commune=commune, public_key=bytes(locked.public_key))
        locked.status = RegistrationStatus.ACCEPTED
        locked.commune = commune
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.reason = ""
        locked.save(update_fields=["status", "commune", "decided_at", "decided_by", "reason"])
        identity_flags_refresh(commune=commune)
    registration.refresh_from_db()
    return commune


def registration_return(*, registration: Registration, by: User, reason: str) -> Registration:
    """Return a pending registration to its commune with the reason, to be corrected."""
    reason = reason.strip()
    if not reason:
        raise Refusal(_("Say why the registration is returned."), field="reason")
    with transaction.atomic():
        locked = _locked_pending(registration)
        locked.status = RegistrationStatus.RETURNED
        locked.reason = reason[:2000]
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    registration.refresh_from_db()
    return registration


def identity_flags_refresh(*, commune: Commune) -> int:
    """Flag every national ID of ``commune``'s census that another commune on this server
    also holds; returns how many flags are new. Idempotent: a pair already flagged stays one
    flag. Nobody is merged or changed: both communes are told, and they sort it out."""
    ours = (
        Person.objects.of(commune)
        .filter(national_id__isnull=False)
        .values_list("national_id", flat=True)
    )
    shared = (
        Person.objects.all_communes()
        .filter(national_id__in=ours)
        .exclude(commune=commune)
        .values("national_id", "commune_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    flags = [
        IdentityFlag(
            national_id=row["national_id"],
            first_id=min(commune.pk, row["commune_id"]),
            second_id=max(commune.pk, row["commune_id"]),
        )
        for row in shared.iterator()
    ]
    with transaction.atomic():
        before = IdentityFlag.objects.filter(first=commune).count()
        before += IdentityFlag.objects.filter(second=commune).count()
        IdentityFlag.objects.bulk_create(flags, ignore_conflicts=True, batch_size=1000)
        after = IdentityFlag.objects.filter(first=commune).count()
        after += IdentityFlag.objects.filter(second=commune).count()
    return after - before


def tally_refresh(communes: Iterable[int]) -> int:
    """Count ``communes`` (their ids) again and keep their tallies; returns how many.

    One statement writes them all (an upsert), so that two pages recounting the same commune at
    once leave one tally, the later count. The tallies go to the primary even while a page
    reads from the replica: they are a cache of what the primary holds."""
    ids = list(communes)
    if not ids:
        return 0
    now = timezone.now()
    today = timezone.localdate(now)
    tallies = [
        CommuneTally(
            commune_id=pk,
            households=c.households,
            people=c.people,
            reached=c.reached,
            incidents=c.incidents,
            incidents_open=c.incidents_open,
            statements_approved=c.statements_approved,
            decisions=c.decisions,
            decisions_done=c.decisions_done,
            ages=c.ages,
            kinds=[list(kind) for kind in c.kinds],
            counted_on=today,
            counted_at=now,
        )
        for pk, c in commune_counts(ids).items()
    ]
    fields = [f.name for f in CommuneTally._meta.concrete_fields if f.name != "commune"]
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        CommuneTally.objects.using(DEFAULT_DB_ALIAS).bulk_create(
            tallies, update_conflicts=True, unique_fields=["commune"], update_fields=fields
        )
    return len(tallies)


def tallies_refresh_stale(unit: Unit) -> int:
    """Recount the communes below ``unit`` whose tally is not from today (a state's or the
    nation's page does it before it reads them)."""
    return tally_refresh(tallies_stale(unit))
