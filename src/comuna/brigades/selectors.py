"""Reads of the brigades: whose they are, who is on duty, the hours served, the public counts.

``brigades_of_login`` and ``brigade_is_led_by`` are the two other apps use (incidents, peace)
to know which brigades a login acts for.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from comuna.brigades.models import Brigade, BrigadeKind, BrigadeMember, Shift
from comuna.core.models import Commune
from comuna.users.actors import Actor


def brigades_of_login(actor: Actor) -> QuerySet[Brigade]:
    """The brigades of the actor's commune where the actor's login is an active member."""
    login = actor.login
    if login is None or actor.commune is None:
        return Brigade.objects.none()
    return (
        Brigade.objects.of(actor.commune)
        .filter(members__login=login, members__left_on__isnull=True)
        .distinct()
    )


def brigade_is_led_by(actor: Actor, brigade: Brigade) -> bool:
    """Whether the actor's login is the brigade's active spokesperson."""
    login = actor.login
    if login is None or actor.commune is None or brigade.commune_id != actor.commune.pk:
        return False
    return (
        BrigadeMember.objects.of(brigade.commune_id)
        .filter(brigade=brigade, login=login, is_spokesperson=True, left_on__isnull=True)
        .exists()
    )


def members_active(brigade: Brigade) -> QuerySet[BrigadeMember]:
    return (
        BrigadeMember.objects.of(brigade.commune_id)
        .filter(brigade=brigade, left_on__isnull=True)
        .select_related("person", "person__household", "login")
    )


def member_of_login(actor: Actor, brigade: Brigade) -> BrigadeMember | None:
    """The actor's own active membership of the brigade, if any."""
    if actor.login is None:
        return None
    return members_active(brigade).filter(login=actor.login).first()


def on_duty(
    commune: Commune | int, brigades: QuerySet[Brigade], *, at: dt.datetime | None = None
) -> QuerySet[Shift]:
    """The shifts under way at ``at`` (now) in these brigades of ``commune``."""
    at = at or timezone.now()
    return (
        Shift.objects.of(commune)
        .filter(brigade__in=brigades, starts_at__lte=at, ends_at__gt=at)
        .select_related("brigade", "member__person")
        .order_by("brigade__name", "starts_at")
    )


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first instant of the month of ``month`` and of the next, in the local time."""
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(first, dt.time(), tzinfo=zone),
        dt.datetime.combine(following, dt.time(), tzinfo=zone),
    )


def month_parse(text: str) -> dt.date | None:
    """``2026-11`` as the first day of that month; None when it is not a month."""
    try:
        return dt.datetime.strptime(text, "%Y-%m").date() if len(text) == 7 else None  # noqa: DTZ007 - a date
    except ValueError:
        return None


def shifts_of_month(brigade: Brigade, month: dt.date) -> QuerySet[Shift]:
    start, end = month_bounds(month)
    return (
        Shift.objects.of(brigade.commune_id)
        .filter(brigade=brigade, starts_at__lt=end, ends_at__gt=start)
        .select_related("member__person")
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True, slots=True)
class Served:
    member: BrigadeMember
    shifts: int
    hours: float


def hours_served(brigade: Brigade, month: dt.date) -> list[Served]:
    """Hours each member served in the month (a shift across the month's edge counts its part
    inside), the most first."""
    start, end = month_bounds(month)
    hours: dict[int, float] = defaultdict(float)
    counts: dict[int, int] = defaultdict(int)
    members: dict[int, BrigadeMember] = {}
    for shift in shifts_of_month(brigade, month):
        inside = min(shift.ends_at, end) - max(shift.starts_at, start)
        hours[shift.member_id] += inside.total_seconds() / 3600
        counts[shift.member_id] += 1
        members[shift.member_id] = shift.member
    return sorted(
        (Served(members[m], counts[m], round(hours[m], 1)) for m in members),
        key=lambda s: (-s.hours, s.member.person.last_names),
    )


def overlapping(
    member: BrigadeMember, starts_at: dt.datetime, ends_at: dt.datetime
) -> Shift | None:
    """A shift of the same person, in any brigade, that overlaps the period."""
    return (
        Shift.objects.of(member.commune_id)
        .filter(member__person_id=member.person_id, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .select_related("brigade")
        .order_by("starts_at")
        .first()
    )


@dataclass(frozen=True, slots=True)
class PublicBrigade:
    name: str
    kind: str
    members: int


@dataclass(frozen=True, slots=True)
class PublicFigures:
    by_kind: list[tuple[str, int]]
    brigades: list[PublicBrigade]
    hours_last_month: float
    month: dt.date


def public_figures(commune: Commune, *, today: dt.date) -> PublicFigures:
    """Counts only: brigades by kind, members per brigade, hours served last month."""
    brigades = (
        Brigade.objects.of(commune)
        .filter(active=True)
        .annotate(people=Count("members", filter=Q(members__left_on__isnull=True)))
        .order_by("kind", "name")
    )
    kinds = dict(BrigadeKind.choices)
    by_kind: dict[str, int] = defaultdict(int)
    rows = []
    for b in brigades:
        by_kind[str(kinds.get(b.kind, b.kind))] += 1
        rows.append(PublicBrigade(b.name, b.kind_label, b.people))
    month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    start, end = month_bounds(month)
    total = 0.0
    for starts_at, ends_at in (
        Shift.objects.of(commune)
        .filter(starts_at__lt=end, ends_at__gt=start)
        .values_list("starts_at", "ends_at")
    ):
        total += (min(ends_at, end) - max(starts_at, start)).total_seconds() / 3600
    return PublicFigures(
        by_kind=sorted(by_kind.items()), brigades=rows, hours_last_month=round(total), month=month
    )
