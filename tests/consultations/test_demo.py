from __future__ import annotations

from comuna.consultations.models import ConsultationStatus, Holding, Option, PublishedResult
from comuna.demo.consultations import consultations_demo
from tests.consultations.conftest import Federation


def _state() -> list[object]:
    return [
        list(Option.objects.order_by("pk").values_list("label", "votes", "funded")),
        list(PublishedResult.objects.order_by("pk").values_list("commune_code", "acta_head")),
        Holding.objects.all_communes().count(),
    ]


def test_the_demo_publishes_a_consultation_and_builds_twice_without_change(
    federation: Federation,
) -> None:
    f = federation
    consultation = consultations_demo(unit=f.city, communes=[f.a, f.b])
    assert consultation.status == ConsultationStatus.PUBLISHED
    assert PublishedResult.objects.filter(consultation=consultation).count() == 2
    assert Option.objects.filter(consultation=consultation, funded=True).exists()
    before = _state()
    again = consultations_demo(unit=f.city, communes=[f.a, f.b])
    assert again.pk == consultation.pk
    assert _state() == before
