"""Whatever steps are tried on an incident, in any order, it stays whole: a closed incident
has its time, an open one none; every step taken is one event of its timeline, every step
refused changes nothing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comuna.core.refusals import Refusal
from comuna.incidents import services
from comuna.incidents.models import IncidentEvent, IncidentStatus
from tests.incidents.conftest import Services

pytestmark = pytest.mark.django_db

STEPS = st.lists(
    st.one_of(
        st.sampled_from(IncidentStatus.values).map(lambda s: ("status", s)),
        st.just(("assign", "")),
        st.sampled_from(["low", "urgent"]).map(lambda p: ("triage", p)),
    ),
    max_size=8,
)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS)
def test_any_sequence_of_steps_keeps_the_incident_whole(svc: Services, steps: list) -> None:
    incident = svc.report()
    taken = 1
    for action, value in steps:
        before = (incident.status, incident.resolved_at, incident.brigade_id)
        try:
            if action == "status":
                incident = services.incident_status_set(incident=incident, status=value, by=None)
            elif action == "assign":
                incident = services.incident_assign(incident=incident, brigade=svc.brigade, by=None)
            else:
                incident = services.incident_triage(incident=incident, priority=value, by=None)
            taken += 1
        except Refusal:
            incident.refresh_from_db()
            assert (incident.status, incident.resolved_at, incident.brigade_id) == before
        closed = incident.status in (IncidentStatus.RESOLVED, IncidentStatus.DISMISSED)
        assert (incident.resolved_at is not None) is closed
        assert IncidentEvent.objects.filter(incident=incident).count() == taken
