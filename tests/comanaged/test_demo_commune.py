"""The demo's plant on a real demo commune: its parliament (with its seats held) meets to
approve the plant's first stage, on a day it holds no other meeting. What the test writes is
rolled back (``db``)."""

from __future__ import annotations

import random

from django.utils import timezone

from comuna.comanaged.models import StageStatus, TransitionStage
from comuna.demo.comanaged import comanaged_demo_build
from comuna.governance.models import OrganKind
from tests import factories
from tests.pages import Demo


def test_on_the_demo_commune_its_parliament_approves_the_first_stage(
    demo_module: Demo, db: None
) -> None:
    b = factories.make_commune(name="Comuna Vecina Tres")
    c = factories.make_commune(name="Comuna Vecina Cuatro")
    plant = comanaged_demo_build(
        [demo_module.commune, b, c], random.Random(3), today=timezone.localdate()
    )
    assert plant is not None
    stages = list(TransitionStage.objects.of(demo_module.commune).filter(comanaged=plant))
    assert [s.status for s in stages] == [StageStatus.DONE, StageStatus.PLANNED]
    assert stages[0].decision is not None
    assert stages[0].decision.proposal.meeting.organ.kind == OrganKind.PARLIAMENT
