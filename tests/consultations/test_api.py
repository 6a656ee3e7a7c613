from __future__ import annotations

from comuna.consultations.services import consultation_close, consultation_publish
from tests.conftest import client_for
from tests.consultations.conftest import Federation, hold, projects, question


def test_the_api_gives_the_published_totals_and_heads_to_anybody(federation: Federation) -> None:
    f = federation
    consultation = projects(f)
    a = hold(f, consultation, f.a, [3, 2, 1], present=6)
    hold(f, consultation, f.b, [1, 2, 1], present=5)
    hidden = question(f)
    consultation_close(consultation=consultation, by=None)
    consultation_publish(consultation=consultation, by=None)
    client = client_for(None)
    listed = client.get("/api/consultations/").json()
    assert [c["id"] for c in listed] == [consultation.pk]
    result = client.get(f"/api/consultations/{consultation.pk}").json()
    assert result["total"] == 10
    assert [o["votes"] for o in result["options"]] == [4, 4, 2]
    assert [o["funded"] for o in result["options"]] == [False, True, True]
    panal = next(c for c in result["communes"] if c["code"] == f.a.code)
    assert panal["votes"] == [3, 2, 1] and panal["acta_head"] == a.acta_head
    assert client.get(f"/api/consultations/{hidden.pk}").status_code == 404
