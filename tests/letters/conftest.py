"""The letters' world: the shared personas, two incidents in council CC01 (one resolved), one
in CC02, reported by the resident, and the water utility to write to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from comuna.incidents.models import Incident, IncidentKind, IncidentStatus
from comuna.letters import services
from comuna.letters.models import Institution, InstitutionKind
from tests.conftest import World


@dataclass
class Post:
    world: World
    utility: Institution
    pipe: Incident
    pump: Incident
    far: Incident


def incident_make(
    world: World,
    number: int,
    *,
    council: object,
    since: dt.date,
    households: int,
    resolved_days: int | None = None,
) -> Incident:
    kind, _ = IncidentKind.objects.get_or_create(
        commune=world.commune, code="water", defaults={"name": "Water"}
    )
    reported = dt.datetime.combine(since, dt.time(8), tzinfo=timezone.get_current_timezone())
    resolved = reported + dt.timedelta(days=resolved_days) if resolved_days is not None else None
    return Incident.objects.create(
        commune=world.commune,
        number=number,
        kind=kind,
        council=council,
        address="Calle 1, casa 3",
        description="The pipe broke",
        since=since,
        households_affected=households,
        status=IncidentStatus.RESOLVED if resolved else IncidentStatus.REPORTED,
        reported_by=world.resident,
        reporter=world.head,
        reported_at=reported,
        resolved_at=resolved,
    )


@pytest.fixture(name="post")
def post_fixture(world: World) -> Post:
    today = timezone.localdate()
    return Post(
        world=world,
        utility=services.institution_create(
            commune=world.commune,
            name="Hidrolara",
            kind=InstitutionKind.UTILITY,
            contact="Gerencia comercial",
        ),
        pipe=incident_make(
            world, 1, council=world.council, since=today - dt.timedelta(days=10), households=40
        ),
        pump=incident_make(
            world,
            2,
            council=world.council,
            since=today - dt.timedelta(days=30),
            households=25,
            resolved_days=7,
        ),
        far=incident_make(
            world,
            3,
            council=world.other_council,
            since=today - dt.timedelta(days=5),
            households=12,
        ),
    )


def letter_write(post: Post, *incidents: Incident, subject: str = "No water") -> object:
    return services.letter_create(
        commune=post.world.commune,
        institution=post.utility,
        subject=subject,
        incidents=list(incidents) or [post.pipe, post.pump],
        body="Dear sirs,\n\nThe water has stopped.",
        needed="Repair the pump.",
        brigade_work="Changed two valves.",
        by=post.world.admin,
    )
