"""A commune's holding is its own: another commune's administrator, in the same city and of
the same consultation, never reads or changes it; the scoping habit holds in the services."""

from __future__ import annotations

from comuna.consultations import access
from comuna.consultations.models import Holding
from comuna.memberships.selectors import actor_for
from tests.conftest import client_for
from tests.consultations.conftest import Federation, hold, post, question


def test_a_communes_holding_is_invisible_to_another(federation: Federation) -> None:
    f = federation
    consultation = question(f)
    holding_a = hold(f, consultation, f.a, [3, 1], close=False)
    b = actor_for(f.admin_b, f.b)
    assert access.holding_of(b, consultation) is None
    page = client_for(f.admin_b).get(f"/consultas/{consultation.pk}/comuna/")
    assert page.status_code == 200
    assert f"/gobierno/reuniones/{holding_a.meeting.pk}/" not in page.content.decode()
    assert 'data-testid="counts"' not in page.content.decode()
    # B's administrator sends votes: there is no holding of B, so 404; A's is untouched.
    yes, no = consultation.options.order_by("position")
    response = post(
        client_for(f.admin_b),
        f"/consultas/{consultation.pk}/comuna/votos/",
        {f"option_{yes.pk}": 0, f"option_{no.pk}": 0, "blank": 0},
    )
    assert response.status_code == 404
    response = post(client_for(f.admin_b), f"/consultas/{consultation.pk}/comuna/cerrar/", {})
    assert response.status_code == 404
    holding_a.refresh_from_db()
    assert (holding_a.votes_cast, holding_a.status) == (4, "recording")
    assert Holding.objects.of(f.b).count() == 0


def test_b_cannot_hold_it_in_a_meeting_of_a(federation: Federation) -> None:
    f = federation
    consultation = question(f)
    holding_a = hold(f, consultation, f.a, [1, 1], close=False)
    response = post(
        client_for(f.admin_b),
        f"/consultas/{consultation.pk}/comuna/reunion/",
        {"meeting": holding_a.meeting.pk},
    )
    assert response.status_code == 302  # refused on the form: not one of B's meetings
    assert Holding.objects.of(f.b).count() == 0
