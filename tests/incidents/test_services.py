"""The incidents' services: numbering, triage, assignment, status, work logs, photos."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from PIL import Image

from comuna.core.refusals import Refusal
from comuna.core.services import commune_create
from comuna.incidents import services
from comuna.incidents.kinds import STANDARD_KINDS
from comuna.incidents.models import IncidentEvent, IncidentKind, IncidentStatus, WorkLog
from comuna.ledger.models import Account
from tests.incidents.conftest import Services

pytestmark = pytest.mark.django_db


def png(size: tuple[int, int] = (4, 4)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, "red").save(out, "PNG")
    return out.getvalue()


def test_every_new_commune_gets_the_standard_kinds(svc: Services) -> None:
    codes = set(IncidentKind.objects.of(svc.world.commune).values_list("code", flat=True))
    assert codes == {code for code, _name in STANDARD_KINDS}


def test_a_commune_created_later_gets_them_too(db: None) -> None:
    commune = commune_create(name="Comuna Nueva", code="nueva")
    assert IncidentKind.objects.of(commune).filter(standard=True).count() == len(STANDARD_KINDS)


def test_the_administrator_adds_a_kind_once(svc: Services) -> None:
    services.kind_create(commune=svc.world.commune, name="Drainage")
    with pytest.raises(Refusal):
        services.kind_create(commune=svc.world.commune, name="drainage")
    with pytest.raises(Refusal):
        services.kind_create(commune=svc.world.commune, name="Water")


def test_reports_are_numbered_one_after_another(svc: Services) -> None:
    numbers = [svc.report().number for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_households_affected_default_to_the_sector_in_the_census(svc: Services) -> None:
    assert svc.report().households_affected == 2
    assert svc.report(households_affected=40).households_affected == 40


def test_a_report_writes_its_first_event(svc: Services) -> None:
    incident = svc.report()
    event = IncidentEvent.objects.get(incident=incident)
    assert event.status == IncidentStatus.REPORTED
    assert event.by == svc.world.resident


@pytest.mark.parametrize(
    "fields",
    [
        {"description": "  "},
        {"address": ""},
        {"since": timezone.localdate() + dt.timedelta(days=1)},
        {"latitude": Decimal("10.1")},
        {"latitude": Decimal("91"), "longitude": Decimal("1")},
        {"kind": None},
    ],
)
def test_a_bad_report_is_refused_and_nothing_is_written(svc: Services, fields: dict) -> None:
    with pytest.raises(Refusal):
        svc.report(**fields)
    assert not IncidentEvent.objects.exists()


def test_a_sector_of_another_council_is_refused(svc: Services) -> None:
    with pytest.raises(Refusal):
        svc.report(council=svc.world.other_council, household=None)


def test_triage_assign_work_and_resolve_write_the_timeline(svc: Services) -> None:
    admin = svc.world.admin
    incident = svc.report()
    services.incident_triage(incident=incident, priority="high", by=admin)
    services.incident_assign(incident=incident, brigade=svc.brigade, by=admin)
    services.worklog_record(
        incident=incident,
        date=timezone.localdate(),
        hours=Decimal("3.5"),
        people=3,
        done="Changed the valve",
        by=svc.brigadista,
    )
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.IN_PROGRESS
    services.incident_status_set(incident=incident, status="resolved", by=svc.brigadista)
    incident.refresh_from_db()
    assert incident.resolved_at is not None and incident.assigned_at is not None
    statuses = list(
        IncidentEvent.objects.filter(incident=incident)
        .order_by("at", "pk")
        .values_list("status", flat=True)
    )
    assert statuses == ["reported", "triaged", "assigned", "in_progress", "resolved"]


def test_a_reported_incident_cannot_be_resolved_before_it_is_assigned(svc: Services) -> None:
    incident = svc.report()
    with pytest.raises(Refusal):
        services.incident_status_set(incident=incident, status="resolved", by=None)


def test_work_on_an_unassigned_incident_is_refused(svc: Services) -> None:
    incident = svc.report()
    with pytest.raises(Refusal):
        services.worklog_record(
            incident=incident,
            date=timezone.localdate(),
            hours=Decimal(1),
            people=1,
            done="x",
            by=None,
        )


def test_a_material_goes_from_the_store_into_repairs_and_never_below_zero(
    svc: Services,
) -> None:
    commune = svc.world.commune
    cement = services.repair_material_create(commune=commune, name="Cement", unit="KG")
    services.repair_material_receive(
        material=cement, quantity=50_000, date=timezone.localdate(), source="Alcaldía", by=None
    )
    incident = svc.report()
    services.incident_assign(incident=incident, brigade=svc.brigade, by=None)
    log = services.worklog_record(
        incident=incident,
        date=timezone.localdate(),
        hours=Decimal(2),
        people=2,
        done="Patched the pipe",
        material=cement,
        quantity=20_000,
        by=svc.brigadista,
    )
    assert log.entry is not None
    stock = Account.objects.of(commune).get(code=cement.stock_account)
    assert stock.natural == 30_000
    with pytest.raises(Refusal):
        services.worklog_record(
            incident=incident,
            date=timezone.localdate(),
            hours=Decimal(2),
            people=2,
            done="More",
            material=cement,
            quantity=40_000,
            by=svc.brigadista,
        )
    assert WorkLog.objects.count() == 1
    stock.refresh_from_db()
    assert stock.natural == 30_000


def test_a_photo_is_kept_only_when_it_is_an_image(svc: Services, settings: object) -> None:
    incident = svc.report()
    photo = services.incident_photo_add(incident=incident, content=png(), by=None)
    assert (services.photos_root() / photo.path).read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(Refusal):
        services.incident_photo_add(incident=incident, content=b"%PDF-1.4 nothing", by=None)
    with pytest.raises(Refusal):
        services.incident_photo_add(
            incident=incident, content=b"\x89PNG" + b"0" * services.MAX_PHOTO_BYTES, by=None
        )


def test_an_incident_keeps_at_most_five_photos(svc: Services) -> None:
    incident = svc.report()
    for _ in range(services.MAX_PHOTOS):
        services.incident_photo_add(incident=incident, content=png(), by=None)
    with pytest.raises(Refusal):
        services.incident_photo_add(incident=incident, content=png(), by=None)


def test_the_command_lists_the_open_incidents_as_json(svc: Services) -> None:
    import json
    from io import StringIO

    from django.core.management import call_command

    open_one = svc.report()
    closed = svc.report()
    services.incident_status_set(incident=closed, status="dismissed", by=None)
    out = StringIO()
    call_command("incidents", "list", "--open", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [r["reference"] for r in rows] == [open_one.reference]
    assert "Calle" not in out.getvalue()
    out = StringIO()
    call_command("incidents", "list", stdout=out)
    assert len(out.getvalue().splitlines()) == 2
