"""The commune's brigades over JSON: the list, a brigade's members, who is on duty now.
Same rules as the pages (``comuna.brigades.access``): names only to those who read the
brigade."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import P, PathEx, Router, Schema

from comuna.api.auth import api_actor
from comuna.api.errors import READ_ERRORS
from comuna.api.inputs import MAX_ID
from comuna.brigades.access import brigade_for_user, brigades_readable
from comuna.brigades.selectors import members_active, on_duty

router = Router(tags=["brigades"])


class BrigadeOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    council_id: int | None
    funder: str
    active: bool
    members: int


class BrigadeMemberOut(Schema):
    id: int
    person_id: int
    name: str
    skills: str
    is_spokesperson: bool
    joined_on: dt.date


class OnDutyOut(Schema):
    brigade_id: int
    brigade: str
    member_id: int
    name: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    note: str


@router.get("/", response={200: list[BrigadeOut], **READ_ERRORS}, summary="Brigades")
def brigades(request: HttpRequest) -> list[BrigadeOut]:
    """The brigades the caller may read (all for the administrator and the comptroller; a
    council spokesperson's council's; a member's own)."""
    found = (
        brigades_readable(api_actor(request))
        .annotate(people=Count("members", filter=Q(members__left_on__isnull=True)))
        .order_by("kind", "name")
    )
    return [
        BrigadeOut(
            id=b.pk,
            name=b.name,
            kind=b.kind,
            kind_label=b.kind_label,
            council_id=b.council_id,
            funder=b.funder,
            active=b.active,
            members=b.people,
        )
        for b in found
    ]


@router.get(
    "/on-duty", response={200: list[OnDutyOut], **READ_ERRORS}, summary="Who is on duty now"
)
def duty_now(request: HttpRequest) -> list[OnDutyOut]:
    """The shifts under way now in the brigades the caller may read."""
    actor = api_actor(request)
    if actor.commune is None:
        return []
    shifts = on_duty(actor.commune, brigades_readable(actor), at=timezone.now())
    return [
        OnDutyOut(
            brigade_id=s.brigade_id,
            brigade=s.brigade.name,
            member_id=s.member_id,
            name=s.member.person.full_name,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            note=s.note,
        )
        for s in shifts
    ]


@router.get(
    "/{brigade_id}/members",
    response={200: list[BrigadeMemberOut], **READ_ERRORS},
    summary="A brigade's members",
)
def members(
    request: HttpRequest, brigade_id: PathEx[int, P(ge=1, le=MAX_ID)]
) -> list[BrigadeMemberOut]:
    """The active members of a brigade the caller may read; 404 for any other."""
    brigade = brigade_for_user(api_actor(request), brigade_id)
    return [
        BrigadeMemberOut(
            id=m.pk,
            person_id=m.person_id,
            name=m.person.full_name,
            skills=m.skills,
            is_spokesperson=m.is_spokesperson,
            joined_on=m.joined_on,
        )
        for m in members_active(brigade).order_by("-is_spokesperson", "person__last_names")
    ]
